// The archive as a desk editor handles it: the broadsheet command run as a child process, and archive folders
// hashed, copied and (being read-only) made writable again so tests can tamper with copies and clean up.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, cp, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { projectRoot, type TempFolder } from './paths.ts';

export const broadsheetBin = join(projectRoot, 'bin/broadsheet.js');

/** The sample edition the README builds: four pages, six manuscripts, one jump. */
export const sampleEditionFile = join(projectRoot, 'manuscript/edition.yaml');

export interface CommandRun {
  /** The exit code; null when the process was killed (e.g. by the timeout). */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/broadsheet.js …` from the project folder, as the README says. */
export function broadsheet(args: readonly string[], timeoutMs = 180_000): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [broadsheetBin, ...args], { cwd: projectRoot, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, stdout, stderr });
    });
  });
}

/** Every file below `dir`, as sorted `/`-separated paths. */
export async function filesBelow(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const item of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, item.name);
      if (item.isDirectory()) await walk(path);
      else found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return found.sort();
}

export async function sha256Of(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** Path → SHA-256 of every file below `dir`. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const path of await filesBelow(dir)) hashes.set(path, await sha256Of(join(dir, path)));
  return hashes;
}

/** Path → permission bits of `dir` and everything below it (`.` for `dir` itself). */
export async function modesBelow(dir: string): Promise<Map<string, number>> {
  const modes = new Map<string, number>([['.', (await stat(dir)).mode & 0o777]]);
  const walk = async (folder: string): Promise<void> => {
    for (const item of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, item.name);
      modes.set(relative(dir, path).split(sep).join('/'), (await stat(path)).mode & 0o777);
      if (item.isDirectory()) await walk(path);
    }
  };
  await walk(dir);
  return modes;
}

/** Gives the owner write permission on `dir` and everything below it (archive entries are read-only). */
export async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) await makeWritable(path);
    else await chmod(path, 0o644);
  }
}

/** Removes a temporary folder that may hold read-only archive entries. */
export async function removeArchive(temp: TempFolder | undefined): Promise<void> {
  if (!temp) return;
  await makeWritable(temp.path).catch(() => undefined);
  await temp.remove();
}

/** Copies one archive entry into `archiveDir` (same entry name), writable, to tamper with. */
export async function copyEntry(entryDir: string, archiveDir: string, name: string): Promise<string> {
  const target = join(archiveDir, name);
  await cp(entryDir, target, { recursive: true });
  await makeWritable(target);
  return target;
}

/** Archive entry folders in `archiveDir`: `<date>_<edition>_rN`. */
export async function entryFolders(archiveDir: string): Promise<string[]> {
  const items = await readdir(archiveDir, { withFileTypes: true });
  return items
    .filter((item) => item.isDirectory() && /_r\d+$/.test(item.name))
    .map((item) => item.name)
    .sort();
}

/** Staging folders an archive run leaves while it writes (or after it died). */
export async function stagingFolders(archiveDir: string): Promise<string[]> {
  const items = await readdir(archiveDir, { withFileTypes: true }).catch(() => []);
  return items.filter((item) => item.name.startsWith('.staging-')).map((item) => item.name);
}
