// Reads layout.json as written to the output folder, checking every field the layout tests use instead of trusting it.
import { readFile } from 'node:fs/promises';
import type { Box, CompositionReport, FigureReport, FrameReport, GridBox, LayoutProblem, LayoutReport, Overset, PageReport } from '../../src/layout/report.ts';

/** What the layout tests read of each story. */
export interface ReadStory {
  readonly headline: string;
  readonly lang: string;
  readonly modules: readonly { readonly page: number; readonly box: Box; readonly grid: GridBox }[];
  readonly holes: readonly { readonly page: number; readonly columnLines: number; readonly squareMillimetres: number; readonly rects: readonly GridBox[]; readonly boxes: readonly Box[] }[];
  readonly composition: CompositionReport;
}

/** The parts of the report the layout tests read; the engine may report more. */
export type ReadReport = Pick<LayoutReport, 'engine' | 'pages' | 'overset' | 'problems' | 'baseline'> & { readonly stories: readonly ReadStory[] };

export async function readLayoutJson(path: string): Promise<ReadReport> {
  return layoutReportOf(JSON.parse(await readFile(path, 'utf8')), 'layout.json');
}

export function layoutReportOf(value: unknown, where: string): ReadReport {
  const baseline = at(value, 'baseline', where);
  const overset = at(value, 'overset', where);
  return {
    engine: text(at(value, 'engine', where), `${where}.engine`),
    pages: list(at(value, 'pages', where), `${where}.pages`).map((page, index) => pageOf(page, `${where}.pages[${index}]`)),
    overset: overset === null ? null : oversetOf(overset, `${where}.overset`),
    problems: list(at(value, 'problems', where), `${where}.problems`).map((problem, index) => problemOf(problem, `${where}.problems[${index}]`)),
    baseline: { pitch: number(at(baseline, 'pitch', `${where}.baseline`), `${where}.baseline.pitch`), origin: number(at(baseline, 'origin', `${where}.baseline`), `${where}.baseline.origin`) },
    stories: list(at(value, 'stories', where), `${where}.stories`).map((story, index) => storyOf(story, `${where}.stories[${index}]`)),
  };
}

function storyOf(value: unknown, where: string): ReadStory {
  const composition = at(value, 'composition', where);
  const count = (key: keyof CompositionReport) => number(at(composition, key, `${where}.composition`), `${where}.composition.${key}`);
  return {
    headline: text(at(value, 'headline', where), `${where}.headline`),
    lang: text(at(value, 'lang', where), `${where}.lang`),
    modules: list(at(value, 'modules', where), `${where}.modules`).map((module, index) => ({
      page: number(at(module, 'page', where), `${where}.modules[${index}].page`),
      box: boxOf(at(module, 'box', where), `${where}.modules[${index}].box`),
      grid: gridBoxOf(at(module, 'grid', where), `${where}.modules[${index}].grid`),
    })),
    holes: list(at(value, 'holes', where), `${where}.holes`).map((hole, index) => ({
      page: number(at(hole, 'page', where), `${where}.holes[${index}].page`),
      columnLines: number(at(hole, 'columnLines', where), `${where}.holes[${index}].columnLines`),
      squareMillimetres: number(at(hole, 'squareMillimetres', where), `${where}.holes[${index}].squareMillimetres`),
      rects: list(at(hole, 'rects', where), `${where}.holes[${index}].rects`).map((rect) => gridBoxOf(rect, `${where}.holes[${index}].rects[]`)),
      boxes: list(at(hole, 'boxes', where), `${where}.holes[${index}].boxes`).map((box) => boxOf(box, `${where}.holes[${index}].boxes[]`)),
    })),
    composition: {
      lines: count('lines'),
      justifiedLines: count('justifiedLines'),
      wideSpaceLines: count('wideSpaceLines'),
      widestSpace: count('widestSpace'),
      widestCjkGap: count('widestCjkGap'),
      hyphenatedLines: count('hyphenatedLines'),
      hyphenLadder: count('hyphenLadder'),
      looseParagraphs: count('looseParagraphs'),
    },
  };
}

function gridBoxOf(value: unknown, where: string): GridBox {
  return {
    column: number(at(value, 'column', where), `${where}.column`),
    columns: number(at(value, 'columns', where), `${where}.columns`),
    line: number(at(value, 'line', where), `${where}.line`),
    lines: number(at(value, 'lines', where), `${where}.lines`),
  };
}

