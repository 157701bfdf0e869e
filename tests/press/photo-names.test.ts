// Seven awkward photo names (spaces, #, %, +, @, parentheses, a decomposed café, .JPG), written as CommonMark reads
// them, all print: the built page draws every photo once, and the proof's every <img> loads its file.
// (Small photos, below the 450 ppi at which a photo is resampled, so each keeps its own pixel width in the PDF.)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { selectAll } from 'hast-util-select';
import { fromHtml } from 'hast-util-from-html';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/index.ts';
import { addFile } from '../helpers/build.ts';
import { jpegBytes } from '../helpers/images.ts';
import { embeddedImages } from '../helpers/layout-pdf.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { awkward } from '../helpers/photo-names.ts';
import { testProject } from '../helpers/project.ts';

let temp: TempFolder;
let result: BuildResult;
beforeAll(async () => {
  temp = await tempFolder('photo-names-press');
  const dir = join(temp.path, 'names');
  for (const [index, photo] of awkward.entries()) await addFile(dir, `images/${photo.file}`, jpegBytes(480 + index * 40, 320));
  const paragraphs = awkward.map((photo, index) => `The ${index + 1}th paragraph of a story told in photos whose files came from phones and cameras.\n\n![Photo ${index + 1}](${photo.written} "Desk")`);
  await addFile(dir, 'article.md', `---\nheadline: Seven photos with awkward names\nlang: en-GB\n---\n\n${paragraphs.join('\n\n')}\n`);
  result = await build({ project: await testProject(), dir, outDir: join(temp.path, 'out'), allowJump: true });
}, 300_000);
afterAll(async () => temp?.remove());

it('draws every photo in the PDF, each its own file (seven different pixel widths)', () => {
  const widths = embeddedImages(result.screenPath).map((image) => image.width);
  expect(widths).toHaveLength(awkward.length);
  expect(new Set(widths).size).toBe(awkward.length);
});

it('points every <img> of the proof at a copied file that exists', async () => {
  const proof = await readFile(result.proofPath, 'utf8');
  const sources = selectAll('img:not(.press-view)', fromHtml(proof)).map((element) => String(element.properties['src'] ?? ''));
  expect(sources).toHaveLength(awkward.length);
  for (const src of sources) await expect(readFile(join(result.outDir, decodeURIComponent(src))), src).resolves.toBeInstanceOf(Buffer);
});
