// Browser side: the page grid in CSS pixels, and the baseline grid every body line sits on.
import type { GridSpec } from '../report.ts';

export const pxPerMm = 96 / 25.4;
export const pxPerPt = 96 / 72;

export interface Geometry {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly columns: number;
  /** The page column this grid's first column is (0 for the whole page; more for a block). */
  readonly firstColumn: number;
  readonly columnWidth: number;
  readonly gutter: number;
  /** The baseline pitch: one body line. */
  readonly leading: number;
}

export function geometryOf(grid: GridSpec): Geometry {
  const left = grid.margins.inside * pxPerMm;
  const right = (grid.trim.width - grid.margins.outside) * pxPerMm;
  const gutter = grid.gutter * pxPerMm;
  const columnWidth = (right - left - gutter * (grid.columns - 1)) / grid.columns;
  return {
    pageWidth: grid.trim.width * pxPerMm,
    pageHeight: grid.trim.height * pxPerMm,
    left,
    top: grid.margins.top * pxPerMm,
    right,
    bottom: (grid.trim.height - grid.margins.bottom) * pxPerMm,
    columns: grid.columns,
    firstColumn: 0,
    columnWidth,
    gutter,
    leading: grid.body.leading * pxPerPt,
  };
}

export const columnX = (geometry: Geometry, column: number): number => geometry.left + column * (geometry.columnWidth + geometry.gutter);

/** Width of `span` columns with the gutters between them. */
export const spanWidth = (geometry: Geometry, span: number): number => span * geometry.columnWidth + (span - 1) * geometry.gutter;

/** Whole body lines needed for a height. */
export const linesFor = (geometry: Geometry, height: number): number => Math.max(1, Math.ceil(height / geometry.leading - 0.02));

/** The grid of a block of whole columns: the same page, fewer columns, starting further right. */
export function blockGeometry(page: Geometry, column: number, columns: number): Geometry {
  const first = Math.max(0, Math.min(page.columns - 1, column));
  const count = Math.max(1, Math.min(page.columns - first, columns));
  const left = columnX(page, first);
  return { ...page, left, right: left + spanWidth(page, count), columns: count, firstColumn: page.firstColumn + first };
}
