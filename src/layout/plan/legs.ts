// The legs of a module: every run of free lines in each column once photos and captions are placed, in reading
// order (left to right, each column top to bottom).
import type { GridRect } from './types.ts';

/** Runs shorter than this hold no text: they stay empty rather than take a scrap of a paragraph. */
export const minimumLegLines = 2;

export function legsOf(body: GridRect, keepOut: readonly GridRect[]): GridRect[] {
  const legs: GridRect[] = [];
  for (let column = body.column; column < body.column + body.columns; column++) {
    const taken = new Array<boolean>(body.lines).fill(false);
    for (const rect of keepOut) {
      if (column < rect.column || column >= rect.column + rect.columns) continue;
      for (let line = Math.max(rect.line, body.line); line < Math.min(body.line + body.lines, rect.line + rect.lines); line++) taken[line - body.line] = true;
    }
    let line = 0;
    while (line < body.lines) {
      if (taken[line]) {
        line++;
        continue;
      }
      let end = line;
      while (end < body.lines && !taken[end]) end++;
      if (end - line >= minimumLegLines) legs.push({ column, columns: 1, line: body.line + line, lines: end - line });
      line = end;
    }
  }
  return legs;
}

export const overlaps = (a: GridRect, b: GridRect): boolean =>
  a.column < b.column + b.columns && b.column < a.column + a.columns && a.line < b.line + b.lines && b.line < a.line + a.lines;

export const area = (rect: GridRect): number => rect.columns * rect.lines;
