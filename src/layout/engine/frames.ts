// Browser side: the column frames of a sheet: every run of free lines in each column, left to right, top to bottom.
import type { BodyArea, GridRect } from './body-area.ts';
import { lineY } from './body-area.ts';
import { columnX, type Geometry } from './geometry.ts';
import type { Frame } from './flow.ts';
import { place } from './sheet.ts';

/** Frames shorter than this are left empty rather than holding a scrap of text. */
const minimumFrameLines = 2;

export function createFrames(options: { parent: HTMLElement; page: number; geometry: Geometry; area: BodyArea; keepOut: readonly GridRect[] }): Frame[] {
  const { geometry, area } = options;
  const frames: Frame[] = [];
  for (let column = 0; column < geometry.columns; column++) {
    const taken = new Array<boolean>(area.lines).fill(false);
    for (const rect of options.keepOut) {
      if (column < rect.column || column >= rect.column + rect.columns) continue;
      for (let line = Math.max(0, rect.line); line < Math.min(area.lines, rect.line + rect.lines); line++) taken[line] = true;
    }
    let line = 0;
    while (line < area.lines) {
      if (taken[line]) {
        line++;
        continue;
      }
      let end = line;
      while (end < area.lines && !taken[end]) end++;
      if (end - line >= minimumFrameLines) {
        const element = document.createElement('div');
        element.className = 'frame';
        element.dataset['column'] = String(geometry.firstColumn + column);
        place(element, columnX(geometry, column), lineY(geometry, area, line), geometry.columnWidth, (end - line) * geometry.leading);
        options.parent.append(element);
        frames.push({ page: options.page, column: geometry.firstColumn + column, line, lines: end - line, element });
      }
      line = end;
    }
  }
  return frames;
}
