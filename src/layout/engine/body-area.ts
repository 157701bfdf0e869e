// Browser side: the region of a sheet below its headline module, counted in whole baseline lines.
import type { Geometry } from './geometry.ts';

export interface BodyArea {
  /** y of the first body line's top, in px from the sheet's top. */
  readonly top: number;
  /** Lines each column holds. */
  readonly lines: number;
}

export const lineY = (geometry: Geometry, area: BodyArea, line: number): number => area.top + line * geometry.leading;

/** Rectangles in grid units: columns [column, column+columns), lines [line, line+lines). */
export interface GridRect {
  readonly column: number;
  readonly columns: number;
  readonly line: number;
  readonly lines: number;
}

export const overlaps = (a: GridRect, b: GridRect): boolean =>
  a.column < b.column + b.columns && b.column < a.column + a.columns && a.line < b.line + b.lines && b.line < a.line + a.lines;
