// A photo with its caption as one unit on the module's grid: where its photo, caption and the text's keep-out go
// when it sits at the head (top) or the foot (bottom) of a module's body.
import type { PhotoSize } from './photos.ts';
import type { GridRect, PhotoRole } from './types.ts';

export interface Unit {
  readonly figure: number;
  readonly role: PhotoRole;
  readonly size: PhotoSize;
  /** First column of the unit (photo and a caption beside it), counted from the module's left. */
  readonly column: number;
  readonly slot: 'top' | 'bottom';
  /** A caption beside sits right of the photo, or left when the photo stands at the module's right edge. */
  readonly captionSide: 'right' | 'left' | 'below';
}

export interface UnitRects {
  readonly photo: GridRect;
  readonly caption: GridRect;
  /** What text keeps clear of: photo and caption with a line of space toward the text. */
  readonly keepOut: readonly GridRect[];
  /** The unit's whole rectangle (photo and caption). */
  readonly outline: GridRect;
}

export const unitColumns = (unit: Pick<Unit, 'size' | 'captionSide'>): number => unit.size.span + (unit.captionSide === 'below' ? 0 : 1);
export const unitLines = (unit: Pick<Unit, 'size' | 'captionSide'>): number => unit.size.lines + (unit.captionSide === 'below' ? unit.size.captionBelow : 0);

/**
 * The unit's rectangles in a body that starts at (column `left`, line `top`) and is `depth` lines deep; `offset` moves
 * a stacked unit below (top slot) or above (bottom slot) the units already there.
 */
export function unitRects(unit: Unit, left: number, top: number, depth: number, offset = 0): UnitRects {
  const lines = unitLines(unit);
  const y = unit.slot === 'top' ? top + offset : top + depth - lines - offset;
  const photoColumn = left + unit.column + (unit.captionSide === 'left' ? 1 : 0);
  const photo: GridRect = { column: photoColumn, columns: unit.size.span, line: y, lines: unit.size.lines };
  const captionLines = Math.min(unit.size.captionBeside, unit.size.lines);
  let caption: GridRect;
  if (unit.captionSide === 'below') caption = { column: photoColumn, columns: unit.size.span, line: y + unit.size.lines, lines: unit.size.captionBelow };
  else caption = { column: unit.captionSide === 'left' ? left + unit.column : photoColumn + unit.size.span, columns: 1, line: y + unit.size.lines - captionLines, lines: captionLines };
  const outline: GridRect = { column: left + unit.column, columns: unitColumns(unit), line: y, lines };
  const bodyEnd = top + depth;
  const grow = (rect: GridRect, up: boolean, down: boolean): GridRect => {
    const from = up ? Math.max(top, rect.line - 1) : rect.line;
    const to = down ? Math.min(bodyEnd, rect.line + rect.lines + 1) : rect.line + rect.lines;
    return { ...rect, line: from, lines: to - from };
  };
  const towardText = { up: unit.slot === 'bottom', down: unit.slot === 'top' };
  const keepOut =
    unit.captionSide === 'below'
      ? [grow({ ...photo, lines: unit.size.lines + unit.size.captionBelow }, towardText.up, towardText.down)]
      : [grow(photo, towardText.up, towardText.down), grow(caption, true, true)];
  return { photo, caption, keepOut, outline };
}
