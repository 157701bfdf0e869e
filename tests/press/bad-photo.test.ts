// Photos Chromium would print broken (random bytes, a truncated file, corrupt pixel data) stop the build, and the
// output folder of an earlier good build is left as it was.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { broadsheetErrorOf } from '../helpers/build.ts';
import { materialise } from '../helpers/fixture-case.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
let press: PressBrowser;
beforeAll(async () => {
  temp = await tempFolder('bad-photo');
  press = await launchBrowser();
});
afterAll(async () => {
  await press?.close();
  await temp?.remove();
});

/** Every file under `folder` with a hash of its bytes. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(folder, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}

describe.each(['random-bytes-photo', 'truncated-photo', 'corrupt-png-photo'])('the manuscript %s', (name) => {
  it('fails with an error naming the photo and its line in article.md, and writes nothing', async () => {
    const fixture = await materialise(name, temp.path);
    const outDir = join(temp.path, 'fresh', name);
    const error = await broadsheetErrorOf(build({ dir: fixture.dir, outDir, press }));
    const report = error.report();
    expect(report).toMatch(new RegExp(`article\\.md:${fixture.error?.line}:\\d+: error`));
    for (const words of fixture.error?.mentions ?? []) expect(report).toContain(words);
    expect(existsSync(join(temp.path, 'fresh')) ? await readdir(join(temp.path, 'fresh')) : [], 'nothing written, not even a partial folder').toEqual([]);
  });

  it('leaves the output of an earlier good build of the same folder untouched', async () => {
    const outDir = join(temp.path, 'kept', name, 'out');
    const good = await materialise('good-photo', join(temp.path, 'good', name));
    await build({ dir: good.dir, outDir, press });
    const before = await snapshot(outDir);
    expect(Object.keys(before)).toContain('good-photo.pdf');

    const bad = await materialise(name, join(temp.path, 'bad', name));
    await broadsheetErrorOf(build({ dir: bad.dir, outDir, press }));
    expect(await snapshot(outDir)).toEqual(before);
    expect(await readdir(join(temp.path, 'kept', name)), 'no partial folder left beside it').toEqual(['out']);
  });
});
