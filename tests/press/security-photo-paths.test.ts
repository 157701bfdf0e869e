// Photos from the network, from outside the manuscript folder, or through a link out of it are refused by name and line.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { broadsheetErrorOf } from '../helpers/build.ts';
import { materialise, type FixtureCase } from '../helpers/fixture-case.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
beforeAll(async () => {
  temp = await tempFolder('photo-paths');
});
afterAll(async () => temp?.remove());

describe.each(['remote-photo', 'parent-path-photo', 'symlink-photo'])('the manuscript %s', (name) => {
  let fixture: FixtureCase;
  beforeAll(async () => {
    fixture = await materialise(name, temp.path);
  });

  it('fails to build with an error at the photo’s line of article.md, saying what is wrong', async () => {
    const outDir = join(temp.path, `${name}-out`);
    const error = await broadsheetErrorOf(build({ dir: fixture.dir, outDir }));
    const expected = fixture.error;
    expect(expected).toBeDefined();
    const report = error.report();
    expect(report).toMatch(new RegExp(`article\\.md:${expected?.line}:\\d+: error`));
    for (const words of expected?.mentions ?? []) expect(report).toContain(words);
    expect(existsSync(outDir), 'nothing is written').toBe(false);
  });
});
