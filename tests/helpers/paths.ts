// Where things are: the project, its fixtures, and fresh temporary folders that tests clean up.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = join(projectRoot, 'tests/fixtures');

export interface TempFolder {
  readonly path: string;
  remove(): Promise<void>;
}

/** A new empty folder under the system's temporary folder. */
export async function tempFolder(label = 'test'): Promise<TempFolder> {
  const path = await mkdtemp(join(tmpdir(), `broadsheet-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
