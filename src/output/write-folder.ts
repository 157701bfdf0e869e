// Writes a finished output folder all at once: into a temporary sibling, then renamed into place, so no half-written folder is ever seen.
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BroadsheetError } from '../errors/catalogue.ts';

export interface OutputFile {
  /** Path inside the folder, with `/` separators. */
  readonly path: string;
  readonly contents: Uint8Array | string;
}

export interface OutputCopy {
  readonly path: string;
  readonly from: string;
}

export async function writeFolder(options: { folder: string; files: readonly OutputFile[]; copies: readonly OutputCopy[] }): Promise<void> {
  const { folder } = options;
  const parent = dirname(folder);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(parent, `.${basename(folder)}.partial-${stamp}`);
  const previous = join(parent, `.${basename(folder)}.previous-${stamp}`);
  try {
    await mkdir(staging, { recursive: true });
    for (const file of options.files) {
      const target = join(staging, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    }
    for (const copy of options.copies) {
      const target = join(staging, copy.path);
      await mkdir(dirname(target), { recursive: true });
      await cp(copy.from, target, { dereference: true });
    }
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

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
