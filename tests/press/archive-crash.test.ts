// An archive run killed outright (SIGKILL, as a power cut or the OOM killer would) while it writes its entry: no
// half-written entry may appear, and the next run clears what the dead one left and archives completely.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadsheet, broadsheetBin, entryFolders, removeArchive, sampleEditionFile, stagingFolders } from '../helpers/archive-cli.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';

interface KilledRun {
  /** True when the run finished on its own before it could be killed. */
  readonly finished: boolean;
  readonly exit: { code: number | null; signal: NodeJS.Signals | null };
  /** What the staging folder held when the kill was sent. */
  readonly stagedAtKill: readonly string[];
}

let temp: TempFolder;
let archiveDir: string;
let killed: KilledRun;
let child: ChildProcess | undefined;

function exited(process: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (process.exitCode !== null || process.signalCode !== null) resolve({ code: process.exitCode, signal: process.signalCode });
    else process.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Starts `broadsheet archive`, waits until it is writing its entry (PDF/A copies under way), and kills its process group. */
async function archiveAndKill(): Promise<KilledRun> {
  // Its own process group, so the kill reaches the Ghostscript it runs as well.
  const started = spawn(process.execPath, [broadsheetBin, 'archive', sampleEditionFile, '--archive', archiveDir], { cwd: projectRoot, detached: true, stdio: 'ignore' });
  child = started;
  const exit = exited(started);
  const deadline = Date.now() + 170_000;
  let stagedAtKill: string[] = [];
  while (Date.now() < deadline) {
    if (started.exitCode !== null) return { finished: true, exit: await exit, stagedAtKill };
    const [staging] = await stagingFolders(archiveDir);
    if (staging) {
      stagedAtKill = await readdir(join(archiveDir, staging)).catch(() => []);
      // Kill once the press PDFs are down and the PDF/A copies have begun: well inside the entry's writing.
      if (stagedAtKill.includes('pdfa') || stagedAtKill.some((name) => name.startsWith('.pdfa-'))) break;
    }
    await sleep(50);
  }
  if (started.pid !== undefined && started.exitCode === null) process.kill(-started.pid, 'SIGKILL');
  return { finished: false, exit: await exit, stagedAtKill };
}

beforeAll(async () => {
  temp = await tempFolder('archive-crash');
  archiveDir = join(temp.path, 'archive');
  await mkdir(archiveDir, { recursive: true });
  killed = await archiveAndKill();
});
afterAll(async () => {
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
  await removeArchive(temp);
});

describe('broadsheet archive, killed while writing its entry', () => {
  it('was killed partway, while the entry was being written', () => {
    expect(killed.finished, 'the run finished before it could be killed').toBe(false);
    expect(killed.exit.signal).toBe('SIGKILL');
    expect(killed.stagedAtKill).toContain('press');
  });

  it('left no entry folder: only its staging folder', async () => {
    expect(await entryFolders(archiveDir)).toEqual([]);
    expect((await stagingFolders(archiveDir)).length).toBeLessThanOrEqual(1);
  });

  it('left nothing a search can find', async () => {
    const run = await broadsheet(['search', '山亭区', '--archive', archiveDir], 60_000);
    expect(run.status).toBe(1);
  });

  it('the next run removes the dead run’s staging folder and archives a complete entry that verifies', async () => {
    const run = await broadsheet(['archive', sampleEditionFile, '--archive', archiveDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('archived 2021-01-08_edition_r1');
    expect(await stagingFolders(archiveDir)).toEqual([]);
    expect(await entryFolders(archiveDir)).toEqual(['2021-01-08_edition_r1']);
    const verified = await broadsheet(['verify', '--archive', archiveDir], 60_000);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('ok 2021-01-08_edition_r1');
    const found = await broadsheet(['search', '山亭区', '--archive', archiveDir], 60_000);
    expect(found.status, found.stdout + found.stderr).toBe(0);
    expect(found.stdout).toContain('[2021-01-08_edition_r1]');
  });
});
