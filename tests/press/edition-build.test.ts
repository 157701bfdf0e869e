// The sample edition built once in real Chromium: four page PDFs and an edition PDF with bookmarks, folios on every page,
// and the library story jumping from page 2 to page 4 without losing or repeating a character.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProject } from '../helpers/project.ts';
import { buildEdition, writeEdition, type BuiltEdition } from '../../src/edition/build-edition.ts';
import type { FrameReport, LayoutReport } from '../../src/layout/report.ts';
import { filesBelow, sampleEditionFile } from '../helpers/archive-cli.ts';
import { pdfOutline } from '../helpers/archive-pdf.ts';
import { bodyHan, sampleArticle, type SampleArticle } from '../helpers/archive-sample.ts';
import { mmToPt, readGridPreset } from '../helpers/layout-grid.ts';
import { pageText, pdfFacts, ptRect, readPdfPages, rowsIn } from '../helpers/layout-pdf.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { pdfFonts } from '../helpers/poppler.ts';
import { firstDifference, hanOf } from '../helpers/text.ts';

const pageNumbers = [1, 2, 3, 4];
const jumpOut = '（下转第4版）';
const jumpIn = '（上接第2版）';

let temp: TempFolder;
let built: BuiltEdition;
let out: string;
const articles = new Map<string, SampleArticle>();

beforeAll(async () => {
  temp = await tempFolder('edition');
  built = await buildEdition({ project: await testProject(), file: sampleEditionFile });
  out = await writeEdition(built, join(temp.path, 'edition'));
  for (const slug of ['shanting', 'library', 'market', 'harbour', 'tidal', 'weather', 'brief-bus', 'brief-skating', 'brief-clinic', 'brief-book-fair']) articles.set(slug, await sampleArticle(slug));
});
afterAll(async () => temp?.remove());

const article = (slug: string): SampleArticle => {
  const found = articles.get(slug);
  if (!found) throw new Error(`no sample article ${slug}`);
  return found;
};
const pdfOf = (page: number) => join(out, `page-${page}.pdf`);
/** The screen copy: Chromium's page cut to the trim, where the layout's frames are measured. */
const screenOf = (page: number) => join(out, `page-${page}.screen.pdf`);

function layoutOf(page: number): LayoutReport {
  const found = built.pages.find((candidate) => candidate.number === page);
  if (!found) throw new Error(`page ${page} was not built`);
  return found.layout;
}

/**
 * The frames of each story on a page. The report lists them story by story, each story's columns left to right
 * (a column may hold two frames, above and below a photo), so a story starts where the column number goes back.
 */
function framesByStory(report: LayoutReport): FrameReport[][] {
  const stories: FrameReport[][] = [];
  let previous = Number.POSITIVE_INFINITY;
  for (const frame of report.pages[0]?.frames ?? []) {
    if (frame.column < previous) stories.push([]);
    stories[stories.length - 1]?.push(frame);
    previous = frame.column;
  }
  return stories;
}

/** The text printed in a story's frames on a page PDF (pdftotext words inside each frame's box), frame by frame. */
function printedText(pdf: string, frames: readonly FrameReport[]): string {
  const [page] = readPdfPages(pdf);
  if (!page) throw new Error(`${pdf} has no pages`);
  return frames.map((frame) => rowsIn(page, ptRect(frame.box, 1.5)).map((row) => row.words.map((word) => word.text).join('')).join('')).join('');
}

const bottomOf = (frames: readonly FrameReport[]) => Math.max(...frames.map((frame) => frame.box.y + frame.box.height));
const topOf = (frames: readonly FrameReport[]) => Math.min(...frames.map((frame) => frame.box.y));