function pageOf(value: unknown, where: string): PageReport {
  return {
    number: number(at(value, 'number', where), `${where}.number`),
    width: number(at(value, 'width', where), `${where}.width`),
    height: number(at(value, 'height', where), `${where}.height`),
    frames: list(at(value, 'frames', where), `${where}.frames`).map((frame, index) => frameOf(frame, `${where}.frames[${index}]`)),
    figures: list(at(value, 'figures', where), `${where}.figures`).map((figure, index) => figureOf(figure, `${where}.figures[${index}]`)),
    linesPerColumn: list(at(value, 'linesPerColumn', where), `${where}.linesPerColumn`).map((lines) => number(lines, `${where}.linesPerColumn[]`)),
    underset: number(at(value, 'underset', where), `${where}.underset`),
  };
}

function frameOf(value: unknown, where: string): FrameReport {
  return {
    column: number(at(value, 'column', where), `${where}.column`),
    leg: number(at(value, 'leg', where), `${where}.leg`),
    story: number(at(value, 'story', where), `${where}.story`),
    box: boxOf(at(value, 'box', where), `${where}.box`),
    capacity: number(at(value, 'capacity', where), `${where}.capacity`),
    lines: number(at(value, 'lines', where), `${where}.lines`),
    text: list(at(value, 'text', where), `${where}.text`).map((line, index) => {
      const place = `${where}.text[${index}]`;
      const body = at(line, 'body', place);
      if (typeof body !== 'boolean') throw new Error(`${place}.body is not true or false`);
      return { text: text(at(line, 'text', place), `${place}.text`), y: number(at(line, 'y', place), `${place}.y`), body };
    }),
  };
}

function figureOf(value: unknown, where: string): FigureReport {
  const placement = at(value, 'captionPlacement', where);
  if (placement !== 'beside' && placement !== 'below') throw new Error(`${where}.captionPlacement is ${String(placement)}`);
  const captionBox = at(value, 'captionBox', where);
  return {
    src: text(at(value, 'src', where), `${where}.src`),
    caption: text(at(value, 'caption', where), `${where}.caption`),
    span: number(at(value, 'span', where), `${where}.span`),
    captionPlacement: placement,
    role: roleOf(at(value, 'role', where), `${where}.role`),
    story: number(at(value, 'story', where), `${where}.story`),
    photo: boxOf(at(value, 'photo', where), `${where}.photo`),
    captionBox: captionBox === null ? null : boxOf(captionBox, `${where}.captionBox`),
    effectivePpi: number(at(value, 'effectivePpi', where), `${where}.effectivePpi`),
    crop: { x: number(at(at(value, 'crop', where), 'x', where), `${where}.crop.x`), y: number(at(at(value, 'crop', where), 'y', where), `${where}.crop.y`) },
  };
}

function roleOf(value: unknown, where: string): FigureReport['role'] {
  if (value === 'lead' || value === 'secondary' || value === 'small') return value;
  throw new Error(`${where} is ${String(value)}, not lead, secondary or small`);
}

function problemOf(value: unknown, where: string): LayoutProblem {
  const severity = at(value, 'severity', where);
  if (severity !== 'error' && severity !== 'warning') throw new Error(`${where}.severity is ${String(severity)}`);
  const page = at(value, 'page', where);
  return {
    rule: text(at(value, 'rule', where), `${where}.rule`),
    message: text(at(value, 'message', where), `${where}.message`),
    severity,
    ...(typeof page === 'number' ? { page } : {}),
  };
}

function oversetOf(value: unknown, where: string): Overset {
  return {
    lines: number(at(value, 'lines', where), `${where}.lines`),
    characters: number(at(value, 'characters', where), `${where}.characters`),
    from: text(at(value, 'from', where), `${where}.from`),
  };
}

function boxOf(value: unknown, where: string): Box {
  return {
    x: number(at(value, 'x', where), `${where}.x`),
    y: number(at(value, 'y', where), `${where}.y`),
    width: number(at(value, 'width', where), `${where}.width`),
    height: number(at(value, 'height', where), `${where}.height`),
  };
}

function at(value: unknown, key: string, where: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not an object`);
  return Object.entries(value).find(([name]) => name === key)?.[1];
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where} is not a list`);
  return value;
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where} is not a number`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where} is not text`);
  return value;
}
