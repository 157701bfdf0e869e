// The page grids as styles/grids.yaml states them, read with the yaml package (not through src/), plus mm/pt arithmetic.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { layoutProjectRoot } from './layout-files.ts';

export const ptPerMm = 72 / 25.4;
export const mmToPt = (mm: number): number => mm * ptPerMm;

export interface GridPreset {
  readonly name: string;
  /** Millimetres. */
  readonly trim: { readonly width: number; readonly height: number };
  readonly margins: { readonly top: number; readonly bottom: number; readonly inside: number; readonly outside: number };
  readonly columns: number;
  readonly gutter: number;
  /** Points. */
  readonly body: { readonly size: number; readonly leading: number };
}

export const gridsFile = join(layoutProjectRoot, 'styles/grids.yaml');

/** Every preset in styles/grids.yaml, by name. */
export function readGridPresets(file = gridsFile): Map<string, GridPreset> {
  const all: unknown = parse(readFileSync(file, 'utf8'));
  const presets = new Map<string, GridPreset>();
  if (!isRecord(all)) throw new Error(`${file} is not a map of grids`);
  for (const [name, entry] of Object.entries(all)) {
    if (!isRecord(entry)) throw new Error(`${file}: grid ${name} is not a map`);
    const trim = recordAt(entry, 'trim', name);
    const margins = recordAt(entry, 'margins', name);
    const body = recordAt(entry, 'body', name);
    const columns = entry['columns'];
    if (typeof columns !== 'number') throw new Error(`${file}: grid ${name} has no number of columns`);
    presets.set(name, {
      name,
      trim: { width: millimetres(trim['width']), height: millimetres(trim['height']) },
      margins: {
        top: millimetres(margins['top']),
        bottom: millimetres(margins['bottom']),
        inside: millimetres(margins['inside']),
        outside: millimetres(margins['outside']),
      },
      columns,
      gutter: millimetres(entry['gutter']),
      body: { size: millimetres(body['size']) * ptPerMm, leading: millimetres(body['leading']) * ptPerMm },
    });
  }
  return presets;
}

export function readGridPreset(name: string): GridPreset {
  const preset = readGridPresets().get(name);
  if (!preset) throw new Error(`styles/grids.yaml has no grid ${name}`);
  return preset;
}

/** The y (mm from the page top) of the bottom margin: where the columns must end. */
export const bottomMarginY = (grid: GridPreset): number => grid.trim.height - grid.margins.bottom;

/** Width of one column in mm. */
export const columnWidth = (grid: GridPreset): number =>
  (grid.trim.width - grid.margins.inside - grid.margins.outside - grid.gutter * (grid.columns - 1)) / grid.columns;

/** The x (mm) of each column's left edge. */
export const columnLefts = (grid: GridPreset): number[] =>
  Array.from({ length: grid.columns }, (_, column) => grid.margins.inside + column * (columnWidth(grid) + grid.gutter));

/** Width of `span` columns and the gutters between them, in mm. */
export const spanWidth = (grid: GridPreset, span: number): number => span * columnWidth(grid) + (span - 1) * grid.gutter;

/** A length as grids.yaml writes it (`12mm`, `9pt`), in millimetres. */
export function millimetres(value: unknown): number {
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)(mm|pt)$/.exec(value.trim()) : null;
  if (!match) throw new Error(`not a length: ${String(value)}`);
  const amount = Number(match[1]);
  return match[2] === 'pt' ? amount / ptPerMm : amount;
}

function recordAt(entry: Record<string, unknown>, key: string, name: string): Record<string, unknown> {
  const value = entry[key];
  if (!isRecord(value)) throw new Error(`grid ${name} has no ${key}`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
