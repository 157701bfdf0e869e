// Reads layout.json as written to the output folder, checking every field the layout tests use instead of trusting it.
import { readFile } from 'node:fs/promises';
import type { Box, FigureReport, FrameReport, LayoutProblem, LayoutReport, Overset, PageReport } from '../../src/layout/report.ts';

/** The parts of the report the layout tests read; the engine may report more. */
export type ReadReport = Pick<LayoutReport, 'engine' | 'pages' | 'overset' | 'problems' | 'baseline'>;

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
    photo: boxOf(at(value, 'photo', where), `${where}.photo`),
    captionBox: captionBox === null ? null : boxOf(captionBox, `${where}.captionBox`),
    effectivePpi: number(at(value, 'effectivePpi', where), `${where}.effectivePpi`),
  };
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
