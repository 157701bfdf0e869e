// Page grids from styles/grids.yaml, resolved into millimetres and points, and written out as CSS custom properties.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { BroadsheetError } from '../errors/catalogue.ts';

export interface PageGrid {
  readonly name: string;
  readonly label: string;
  /** All lengths in millimetres, except type sizes in points. */
  readonly trim: { readonly width: number; readonly height: number };
  readonly margins: { readonly top: number; readonly bottom: number; readonly inside: number; readonly outside: number };
  readonly columns: number;
  readonly gutter: number;
  readonly body: { readonly size: number; readonly leading: number };
}

export const defaultGridName = 'zh-broadsheet';
const mmPerPt = 25.4 / 72;

/** Every grid of a grids file (Broadsheet's own styles/grids.yaml), by name. */
export async function loadGrids(file: string): Promise<Map<string, PageGrid>> {
  let all: unknown;
  try {
    all = parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new BroadsheetError('ConfigInvalid', `${file} cannot be read as YAML: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}.`, { cause });
  }
  if (!isRecord(all)) throw new BroadsheetError('ConfigInvalid', `${file} must hold grids by name.`);
  return new Map(Object.entries(all).map(([name, entry]) => [name, readGrid(name, entry, `${file}, grid \`${name}\``)]));
}

/** One grid from its YAML (or config) entry: lengths with units, resolved into millimetres and points. */
export function readGrid(name: string, entry: unknown, where: string): PageGrid {
  if (!isRecord(entry)) throw new BroadsheetError('ConfigInvalid', `${where} is not a group of values.`);
  const trim = record(entry['trim'], `${where}: trim`);
  const margins = record(entry['margins'], `${where}: margins`);
  const body = record(entry['body'], `${where}: body`);
  const columns = entry['columns'];
  if (typeof columns !== 'number' || !Number.isInteger(columns) || columns < 1 || columns > 20) {
    throw new BroadsheetError('ConfigInvalid', `${where}: columns must be a whole number from 1 to 20.`);
  }
  return Object.freeze({
    name,
    label: typeof entry['label'] === 'string' ? entry['label'] : name,
    trim: { width: mm(trim['width'], `${where}: trim.width`), height: mm(trim['height'], `${where}: trim.height`) },
    margins: {
      top: mm(margins['top'], `${where}: margins.top`),
      bottom: mm(margins['bottom'], `${where}: margins.bottom`),
      inside: mm(margins['inside'], `${where}: margins.inside`),
      outside: mm(margins['outside'], `${where}: margins.outside`),
    },
    columns,
    gutter: mm(entry['gutter'], `${where}: gutter`),
    body: { size: pt(body['size'], `${where}: body.size`), leading: pt(body['leading'], `${where}: body.leading`) },
  });
}

/** Room printed around the trim: the bleed, and the marks outside it. */
export const marksMargin = 12;
export const printOffset = (press: { bleed: number; marks: boolean }): number => press.bleed + (press.marks ? marksMargin : 0);

/** Millimetres printed around the trim (bleed, then marks), and of those the bleed. */
export interface PrintRoom {
  readonly offset: number;
  readonly bleed: number;
}

export const printRoom = (press: { bleed: number; marks: boolean }): PrintRoom => ({ offset: printOffset(press), bleed: press.bleed });

/**
 * The grid as CSS: the @page rule and custom properties every stylesheet reads. The printed page is the trim with
 * `offset` mm all round (bleed, then marks): the sheet is printed `offset` in from the page's corner, and what a
 * style runs past the trim (a photo or tint to the edge, by var(--bleed)) prints into the bleed.
 */
export function gridCss(grid: PageGrid, room: PrintRoom = { offset: 0, bleed: 0 }): string {
  const { offset } = room;
  const { trim, margins, body } = grid;
  const typeWidth = trim.width - margins.inside - margins.outside;
  const column = (typeWidth - grid.gutter * (grid.columns - 1)) / grid.columns;
  return [
    // No page margin: Chromium paints nothing in a page's margins, so the bleed would stay blank. The sheet is moved
    // in by the offset instead (page.css), and what runs past its trim into the bleed is inside the page.
    `@page { size: ${round(trim.width + 2 * offset)}mm ${round(trim.height + 2 * offset)}mm; margin: 0; }`,
    ':root {',
    `  --page-width: ${trim.width}mm;`,
    `  --page-height: ${trim.height}mm;`,
    `  --margin-top: ${margins.top}mm;`,
    `  --margin-bottom: ${margins.bottom}mm;`,
    `  --margin-inside: ${margins.inside}mm;`,
    `  --margin-outside: ${margins.outside}mm;`,
    `  --columns: ${grid.columns};`,
    `  --gutter: ${grid.gutter}mm;`,
    `  --column-width: ${round(column)}mm;`,
    `  --body-size: ${body.size}pt;`,
    `  --leading: ${body.leading}pt;`,
    `  --bleed: ${round(room.bleed)}mm;`,
    `  --print-offset: ${round(offset)}mm;`,
    '}',
  ].join('\n');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function mm(value: unknown, where: string): number {
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)(mm|pt)$/.exec(value.trim()) : null;
  if (!match) throw new BroadsheetError('ConfigInvalid', `${where} must be a length like 12mm or 9pt, not ${String(value)}.`);
  const amount = Number(match[1]);
  return match[2] === 'pt' ? amount * mmPerPt : amount;
}

function pt(value: unknown, where: string): number {
  return round(mm(value, where) / mmPerPt);
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) throw new BroadsheetError('ConfigInvalid', `${where} is missing or not a group of values.`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