describe('broadsheet edition manuscript/edition.yaml', () => {
  it('writes edition.pdf and, for each of the four pages, its PDF, proof and layout report', async () => {
    const files = await filesBelow(out);
    expect(files).toContain('edition.pdf');
    for (const page of pageNumbers) {
      for (const file of [`page-${page}.pdf`, `page-${page}.html`, `page-${page}.layout.json`]) expect(files).toContain(file);
    }
    expect(files.filter((file) => /^page-\d+\.pdf$/.test(file))).toHaveLength(4);
  });

  it('gives each page’s proof its own soft proof and ink overlay, as that page was printed', async () => {
    const shown = new Set<string>();
    for (const page of pageNumbers) {
      const html = await readFile(join(out, `page-${page}.html`), 'utf8');
      const soft = /src="(proof\/[^"]+\.soft-proof\.jpg)"/.exec(html)?.[1];
      const ink = /src="(proof\/[^"]+\.ink\.png)"/.exec(html)?.[1];
      if (!soft || !ink) throw new Error(`page-${page}.html shows no press views`);
      const built1 = built.pages.find((candidate) => candidate.number === page)?.views[0];
      expect(Buffer.from(await readFile(join(out, soft))).equals(Buffer.from(built1?.softProof ?? []))).toBe(true);
      expect(Buffer.from(await readFile(join(out, ink))).equals(Buffer.from(built1?.ink ?? []))).toBe(true);
      shown.add(soft).add(ink);
    }
    expect(shown.size).toBe(2 * pageNumbers.length);
  });

  it('writes each page’s layout report as built', async () => {
    for (const page of pageNumbers) {
      const written: unknown = JSON.parse(await readFile(join(out, `page-${page}.layout.json`), 'utf8'));
      expect(written).toEqual(JSON.parse(JSON.stringify(layoutOf(page))));
    }
  });

  it('prints every page at the zh-broadsheet trim (pdfinfo, ±1 pt), one page per page PDF and four in edition.pdf', () => {
    const { trim } = readGridPreset('zh-broadsheet');
    const edition = pdfFacts(join(out, 'edition.pdf'));
    expect(edition.pages).toBe(4);
    const sizes = [...edition.sizes, ...pageNumbers.flatMap((page) => pdfFacts(pdfOf(page)).sizes)];
    for (const page of pageNumbers) expect(pdfFacts(pdfOf(page)).pages).toBe(1);
    expect(sizes).toHaveLength(8);
    for (const size of sizes) {
      expect(Math.abs(size.width - mmToPt(trim.width))).toBeLessThanOrEqual(1);
      expect(Math.abs(size.height - mmToPt(trim.height))).toBeLessThanOrEqual(1);
    }
  });

  it('bookmarks each page in edition.pdf, with its articles’ headlines under it', () => {
    const outline = pdfOutline(join(out, 'edition.pdf'));
    expect(outline.map((item) => [item.title, item.page])).toEqual([
      ['第1版 专版', 1],
      ['第2版 本地', 2],
      ['第3版 World', 3],
      ['第4版 本地', 4],
    ]);
    expect(outline.map((item) => item.kids.map((kid) => [kid.title, kid.page]))).toEqual([
      [
        [article('shanting').headline, 1],
        [article('brief-bus').headline, 1],
        [article('brief-skating').headline, 1],
      ],
      [
        [article('library').headline, 2],
        [article('market').headline, 2],
      ],
      [
        [article('harbour').headline, 3],
        [article('tidal').headline, 3],
      ],
      [
        [`${article('library').headline}（续）`, 4],
        [article('weather').headline, 4],
        [article('brief-clinic').headline, 4],
        [article('brief-book-fair').headline, 4],
      ],
    ]);
  });

  it('shows the page number and section in each page’s folio, in the page’s language', () => {
    // Page 3 holds English articles, so its folio is set in English.
    const folios = new Map([
      [1, '第1版 专版'],
      [2, '第2版 本地'],
      [3, 'Page 3 World'],
      [4, '第4版 本地'],
    ]);
    for (const page of pageNumbers) {
      const [folio] = pageText(pdfOf(page), 1).split('\n');
      expect(folio, `folio of page ${page}`).toContain('Broadsheet 样报');
      expect(folio, `folio of page ${page}`).toContain(folios.get(page));
    }
  });

  it('embeds every font, none of them Type 3, in each page PDF and in edition.pdf (pdffonts)', () => {
    for (const pdf of [...pageNumbers.map(pdfOf), join(out, 'edition.pdf')]) {
      const fonts = pdfFonts(pdf);
      expect(fonts.length, pdf).toBeGreaterThan(0);
      expect(fonts.filter((font) => !font.embedded).map((font) => font.name), pdf).toEqual([]);
      expect(fonts.filter((font) => font.type.startsWith('Type 3')).map((font) => font.name), pdf).toEqual([]);
    }
  });
});

