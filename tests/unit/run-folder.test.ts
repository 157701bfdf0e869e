// The scratch folders of runs that died are swept by the next run; a live run's are left alone. And beside an output
// folder, what a killed build left half-written is removed, and an old folder it had moved aside is put back.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFolder } from '../../src/output/write-folder.ts';
import { sweepDeadRuns } from '../../src/workspace/run-folder.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
/** A process id that has certainly ended: a child that ran and exited. */
let deadPid = 0;
beforeAll(async () => {
  temp = await tempFolder('runs');
  deadPid = spawnSync('true').pid ?? 0;
});
afterAll(async () => temp?.remove());

it('removes the folders of ended runs and keeps a running one’s and anything not named as a run', async () => {
  const root = join(temp.path, 'broadsheet-runs');
  for (const name of [`${deadPid}-loz1c3k0/chromium-profile-x`, `${process.ppid}-loz1c3k1/ink-y`, 'notes']) await mkdir(join(root, name), { recursive: true });
  expect(await sweepDeadRuns(root)).toEqual([`${deadPid}-loz1c3k0`]);
  expect((await readdir(root)).sort()).toEqual([`${process.ppid}-loz1c3k1`, 'notes'].sort());
});

it('beside an output folder: drops a dead build’s half-written folder and puts back the old folder it had moved aside', async () => {
  const parent = join(temp.path, 'dist');
  const source = join(temp.path, 'story');
  await mkdir(source, { recursive: true });
  const old = join(parent, `.page.previous-${deadPid}-1`);
  await writeFolder({ folder: old, sources: [source], files: [{ path: 'page.pdf', contents: 'yesterday' }], copies: [] });
  await writeFile(join(old, 'corrections.txt'), 'the desk’s');
  await mkdir(join(parent, `.page.partial-${deadPid}-2`), { recursive: true });
  await writeFile(join(parent, `.page.partial-${deadPid}-2/page.pdf`), 'half');
  // The next build of `page` finds yesterday's folder back in place, with the file the desk added (so it stops).
  const next = writeFolder({ folder: join(parent, 'page'), sources: [source], files: [{ path: 'page.pdf', contents: 'today' }], copies: [] });
  await expect(next).rejects.toThrow(/corrections\.txt was added/);
  expect(await readdir(parent)).toEqual(['page']);
  expect(await readFile(join(parent, 'page/page.pdf'), 'utf8')).toBe('yesterday');
  expect(await readFile(join(parent, 'page/corrections.txt'), 'utf8')).toBe('the desk’s');
});
