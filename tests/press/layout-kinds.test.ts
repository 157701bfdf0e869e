// Articles of every kind (tests/fixtures/layout-kinds: briefs, a commentary without photos, features with five photos,
// a table, lists and a pull quote, a numbers-heavy report, a story too long for its page, one without `lang`), each
// built as `broadsheet build` builds it and measured on the printed PDF: where the text starts, which photos stand
// above it, the news hole and its shape, the legs' feet, widows and orphans, clreq's line edges, letter-spaced digits,
// Chinese and English spacing, hyphen ladders, photo resolution, size and crop.
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildEdition } from '../../src/edition/build-edition.ts';
import type { LayoutReport } from '../../src/layout/report.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { comparable, followBlocks } from '../helpers/layout-article.ts';
import { layoutFixtures, manuscriptFrom, paperName, scratchFolder, type Scratch } from '../helpers/layout-files.ts';
import { columnLefts, mmToPt, readGridPreset, spanWidth } from '../helpers/layout-grid.ts';
import { containsRect, drawnImages, ptRect, readPdfPages, rowsIn, type DrawnImage, type PdfRow, type PtRect } from '../helpers/layout-pdf.ts';
import { lineBreakViolations, wordGaps, wordsSpelling } from '../helpers/layout-rules.ts';
import { frameStream, framesOf, layOut, type LaidOut, type PlacedFrame } from '../helpers/layout-sample.ts';
import { testProject } from '../helpers/project.ts';

interface Kind {
  readonly name: string;
  readonly latin: boolean;
  /** The grid the article's language gets by default. */
  readonly grid: string;
  readonly jump?: boolean;
}

const kinds: readonly Kind[] = [
  { name: 'brief-zh', latin: false, grid: 'zh-broadsheet' },
  { name: 'brief-en', latin: true, grid: 'berliner' },
  { name: 'commentary-zh', latin: false, grid: 'zh-broadsheet' },
  { name: 'feature-en-five', latin: true, grid: 'berliner' },
  { name: 'report-zh-numbers', latin: false, grid: 'zh-broadsheet' },
  { name: 'feature-en-table', latin: true, grid: 'berliner' },
  { name: 'no-lang-en', latin: true, grid: 'berliner' },
  { name: 'long-zh', latin: false, grid: 'zh-broadsheet', jump: true },
];

let press: PressBrowser;
let scratch: Scratch;
const builds = new Map<string, LaidOut>();

beforeAll(async () => {
  press = await launchBrowser();
  scratch = await scratchFolder('kinds');
  // One browser, one build per article: every test below reads the same build.
  for (const kind of kinds) {
    const dir = await manuscriptFrom(join('layout-kinds', kind.name), scratch.path, kind.name);
    builds.set(kind.name, await layOut({ dir, outDir: join(scratch.path, `${kind.name}-out`), grid: kind.grid, useGridOption: false, ...(kind.jump ? { allowJump: true } : {}), press }));
  }
}, 600_000);
afterAll(async () => {
  await press?.close();
  await scratch?.remove();
});

const pt = (run: LaidOut) => ({ leading: run.grid.body.leading, em: run.grid.body.size });
const rowsOfFrame = (run: LaidOut, frame: PlacedFrame): PdfRow[] => {
  const page = run.pdf.pages[frame.page - 1];
  return page ? rowsIn(page, ptRect(frame.box, 1)) : [];
};
const bodyRows = (run: LaidOut) => framesOf(run.report).flatMap((frame) => rowsOfFrame(run, frame).map((row) => ({ row, frame })));
const overlapsX = (a: PtRect, b: PtRect) => a.left < b.right && b.left < a.right;

