// Builds manuscripts for the press tests into temporary folders, through the same build() the CLI uses.
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { build } from '../../src/index.ts';
import type { BuildOptions, BuildResult } from '../../src/build.ts';
import { BroadsheetError } from '../../src/errors/catalogue.ts';
import { fixturesDir, tempFolder, type TempFolder } from './paths.ts';
import { sampleDir } from './sample-article.ts';

export interface SampleBuild {
  readonly result: BuildResult;
  readonly temp: TempFolder;
}

/** The sample article, built once into a fresh folder `<temp>/shanting`. */
export async function buildSample(options: Omit<BuildOptions, 'dir' | 'outDir' | 'project'> = {}): Promise<SampleBuild> {
  const temp = await tempFolder('sample');
  const result = await build({ ...options, dir: sampleDir, outDir: join(temp.path, 'shanting') });
  return { result, temp };
}

/** Copies `tests/fixtures/<name>` into `into/<slug>` (slug defaults to the fixture's last path part) and returns that folder. */
export async function copyFixture(name: string, into: string, slug = name.split('/').at(-1) ?? name): Promise<string> {
  const dir = join(into, slug);
  await cp(join(fixturesDir, name), dir, { recursive: true });
  return dir;
}

/** Writes files into a manuscript folder, making parent folders. */
export async function addFile(dir: string, path: string, contents: Uint8Array | string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), contents);
}

/** Places a symbolic link at `path` in the manuscript folder, pointing at `target`. */
export async function addSymlink(dir: string, path: string, target: string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await symlink(target, join(dir, path));
}

/** The error a promise rejects with; fails the test if it resolves or rejects with something else. */
export async function broadsheetErrorOf(promise: Promise<unknown>): Promise<BroadsheetError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof BroadsheetError) return outcome;
  throw new Error(outcome === undefined ? 'expected the build to fail, but it succeeded' : `expected a BroadsheetError, got ${String(outcome)}`);
}
