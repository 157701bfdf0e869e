// The checks the layout press tests apply, on made-up numbers: each must catch the fault it is there for, or the
// press test using it could pass with the feature gone.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FigureReport, FrameReport } from '../../src/layout/report.ts';
import { comparable, followBlocks, readArticleBody, type BodyBlock } from '../helpers/layout-article.ts';
import { layoutFixtures, layoutProjectRoot } from '../helpers/layout-files.ts';
import { readGridPreset } from '../helpers/layout-grid.ts';
import { layoutReportOf } from '../helpers/layout-json.ts';
import {
  baselineSpread,
  captionOverlaps,
  captionPlacementProblems,
  columnEnds,
  isJumpLine,
  lineBreakViolations,
  sharedArea,
  wholeColumnProblems,
  wordGaps,
  wordsSpelling,
} from '../helpers/layout-rules.ts';

const broadsheet = readGridPreset('zh-broadsheet');

const figure = (overrides: Partial<FigureReport>): FigureReport => ({
  src: 'manuscript/images/x.jpg',
  caption: '说明',
  span: 3,
  captionPlacement: 'beside',
  photo: { x: 17, y: 100, width: 131, height: 80 },
  captionBox: { x: 152, y: 170, width: 41, height: 10 },
  effectivePpi: 300,
  role: 'lead',
  story: 0,
  crop: { x: 0, y: 0 },
  ...overrides,
});

const frame = (column: number, lines: Array<[string, number]>, box = { x: 17 + column * 45, y: 100, width: 41, height: 100 }): FrameReport => ({
  column,
  leg: column + 1,
  story: 0,
  box,
  capacity: 20,
  lines: lines.length,
  text: lines.map(([text, y]) => ({ text, y, body: true })),
});

describe('lineBreakViolations', () => {
  it('passes lines that keep the rules', () => {
    expect(lineBreakViolations(['近年来，枣庄市山亭区', '“九大改革攻坚行动”和', 'the harbour, and then'])).toEqual([]);
  });

  it.each(['，加大招才引智力度', '。走出了一条', '”和枣庄市委', '……一个个重点', '）的历史', ', and the'])('catches a line starting with a closing mark: %s', (line) => {
    expect(lineBreakViolations([line])).toHaveLength(1);
  });

  it.each(['贯彻落实省委“', '新（', '《', 'the ('])('catches a line ending with an opening mark: %s', (line) => {
    expect(lineBreakViolations([line])).toHaveLength(1);
  });

  it('looks past spaces and soft hyphens at the ends', () => {
    expect(lineBreakViolations([' \u00ad，其中', '新台（ '])).toHaveLength(2);
  });
});

describe('baselineSpread', () => {
  const baseline = { pitch: 4.939, origin: 103.961 };

  it('is 0 for lines a whole number of pitches apart, in any column', () => {
    expect(baselineSpread([108.7, 108.7 + 4.939 * 20, 108.7 + 4.939 * 71], baseline)).toBeCloseTo(0, 6);
  });

  it('treats phases either side of a grid line as close (the phase wraps round)', () => {
    const y = baseline.origin + 4.939 * 10;
    expect(baselineSpread([y - 0.05, y + 0.05], baseline)).toBeCloseTo(0.1, 6);
  });

  it('measures a line pushed off the grid', () => {
    expect(baselineSpread([108.7, 108.7 + 4.939 * 5 + 1.5], baseline)).toBeCloseTo(1.5, 6);
  });
});

describe('caption checks', () => {
  it('accepts a caption beside the photo, a gutter to its right, feet aligned', () => {
    expect(captionPlacementProblems(figure({}), broadsheet)).toEqual([]);
  });

  it('accepts a caption beside on the photo’s left', () => {
    const left = figure({ photo: { x: 242, y: 100, width: 131, height: 80 }, captionBox: { x: 197, y: 175, width: 41, height: 5 } });
    expect(captionPlacementProblems(left, broadsheet)).toEqual([]);
  });

  it('catches a caption beside that is a column away, or ends higher than the photo', () => {
    expect(captionPlacementProblems(figure({ captionBox: { x: 197, y: 170, width: 41, height: 10 } }), broadsheet)).toHaveLength(1);
    expect(captionPlacementProblems(figure({ captionBox: { x: 152, y: 100, width: 41, height: 10 } }), broadsheet)).toHaveLength(1);
  });

  it('accepts a caption below under the photo, and catches one set off to the side', () => {
    const below = figure({ captionPlacement: 'below', captionBox: { x: 17, y: 181.5, width: 131, height: 8 } });
    expect(captionPlacementProblems(below, broadsheet)).toEqual([]);
    expect(captionPlacementProblems({ ...below, captionBox: { x: 62, y: 181.5, width: 131, height: 8 } }, broadsheet)).toHaveLength(1);
    expect(captionPlacementProblems({ ...below, captionBox: { x: 17, y: 190, width: 131, height: 8 } }, broadsheet)).toHaveLength(1);
  });

  it('catches a caption over a text frame or a photo, but not one touching them', () => {
    const mine = figure({});
    const clear = frame(3, [], { x: 152, y: 100, width: 41, height: 65 });
    const under = frame(3, [], { x: 152, y: 160, width: 41, height: 40 });
    expect(captionOverlaps(mine, [mine], [clear])).toEqual([]);
    expect(captionOverlaps(mine, [mine], [under])).toHaveLength(1);
    const otherPhoto = figure({ src: 'other.jpg', photo: { x: 152, y: 175, width: 86, height: 60 } });
    expect(captionOverlaps(mine, [mine, otherPhoto], [])).toHaveLength(1);
    expect(sharedArea({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 10, height: 10 })).toBe(0);
  });
});