describe.each(kinds)('$name', (kind) => {
  let run: LaidOut;
  beforeAll(() => {
    const found = builds.get(kind.name);
    if (!found) throw new Error(`${kind.name} was not built`);
    run = found;
  });

  it('builds without a layout error, on the grid its language gets by default', () => {
    expect(run.report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const grid = readGridPreset(kind.grid);
    for (const size of run.pdf.facts.sizes) {
      expect(Math.abs(size.width - mmToPt(grid.trim.width))).toBeLessThanOrEqual(1);
      expect(Math.abs(size.height - mmToPt(grid.trim.height))).toBeLessThanOrEqual(1);
    }
    if (kind.jump) expect(run.pdf.facts.pages).toBeGreaterThanOrEqual(2);
    else expect(run.pdf.facts.pages).toBe(1);
  });

  it('prints every word of the article once, in order, and every photo', () => {
    expect(followBlocks(run.article.blocks, frameStream(run.report, kind.latin), kind.latin)).toBeNull();
    const drawn = run.pdf.pages.flatMap((page) => drawnImages(run.result.screenPath, page.number));
    expect(drawn).toHaveLength(run.article.figures.length);
  });

  it('starts the text at the left, directly under the headline module or under the lead photo (PDF)', () => {
    const first = comparable(run.article.blocks.find((block) => block.kind === 'paragraph')?.text ?? '', kind.latin).slice(0, 6);
    const page = run.pdf.pages[0];
    if (!page) throw new Error('no page');
    const typeArea = ptRect({ x: run.grid.margins.inside, y: run.grid.margins.top, width: run.grid.trim.width - run.grid.margins.inside - run.grid.margins.outside, height: run.grid.trim.height - run.grid.margins.top - run.grid.margins.bottom });
    const rows = rowsIn(page, typeArea);
    const row = rows.find((candidate) => comparable(candidate.text, kind.latin).startsWith(first));
    expect(row, `the article's first words “${first}” are printed`).toBeDefined();
    const column: PtRect = { left: mmToPt(columnLefts(run.grid)[0] ?? 0), right: mmToPt((columnLefts(run.grid)[0] ?? 0) + spanWidth(run.grid, 1)), top: 0, bottom: 0 };
    // In the first column: the text begins flush left (an indent at most).
    expect((row?.left ?? 0) - column.left).toBeGreaterThanOrEqual(-1);
    expect((row?.left ?? 0) - column.left).toBeLessThanOrEqual(2.2 * pt(run).em);
    // Above it, in that column: the headline module and at most one photo (with its caption), and no gap of white.
    const images = drawnImages(run.result.screenPath, 1).filter((image) => overlapsX(image, column) && image.bottom <= (row?.top ?? 0) + 1);
    expect(images.length, 'photos between the headline and the first line').toBeLessThanOrEqual(1);
    const above = [...page.words.filter((word) => overlapsX(word, column) && word.bottom <= (row?.top ?? 0) + 1).map((word) => word.bottom), ...images.map((image) => image.bottom)];
    expect((row?.top ?? 0) - Math.max(...above), 'white between what stands above the first line and the line').toBeLessThanOrEqual(2.5 * pt(run).leading);
  });

  it('leaves its news hole as one block outside the module: no word or photo of the story there (PDF)', () => {
    const story = run.report.stories[0];
    const module = story?.modules[0];
    expect(module).toBeDefined();
    const box = ptRect(module?.box ?? { x: 0, y: 0, width: 0, height: 0 }, 1.5);
    const page = run.pdf.pages[0];
    const body = (page?.words ?? []).filter((word) => word.top > box.top);
    // A full-width mark's glyph box holds its blank half: at a line's end that half may hang past the measure
    // (its ink stays inside), so a word ending in one may reach half a square further.
    const hang = (word: { text: string; top: number; bottom: number }) => (/[，。、；：？！”’）》」』]$/u.test(word.text) ? (word.bottom - word.top) * 0.6 : 0);
    const outside = body.filter((word) => word.left < box.left || word.right > box.right + hang(word) || word.bottom > box.bottom);
    expect(outside.map((word) => word.text).slice(0, 10), 'words printed outside the module').toEqual([]);
    const images = drawnImages(run.result.screenPath, 1).filter((image) => image.left < box.left - 1 || image.right > box.right + 1 || image.bottom > box.bottom + 1);
    expect(images).toEqual([]);
    // The hole is reported in mm² and column-lines, and is what the module leaves of the space.
    const hole = story?.holes[0];
    const space = run.grid.columns * (story?.modules[0]?.grid ? Math.round((mmToPt(run.grid.trim.height - run.grid.margins.bottom) - mmToPt(module?.box.y ?? 0)) / pt(run).leading) : 0);
    expect(hole?.columnLines ?? -1).toBeGreaterThanOrEqual(0);
    expect(space).toBeGreaterThan(0);
    expect((hole?.rects ?? []).length).toBeLessThanOrEqual(2);
  });

  it('ends every leg but the story’s last within one line of its foot (PDF)', () => {
    const legs = framesOf(run.report).filter((frame) => frame.lines > 0);
    const pages = new Set(legs.map((leg) => leg.page));
    const short = [...pages].flatMap((number) => {
      const onPage = legs.filter((leg) => leg.page === number);
      return onPage.slice(0, -1).flatMap((leg) => {
        const lowest = Math.max(0, ...rowsOfFrame(run, leg).map((row) => row.bottom));
        const limit = mmToPt(leg.box.y + leg.box.height) - pt(run).leading - 1.5;
        return lowest < limit ? [`page ${number} leg ${leg.leg} (column ${leg.column + 1}) ends ${((limit - lowest) / pt(run).leading + 1).toFixed(1)} lines short`] : [];
      });
    });
    expect(short).toEqual([]);
  });

  it('leaves no widow or orphan: every piece of a paragraph cut between legs holds two lines or more (proof)', () => {
    const scraps = run.proof.splits.filter((split) => split.tag === 'p' && split.lines < 2 && !(split.classes.includes('continues') && split.classes.includes('continued')));
    expect(scraps.map((split) => `“${split.text}” (${split.classes.join(' ')}): ${split.lines} line`)).toEqual([]);
    expect(run.proof.frames.filter((frame) => /^h[1-6]$/.test(frame.lastTag)).map((frame) => frame.lastText)).toEqual([]);
  });

  it('starts no line with a closing mark and ends none with an opening one (PDF)', () => {
    const rows = bodyRows(run).map(({ row }) => row.text);
    expect(rows.length).toBeGreaterThan(10);
    expect(lineBreakViolations(rows)).toEqual([]);
  });

  it('prints each photo at 200 ppi or more, cut by at most 15 % of either side (pdfimages, pdftohtml)', () => {
    for (const image of run.pdf.images) expect(Math.min(image.xPpi, image.yPpi), `${image.width}×${image.height}`).toBeGreaterThanOrEqual(200);
    for (const figure of run.report.pages.flatMap((page) => page.figures)) {
      const shown = figure.photo.width / figure.photo.height;
      const image = run.proof.images.find((candidate) => candidate.src === figure.src);
      const pixels = (image?.naturalWidth ?? 1) / (image?.naturalHeight ?? 1);
      expect(1 - Math.min(shown, pixels) / Math.max(shown, pixels), figure.src).toBeLessThanOrEqual(0.16);
    }
  });

  it('keeps the lead photo within 5/8 of the page width and 40 % of the text depth, and a brief’s photo within a third of its module (PDF)', () => {
    const typeWidth = mmToPt(run.grid.trim.width - run.grid.margins.inside - run.grid.margins.outside);
    const depth = mmToPt(run.grid.trim.height - run.grid.margins.top - run.grid.margins.bottom);
    const drawn: DrawnImage[] = drawnImages(run.result.screenPath, 1);
    const lead = run.report.pages[0]?.figures.find((figure) => figure.role === 'lead');
    if (!lead) return;
    const box = ptRect(lead.photo);
    const printed = drawn.find((image) => Math.abs(image.left - box.left) < 3 && Math.abs(image.top - box.top) < 3);
    expect(printed, 'the lead photo is printed where the report says').toBeDefined();
    expect(box.right - box.left).toBeLessThanOrEqual(typeWidth * (5 / 8) + 2);
    expect(box.bottom - box.top).toBeLessThanOrEqual(depth * 0.4 + 2);
    if (kind.name.startsWith('brief')) {
      const module = run.report.stories[0]?.modules[0]?.box;
      const unit = lead.photo.width * (lead.photo.height + (lead.captionPlacement === 'below' ? (lead.captionBox?.height ?? 0) : 0));
      expect(unit).toBeLessThanOrEqual(((module?.width ?? 0) * (module?.height ?? 0)) / 3 + 50);
    }
  });

  if (!kind.latin) {
    it('never letter-spaces or breaks a number or Latin word inside Chinese text (PDF)', () => {
      const source = run.article.blocks.filter((block) => block.kind !== 'table').map((block) => block.text).join(' ');
      const spaced = bodyRows(run).flatMap(({ row }) =>
        (row.text.match(/[0-9A-Za-z][0-9A-Za-z.%+]*(?: [0-9A-Za-z.%+]+)+/g) ?? []).filter((run_) => source.includes(run_.replace(/ /g, '')) && !source.includes(run_)),
      );
      expect(spaced).toEqual([]);
    });

    it('spreads Chinese characters by at most 0.2 em in justified lines (PDF)', () => {
      const { em } = pt(run);
      const wide: string[] = [];
      let measured = 0;
      for (const { row, frame } of bodyRows(run)) {
        // Body lines only: subheads are set to their own measure, centred.
        if (!frame.text.some((line) => line.body && Math.abs(mmToPt(line.y) - row.bottom) < 2)) continue;
        const han = row.text.replace(/\s+/g, '');
        if (!/^\p{Script=Han}{8,}$/u.test(han)) continue;
        const right = mmToPt(frame.box.x + frame.box.width);
        if (Math.abs(row.right - right) > 1.5) continue;
        measured++;
        const chars = Array.from(han).length;
        const extra = (row.right - row.left - chars * em) / (chars - 1);
        if (extra > 0.2 * em) wide.push(`“${han}”: ${(extra / em).toFixed(2)} em`);
      }
      expect(measured, 'justified lines of plain Chinese').toBeGreaterThan(0);
      expect(wide).toEqual([]);
    });
  } else {
    it('opens no more than 2 % of its justified lines past a 0.75 em word space (a line at most in a short story), and sets no more than two hyphens in a row (PDF)', () => {
      const { em } = pt(run);
      let justified = 0;
      const wide: string[] = [];
      let ladder = 0;
      let longest = 0;
      for (const { row, frame } of bodyRows(run)) {
        const right = mmToPt(frame.box.x + frame.box.width);
        const hyphen = /[a-z]-$/.test(row.text);
        ladder = hyphen ? ladder + 1 : 0;
        longest = Math.max(longest, ladder);
        if (Math.abs(row.right - right) > 1 || row.words.length < 3) continue;
        justified++;
        const widest = Math.max(0, ...wordGaps(row.words));
        if (widest > 0.75 * em) wide.push(`“${row.text}”: ${(widest / em).toFixed(2)} em`);
      }
      expect(justified).toBeGreaterThan(20);
      expect(wide.length, wide.join('\n')).toBeLessThanOrEqual(Math.max(1, Math.floor(justified * 0.02)));
      expect(longest).toBeLessThanOrEqual(2);
    });

    it('prints curly quotes and apostrophes, never typewriter ones (PDF)', () => {
      const text = bodyRows(run).map(({ row }) => row.text).join(' ');
      expect(text).not.toMatch(/["']/);
      if (/["']/.test(run.article.blocks.map((block) => block.text).join(' '))) expect(text).toMatch(/[“”’]/);
    });
  }
});

describe('a story without `lang`', () => {
  it('is read as English, says so in a warning, and is set as English: hyphenated, with an English folio', () => {
    const run = builds.get('no-lang-en');
    expect(run?.result.warnings.some((warning) => /no `lang`.*English/.test(warning))).toBe(true);
    expect(run?.report.stories[0]?.lang).toBe('en');
    const folio = run?.pdf.pages[0]?.words.filter((word) => word.bottom < mmToPt((run?.grid.margins.top ?? 0) + 8)).map((word) => word.text).join(' ') ?? '';
    expect(folio).toContain('Page 1');
    expect(folio).toContain(paperName());
  });
});

describe('a story too long for its page, with a jump', () => {
  it('takes its photos along: every photo prints on the page of its text, and the continuation opens with its jump line', () => {
    const run = builds.get('long-zh');
    if (!run) throw new Error('long-zh was not built');
    const second = framesOf(run.report).find((frame) => frame.page === 2 && frame.lines > 0);
    expect(second?.text[0]?.text).toBe('（上接第1版）');
    expect(run.report.pages.flatMap((page) => page.figures)).toHaveLength(run.article.figures.length);
  });
});

describe('a page of two stories given no blocks (an edition page)', () => {
  let page: LayoutReport;
  let pdf: string;
  beforeAll(async () => {
    const dir = join(scratch.path, 'two-story');
    await cp(join(layoutFixtures, 'layout-kinds/two-story'), dir, { recursive: true });
    const built = await buildEdition({ project: await testProject(), file: join(dir, 'edition.yaml'), press });
    const [first] = built.pages;
    if (!first) throw new Error('no page');
    page = first.layout;
    pdf = join(scratch.path, 'two-story.pdf');
    await writeFile(pdf, first.screen);
  }, 300_000);

  it('sizes both stories on the page, side by side or one above the other, without overlap', () => {
    const modules = page.stories.map((story) => story.modules[0]?.grid);
    expect(modules).toHaveLength(2);
    const [a, b] = modules;
    if (!a || !b) throw new Error('a story has no module');
    const across = a.column < b.column + b.columns && b.column < a.column + a.columns;
    const down = a.line < b.line + b.lines && b.line < a.line + a.lines;
    expect(across && down).toBe(false);
    expect(page.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('prints each story inside its own module (PDF) and reports the page’s news hole', () => {
    const [printed] = readPdfPages(pdf);
    for (const story of page.stories) {
      const box = ptRect(story.modules[0]?.box ?? { x: 0, y: 0, width: 0, height: 0 }, 2);
      const headline = wordsSpelling(printed?.words ?? [], story.headline, (text) => comparable(text, false));
      expect(headline, `“${story.headline}” is printed`).toBeDefined();
      for (const word of headline ?? []) expect(containsRect({ ...box, right: box.right + 12 }, word), `${word.text} inside its module`).toBe(true);
    }
    const hole = page.pages[0]?.newsHole;
    expect(hole).toBeDefined();
    expect(hole?.columnLines).toBe(page.stories.reduce((sum, story) => sum + story.holes.reduce((total, one) => total + one.columnLines, 0), 0));
  });
});
