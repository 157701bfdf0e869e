// A build killed outright (SIGKILL: no handler runs) leaves its scratch folder behind, with Chromium's profile in it;
// the next run removes it, and a run that ends leaves nothing in the temporary folder: no Chromium profile, no
// Ghostscript gs_* file, no work folder. The temporary folder is the test's own (TMPDIR), so it holds only this.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addFile } from '../helpers/build.ts';
import { jpegBytes } from '../helpers/images.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
let tmp: string;
let dir: string;

const env = () => ({ ...process.env, TMPDIR: tmp });
const runs = () => readdir(join(tmp, 'broadsheet-runs')).catch(() => [] as string[]);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  temp = await tempFolder('leftovers');
  // Short, as a system's /tmp is: Chromium's sockets live under it, and socket paths are limited to 107 bytes.
  tmp = await mkdtemp('/tmp/bsl-');
  dir = join(temp.path, 'story');
  await addFile(dir, 'images/boats.jpg', jpegBytes(1200, 800));
  await addFile(dir, 'article.md', '---\nheadline: Boats return before the storm\nlang: en-GB\n---\n\nThe fishing fleet came back to harbour by noon.\n\n![Boats at the quay](images/boats.jpg "Desk")\n\nThe storm is due tonight.\n');
});
afterAll(async () => {
  await temp?.remove();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

it('a killed build leaves only its run folder, and the next build sweeps it and leaves the temporary folder empty', async () => {
  const killed = spawn(process.execPath, [join(projectRoot, 'bin/broadsheet.js'), 'build', dir, '-o', join(temp.path, 'out')], { env: env(), stdio: 'ignore' });
  // Kill it once Chromium has its profile in the run folder.
  let profile = false;
  for (let waited = 0; waited < 60_000 && !profile; waited += 100) {
    await pause(100);
    for (const run of await runs()) if ((await readdir(join(tmp, 'broadsheet-runs', run)).catch(() => [])).some((name) => name.startsWith('chromium-profile-'))) profile = true;
  }
  expect(profile, 'Chromium’s profile is in the run folder').toBe(true);
  killed.kill('SIGKILL');
  await new Promise((resolve) => killed.once('exit', resolve));
  await pause(1000);
  expect(await runs()).toHaveLength(1);
  expect((await readdir(tmp)).filter((name) => name !== 'broadsheet-runs')).toEqual([]);

  const next = spawn(process.execPath, [join(projectRoot, 'bin/broadsheet.js'), 'build', dir, '-o', join(temp.path, 'out')], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  next.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
  next.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const status = await new Promise((resolve) => next.once('exit', resolve));
  expect(status, said).toBe(0);
  expect(await runs()).toEqual([]);
  expect((await readdir(tmp)).filter((name) => name !== 'broadsheet-runs')).toEqual([]);
}, 240_000);
