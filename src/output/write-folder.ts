// Writes a finished output folder all at once: into a temporary sibling, then renamed into place, so no half-written
// folder is ever seen. Only a folder Broadsheet may replace is replaced (ownership.ts), and the new one carries the
// marker that says so.
import { copyFile, cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BroadsheetError } from '../errors/catalogue.ts';
import { claimOutputFolder, isMissing, outputMarker, outputMarkerFile, type OutputClaim } from './ownership.ts';
import { isAlive } from '../workspace/run-folder.ts';

export interface OutputFile {
  /** Path inside the folder, with `/` separators. */
  readonly path: string;
  readonly contents: Uint8Array | string;
}

export interface OutputCopy {
  readonly path: string;
  readonly from: string;
}

export async function writeFolder(options: Omit<OutputClaim, 'folder'> & { folder: string; files: readonly OutputFile[]; copies: readonly OutputCopy[] }): Promise<void> {
  const { folder } = options;
  const parent = dirname(folder);
  // What a killed run left goes first: an old folder it had moved aside is back before the folder is judged.
  await removeDeadStaging(parent, basename(folder));
  const { kept } = await claimOutputFolder(options);
  const written = [...options.files.map((file) => file.path), ...options.copies.map((copy) => copy.path)];
  // Two files for one path: which one the folder kept would depend on which write finished last.
  const twice = written.filter((path, index) => written.indexOf(path) !== index);
  if (twice.length > 0) throw new Error(`${folder}: ${[...new Set(twice)].join(', ')} would be written twice`);
  const clash = kept.filter((path) => written.includes(path));
  if (clash.length > 0) throw new BroadsheetError('OutputNotOurs', `${clash.join(', ')} in ${folder} would be overwritten by the build, and Broadsheet did not write ${clash.length === 1 ? 'it' : 'them'}.`);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(parent, `.${basename(folder)}.partial-${stamp}`);
  const previous = join(parent, `.${basename(folder)}.previous-${stamp}`);
  try {
    await mkdir(staging, { recursive: true });
    // Every file at once: the folders first (each once), then the writes and copies side by side.
    const targets = [...options.files.map((file) => file.path), ...options.copies.map((copy) => copy.path)].map((path) => join(staging, path));
    for (const directory of new Set(targets.map((target) => dirname(target)))) await mkdir(directory, { recursive: true });
    await Promise.all([
      ...options.files.map((file) => writeFile(join(staging, file.path), file.contents)),
      ...options.copies.map((copy) => copyFile(copy.from, join(staging, copy.path))),
    ]);
    // Files somebody added to a folder Broadsheet made (kept with --force) move into the new folder as they are.
    for (const path of kept) {
      const target = join(staging, path);
      await mkdir(dirname(target), { recursive: true });
      await cp(join(folder, path), target, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    }
    await writeFile(join(staging, outputMarker), outputMarkerFile(written));
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw new BroadsheetError('OutputFailed', `Could not write ${folder}: ${String(cause)}`, { cause });
  }
  // Swap: the old folder stays until the new one is in place.
  let movedAside = false;
  try {
    await rename(folder, previous);
    movedAside = true;
  } catch (error) {
    if (!isMissing(error)) {
      await rm(staging, { recursive: true, force: true });
      throw new BroadsheetError('OutputFailed', `Could not replace ${folder}: ${String(error)}`, { cause: error });
    }
  }
  try {
    await rename(staging, folder);
  } catch (cause) {
    if (movedAside) await rename(previous, folder).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    throw new BroadsheetError('OutputFailed', `Could not move the new output into ${folder}: ${String(cause)}`, { cause });
  }
  if (movedAside) await rm(previous, { recursive: true, force: true });
}

/**
 * A run killed while writing leaves `.<name>.partial-<pid>-…` (half a new folder: removed) or `.<name>.previous-…`
 * (the old folder, moved aside: put back if the new one never arrived, else removed) once its process is gone.
 */
async function removeDeadStaging(parent: string, name: string): Promise<void> {
  const pattern = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(partial|previous)-(\\d+)-\\d+$`);
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    const match = pattern.exec(entry);
    const pid = Number(match?.[2]);
    if (!match || !Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    const path = join(parent, entry);
    if (match[1] === 'previous' && !(await exists(join(parent, name)))) await rename(path, join(parent, name));
    else await rm(path, { recursive: true, force: true });
  }
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);