describe('wholeColumnProblems', () => {
  it('accepts a photo on column 1 spanning three columns and two gutters', () => {
    expect(wholeColumnProblems(figure({}), broadsheet)).toEqual([]);
  });

  it('catches a photo off the column grid, or of a width that is not whole columns', () => {
    expect(wholeColumnProblems(figure({ photo: { x: 20, y: 100, width: 131, height: 80 } }), broadsheet)).toHaveLength(1);
    expect(wholeColumnProblems(figure({ photo: { x: 17, y: 100, width: 127, height: 80 } }), broadsheet)).toHaveLength(1);
  });
});

describe('columnEnds', () => {
  it('gives each column’s lowest body line and the column of the article’s last line', () => {
    const frames = [frame(0, [['一', 500], ['二', 523.6]]), frame(1, [['三', 518.7]]), frame(0, [['四', 300]]), frame(2, [['五', 400]])];
    const { ends, lastColumn } = columnEnds(frames);
    expect(ends).toEqual([
      { column: 0, lastY: 523.6 },
      { column: 1, lastY: 518.7 },
      { column: 2, lastY: 400 },
    ]);
    expect(lastColumn).toBe(2);
  });
});

describe('text helpers', () => {
  it('recognises jump lines in both languages, and nothing else', () => {
    expect(['（下转第2版）', '（上接第1版）', 'Continued on page 2', 'Continued from page 12'].every(isJumpLine)).toBe(true);
    expect(['下转第2版', 'Continued on the next page', '（上接第1版）正文'].some(isJumpLine)).toBe(false);
  });

  it('compares text without spacing and soft hyphens, and Latin text without hyphens', () => {
    expect(comparable('近年 来，\n枣庄', false)).toBe('近年来，枣庄');
    expect(comparable('pas\u00adsen-\nger four-teen', true)).toBe('passengerfourteen');
    expect(comparable('four-teen', false)).toBe('four-teen');
  });

  it('measures the spaces between words left to right', () => {
    expect(wordGaps([{ left: 30, right: 40 }, { left: 0, right: 10 }, { left: 14, right: 26 }])).toEqual([4, 4]);
  });

  it('finds the words spelling a caption, preferring the closest run when a short word recurs', () => {
    const words = [{ text: 'The' }, { text: 'coun-' }, { text: 'The' }, { text: 'new' }, { text: 'ferry' }];
    const found = wordsSpelling(words, 'The new ferry', (text) => comparable(text, true));
    expect(found?.[0]).toBe(words[2]);
    expect(wordsSpelling(words, 'The old ferry', (text) => comparable(text, true))).toBeUndefined();
  });
});

describe('followBlocks', () => {
  const blocks: BodyBlock[] = [
    { kind: 'subhead', text: '激发干事热情' },
    { kind: 'paragraph', text: '山亭区把强化人才支撑作为引擎。' },
    { kind: 'table', text: 'TicketSingleAdult£2.40' },
  ];
  const whole = '激发干事热情山亭区把强化人才支撑作为引擎。TicketSingleAdult£2.40';

  it('accepts the text in order, with a table read across its rows', () => {
    expect(followBlocks(blocks, whole, false)).toBeNull();
    expect(followBlocks(blocks, '激发干事热情山亭区把强化人才支撑作为引擎。TicketAdultSingle£2.40', false)).toBeNull();
  });

  it('catches a character lost or repeated at a split, and text left over', () => {
    expect(followBlocks(blocks, whole.replace('人才', '人'), false)).toMatchObject({ block: 1 });
    expect(followBlocks(blocks, whole.replace('人才', '人才才'), false)).toMatchObject({ block: 1 });
    expect(followBlocks(blocks, `${whole}引擎。`, false)).toEqual({ leftover: '引擎。' });
  });
});

describe('readArticleBody', () => {
  it('reads the harbour sample’s body: subheads, paragraphs, a pull quote, three list items and a table; photos apart', () => {
    const article = readArticleBody(join(layoutProjectRoot, 'manuscript/harbour/article.md'));
    const kinds = article.blocks.map((block) => block.kind);
    expect(kinds.filter((kind) => kind === 'list-item')).toHaveLength(3);
    expect(kinds.filter((kind) => kind === 'table')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'quote')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'subhead')).toHaveLength(4);
    expect(article.blocks.find((block) => block.kind === 'table')?.text).toContain('Season, monthly—£58.00');
    expect(article.figures.map((found) => found.src)).toEqual(['images/ferry.jpg', 'images/crane.jpg']);
    expect(article.frontMatter['section']).toBe('Local');
  });

  it('reads photo settings after an image as a figure, not as body text', () => {
    const article = readArticleBody(join(layoutFixtures, 'layout-figures/span-caption-below/article.md'));
    expect(article.figures.map((found) => found.settings)).toEqual(['caption=beside', 'span=4 caption=below']);
    expect(article.blocks.some((block) => block.text.includes('span='))).toBe(false);
  });
});

describe('layoutReportOf', () => {
  it('refuses a report missing what the tests read', () => {
    expect(() => layoutReportOf({ engine: 'x', pages: [], overset: null, problems: [] }, 'layout.json')).toThrow(/baseline/);
    expect(() => layoutReportOf({ engine: 'x', pages: [{ number: 1 }], overset: null, problems: [], baseline: { pitch: 1, origin: 0 } }, 'layout.json')).toThrow();
  });
});