describe('the library story, jumping from page 2 to page 4', () => {
  const library = () => {
    const [onPage2, market] = framesByStory(layoutOf(2));
    const [onPage4, weather] = framesByStory(layoutOf(4));
    if (!onPage2 || !market || !onPage4 || !weather) throw new Error('pages 2 and 4 should each hold two stories');
    return { onPage2, market, onPage4, weather };
  };

  it('sits in its own blocks: above market on page 2, beside or above weather on page 4 (which the engine sized)', () => {
    const { onPage2, market, onPage4, weather } = library();
    expect(bottomOf(onPage2)).toBeLessThanOrEqual(topOf(market));
    const [mine, theirs] = [2, 4].map((page) => layoutOf(4).stories[page === 2 ? 0 : 1]?.modules[0]?.grid);
    expect(mine && theirs).toBeTruthy();
    if (mine && theirs) {
      const apart = mine.column + mine.columns <= theirs.column || theirs.column + theirs.columns <= mine.column || mine.line + mine.lines <= theirs.line || theirs.line + theirs.lines <= mine.line;
      expect(apart, `${JSON.stringify(mine)} and ${JSON.stringify(theirs)}`).toBe(true);
    }
    expect(onPage4.length + weather.length).toBeGreaterThan(0);
  });

  it('ends on page 2 with the jump line （下转第4版）', () => {
    const text = printedText(screenOf(2), library().onPage2);
    expect(text.endsWith(jumpOut), `…${text.slice(-40)}`).toBe(true);
    expect(text.split(jumpOut)).toHaveLength(2);
  });

  it('starts on page 4 with the jump line （上接第2版）', () => {
    const text = printedText(screenOf(4), library().onPage4);
    expect(text.startsWith(jumpIn), `${text.slice(0, 40)}…`).toBe(true);
    expect(text.split(jumpIn)).toHaveLength(2);
  });

  it('prints every Han character of its body once, in order, across pages 2 and 4 (pdftotext inside its frames)', () => {
    const { onPage2, onPage4 } = library();
    const printed = hanOf(printedText(screenOf(2), onPage2).replace(jumpOut, '') + printedText(screenOf(4), onPage4).replace(jumpIn, ''));
    const expected = bodyHan(article('library').body);
    expect(firstDifference(expected, printed)).toBeUndefined();
    expect(printed).toBe(expected);
  });

  it('hands page 4 a break token, not text: the block and line where page 2 stopped, and the photos that go along', () => {
    const jump = layoutOf(2).stories[0]?.jump;
    expect(jump?.toPage).toBe(4);
    expect(Number.isInteger(jump?.token.at.block)).toBe(true);
    expect(Number.isInteger(jump?.token.at.line)).toBe(true);
    expect(JSON.stringify(jump)).not.toMatch(/<[a-z]/);
    // The photos the token sends are exactly those page 4 prints for the story.
    const sent = jump?.token.figures.length ?? 0;
    const onPage4 = layoutOf(4).pages.flatMap((page) => page.figures).filter((figure) => figure.src.includes('/library/')).length;
    expect(onPage4).toBe(sent);
  });

  it('sends each photo with its text: every library photo is printed once, on page 2 or page 4', () => {
    const photos = [2, 4].flatMap((page) => layoutOf(page).pages.flatMap((report) => report.figures)).filter((figure) => figure.src.includes('/library/'));
    expect(photos.map((figure) => figure.src).sort()).toEqual(['manuscripts/library/images/book-van.jpg', 'manuscripts/library/images/reading-room.jpg']);
  });
});
