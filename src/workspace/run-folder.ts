// Every scratch file a run makes (Chromium's profile, Ghostscript's and the preflight's work files) lives in one
// folder per run, <tmp>/broadsheet-runs/<pid>-<time>. The run removes it when it exits; a run killed outright leaves it,
// and the next run removes the folders of every run whose process is gone.
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the runs' folders live. */
export const runsRoot = (): string => join(tmpdir(), 'broadsheet-runs');

let current: Promise<string> | undefined;

/** This run's folder, made (and the dead runs' swept) the first time it is asked for. */
export function runFolder(): Promise<string> {
  current ??= openRunFolder();
  return current;
}

/** A new folder of its own inside the run's folder. */
export async function scratchFolder(label: string): Promise<string> {
  return mkdtemp(join(await runFolder(), `${label}-`));
}

/**
 * The environment for a child process: its own temporary files (Ghostscript's gs_*, Chromium's sockets) go into the
 * run's folder. Unix socket paths are limited to 107 bytes, so a child that makes sockets gets the run's folder only
 * while its path leaves room for Chromium's (`.org.chromium.Chromium.XXXXXX/SingletonSocket`).
 */
export async function childEnvironment(options: { sockets?: boolean } = {}): Promise<NodeJS.ProcessEnv> {
  const folder = await runFolder();
  if (options.sockets && folder.length > 60) return { ...process.env };
  return { ...process.env, TMPDIR: folder, TEMP: folder, TMP: folder };
}

async function openRunFolder(): Promise<string> {
  const root = runsRoot();
  await mkdir(root, { recursive: true });
  await sweepDeadRuns(root);
  const folder = join(root, `${process.pid}-${Date.now().toString(36)}`);
  await mkdir(folder);
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Removes the folders of runs whose process has ended; a live run's folder is left alone. */
export async function sweepDeadRuns(root = runsRoot()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const pid = Number(/^(\d+)-[0-9a-z]+$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await rm(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Whether the process `pid` still runs (one of another user's counts as running). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}
