// Tables in a column: a seven-column league table is set smaller until no name or figure breaks, every cell's words
// whole and none over another; a twelve-column one that cannot fit even at 6 pt is refused at its line, not crushed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/index.ts';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { broadsheetErrorOf } from '../helpers/build.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { pdfWords, type PdfWord } from '../helpers/poppler.ts';

const clubs = ['Alder Athletic', 'Port Rovers', 'Northfield United', 'St Brenna’s', 'Harbour Town', 'Kilnmoor'];

/** A league table: club, then `figures` columns of numbers, then the form guide. */
function leagueTable(figures: readonly string[]): string {
  const head = ['Club', ...figures, 'Form'];
  const rows = clubs.map((club, index) => [club, ...figures.map((_, column) => String((index * 7 + column * 3) % 31)), 'WWDLW']);
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const article = (table: string) => `---
headline: League table after the autumn round
byline: Sports Desk
date: 2026-12-02
lang: en-GB
---

The autumn round ended on Saturday with Alder Athletic three points clear at the top, after a two-nil win at Port Rovers that few had expected.

${table}

Below them the table is tighter than it has been for a decade: four points separate second from seventh.
`;

let temp: TempFolder;
let press: PressBrowser;
let fitted: BuildResult;

async function manuscript(name: string, table: string): Promise<string> {
  const dir = join(temp.path, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'article.md'), article(table));
  return dir;
}

beforeAll(async () => {
  temp = await tempFolder('layout-tables');
  press = await launchBrowser();
  fitted = await build({ dir: await manuscript('seven', leagueTable(['P', 'W', 'D', 'L', 'Pts'])), outDir: join(temp.path, 'seven-out'), press });
}, 180_000);
afterAll(async () => {
  await press?.close();
  await temp?.remove();
});

/** Two words on one line whose boxes run into each other (pdftotext's boxes are taller than a line, so lines touch). */
const overlaps = (a: PdfWord, b: PdfWord) =>
  Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < (a.bottom - a.top) / 2 && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5;

describe('a seven-column league table in a 45 mm column', () => {
  it('prints every club’s name in whole words: none broken or hyphenated', () => {
    const words = new Set(pdfWords(fitted.screenPath).map((word) => word.text));
    for (const word of clubs.join(' ').split(' ')) expect(words, word).toContain(word);
  });

  it('sets no word over another', () => {
    const words = pdfWords(fitted.screenPath);
    const clashes = words.flatMap((a, index) => words.slice(index + 1).filter((b) => overlaps(a, b)).map((b) => `${a.text} × ${b.text}`));
    expect(clashes).toEqual([]);
  });
});

describe('a twelve-column table too wide for a column even at 6 pt', () => {
  it('is refused naming its line, the room it needs and what to do', async () => {
    const dir = await manuscript('twelve', leagueTable(['P', 'W', 'D', 'L', 'GF', 'GA', 'GD', 'Pts', 'Home', 'Away']));
    const error = await broadsheetErrorOf(build({ dir, outDir: join(temp.path, 'twelve-out'), press }));
    expect(error.entry.code).toBe('BS041');
    expect(error.report()).toMatch(/table-too-wide: the table at line 10 \(12 columns\) needs \d+ mm .* its column is \d+ mm: use fewer columns/);
  });
});
