// A house sets its own limits under `limits:`: a picture special raises the photo count, a brief-only desk lowers
// it, and each error names the limit and where to raise it. A misspelt limit gets "did you mean".
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../../src/manuscript/guards.ts';
import { loadManuscript } from '../../src/manuscript/load.ts';
import { parseConfig } from '../../src/project/load-config.ts';
import { resolveProject } from '../../src/project/resolve.ts';
import { broadsheetErrorOf } from '../helpers/build.ts';
import { jpegBytes } from '../helpers/images.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
let story: string;
beforeAll(async () => {
  temp = await tempFolder('house-limits');
  story = join(temp.path, 'story');
  await mkdir(join(story, 'images'), { recursive: true });
  for (const name of ['a', 'b', 'c']) await writeFile(join(story, `images/${name}.jpg`), jpegBytes(800, 600));
  await writeFile(join(story, 'article.md'), '---\nheadline: Three photos\nlang: en-GB\n---\n\nText.\n\n![A](images/a.jpg "Desk")\n\n![B](images/b.jpg "Desk")\n\n![C](images/c.jpg "Desk")\n');
});
afterAll(async () => temp?.remove());

async function houseWith(name: string, config: string) {
  const house = join(temp.path, name);
  await mkdir(house, { recursive: true });
  await writeFile(join(house, 'broadsheet.config.yaml'), config);
  return resolveProject({ cwd: house });
}

describe('limits from the house config', () => {
  it('keeps Broadsheet’s defaults where the house says nothing', async () => {
    const project = await houseWith('plain', 'paper: { name: The Courier }\n');
    expect(project.limits).toEqual(defaultLimits);
  });

  it('refuses the third photo when the house allows two, naming the setting to raise', async () => {
    const project = await houseWith('briefs', 'limits:\n  maxPhotos: 2\n');
    expect(project.limits.maxPhotos).toBe(2);
    expect(project.limits.maxWordLength).toBe(defaultLimits.maxWordLength);
    const error = await broadsheetErrorOf(loadManuscript({ dir: story, limits: project.limits }));
    expect(error.details.join('\n')).toMatch(/article\.md:12:1: error: this is photo 3; an article may have at most 2: .*`limits: \{ maxPhotos: … \}` in broadsheet\.config\.yaml/);
    // The same article under the defaults is fine.
    await expect(loadManuscript({ dir: story })).resolves.toBeDefined();
  });

  it('says "did you mean" for a misspelt limit', async () => {
    const error = await broadsheetErrorOf(Promise.resolve().then(() => parseConfig('limits:\n  maxPhoto: 60\n', 'c.yaml')));
    expect(error.details.join('\n')).toContain('did you mean `maxPhotos`?');
  });
});
