// A 16-page edition (the sample edition four times over) set in-process: its pages go through two lanes whose tabs
// take page after page in. A tab that had set other pages once measured some text of the market story in a fallback
// face (its measuring canvas predated a face loaded since): the same story came out set differently on page 10 than
// on page 2. Every copy of a story must be set exactly alike, whichever tab sets it and after what.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, type BuiltEdition } from '../../src/edition/build-edition.ts';
import { testProject } from '../helpers/project.ts';
import { sixteenPageEdition } from '../../scripts/sixteen-page-edition.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
let built: BuiltEdition;

/** Each round's manuscripts have a folder name of their own (market-2): the same name for all. */
const oneRound = (text: string): string => text.replace(/([\w-]+?)-[0-3](?=\/)/g, '$1');

/** The proof's second story (the market story on page 2 of each round): its lines, letter-spacing and gaps. */
const secondStory = (proofHtml: string): string => {
  const starts = [...proofHtml.matchAll(/<article class="story"/g)].map((match) => match.index);
  return oneRound(proofHtml.slice(starts[1] ?? 0, proofHtml.indexOf('</article>', starts[1] ?? 0)));
};

beforeAll(async () => {
  temp = await tempFolder('lanes');
  built = await buildEdition({ project: await testProject(), file: await sixteenPageEdition(join(temp.path, 'edition'), projectRoot) });
}, 400_000);
afterAll(async () => temp?.remove());

describe('an edition set in two lanes of kept tabs', () => {
  it('sets every copy of the market story exactly alike, on pages 2, 6, 10 and 14', () => {
    const copies = [2, 6, 10, 14].map((number) => secondStory(built.pages.find((page) => page.number === number)?.proofHtml ?? ''));
    expect(copies[0]).toContain('冬季菜价总体平稳');
    expect(copies[0]).toMatch(/class="line" style="letter-spacing/);
    for (const copy of copies.slice(1)) expect(copy).toBe(copies[0]);
  });

  it('prints the same story the same way: the four front pages differ only where the folio does', () => {
    const fronts = [1, 5, 9, 13].map((number) => built.pages.find((page) => page.number === number)?.layout);
    const withoutTiming = fronts.map((layout) => oneRound(JSON.stringify({ ...layout, timing: undefined, pages: undefined })).replace(/"page":\d+/g, '"page":0'));
    for (const layout of withoutTiming.slice(1)) expect(layout).toBe(withoutTiming[0]);
  });
});
