// Browser side: gives every figure whole columns and whole lines near the text it belongs to, with its caption beside or below it.
import type { BodyArea, GridRect } from './body-area.ts';
import { overlaps } from './body-area.ts';
import type { FigurePlan } from './figure-plan.ts';
import { spanWidth, type Geometry } from './geometry.ts';

export interface Placement {
  readonly plan: FigurePlan;
  readonly photo: GridRect;
  readonly caption: GridRect;
  /** What text must keep clear of: photo and caption, with a line of space. */
  readonly keepOut: readonly GridRect[];
}

export interface Anchor {
  readonly column: number;
  readonly line: number;
}

/** Measures how many body lines a caption takes at a given width. */
export type CaptionMeasure = (plan: FigurePlan, width: number) => number;

export function placeFigures(options: {
  plans: readonly FigurePlan[];
  anchors: ReadonlyMap<number, Anchor>;
  geometry: Geometry;
  area: BodyArea;
  scale: number;
  measureCaption: CaptionMeasure;
}): { placements: Placement[]; unplaced: FigurePlan[] } {
  const { geometry, area } = options;
  const placements: Placement[] = [];
  const unplaced: FigurePlan[] = [];
  for (const plan of options.plans) {
    const width = spanWidth(geometry, plan.span);
    const naturalLines = (width / plan.aspect / geometry.leading) * options.scale;
    const photoLines = Math.max(4, Math.min(area.lines - 4, Math.round(naturalLines)));
    const captionWidth = plan.caption === 'beside' ? geometry.columnWidth : width;
    const captionLines = Math.min(photoLines, options.measureCaption(plan, captionWidth));
    const unitColumns = plan.span + (plan.caption === 'beside' ? 1 : 0);
    const unitLines = photoLines + (plan.caption === 'below' ? captionLines : 0);
    const anchor = plan.lead ? { column: 0, line: 0 } : (options.anchors.get(plan.anchor) ?? { column: 0, line: 0 });

    let best: { column: number; line: number; score: number } | undefined;
    for (let column = 0; column + unitColumns <= geometry.columns; column++) {
      // The lead photo opens the story: at the top of its block, whatever slivers that leaves below.
      const lastLine = plan.lead && plan.place === 'auto' ? 0 : area.lines - unitLines;
      for (let line = 0; line <= lastLine && line + unitLines <= area.lines; line++) {
        const trial = unitRects(plan, column, line, photoLines, captionLines, geometry.columns, area.lines);
        const others = placements.flatMap((other) => other.keepOut);
        if (others.some((rect) => trial.keepOut.some((mine) => overlaps(rect, mine)))) continue;
        // Text squeezed into a sliver above or below a photo reads badly: such places cost more than any distance.
        const slivers = trial.keepOut.filter((mine) => leavesSliver(mine, others, area.lines)).length;
        const score = scoreOf(plan, column, line, unitLines, anchor, area.lines) + slivers * 10_000;
        if (!best || score < best.score) best = { column, line, score };
      }
    }
    if (!best) {
      unplaced.push(plan);
      continue;
    }
    placements.push({ plan, ...unitRects(plan, best.column, best.line, photoLines, captionLines, geometry.columns, area.lines) });
  }
  return { placements, unplaced };
}

function scoreOf(plan: FigurePlan, column: number, line: number, unitLines: number, anchor: Anchor, areaLines: number): number {
  const bottom = areaLines - unitLines;
  if (plan.place === 'top') return line * 10 + Math.abs(column - anchor.column);
  if (plan.place === 'bottom') return (bottom - line) * 10 + Math.abs(column - anchor.column);
  return Math.abs(column - anchor.column) * 12 + Math.abs(line - anchor.line);
}

/** Fewer free lines than this between a photo and the next obstacle make a sliver of text. */
const minimumTextRun = 6;

function leavesSliver(rect: GridRect, others: readonly GridRect[], areaLines: number): boolean {
  for (let column = rect.column; column < rect.column + rect.columns; column++) {
    const inColumn = others.filter((other) => column >= other.column && column < other.column + other.columns);
    const above = Math.max(0, ...inColumn.filter((other) => other.line + other.lines <= rect.line).map((other) => other.line + other.lines));
    const below = Math.min(areaLines, ...inColumn.filter((other) => other.line >= rect.line + rect.lines).map((other) => other.line));
    const gapAbove = rect.line - above;
    const gapBelow = below - (rect.line + rect.lines);
    if ((gapAbove > 0 && gapAbove < minimumTextRun) || (gapBelow > 0 && gapBelow < minimumTextRun)) return true;
  }
  return false;
}

function unitRects(plan: FigurePlan, column: number, line: number, photoLines: number, captionLines: number, columns: number, areaLines: number) {
  // The caption goes on the right of the photo, or on its left when the photo reaches the page's right edge.
  const captionLeft = plan.caption === 'beside' && column + plan.span + 1 === columns && column > 0;
  const photoColumn = captionLeft ? column + 1 : column;
  const photo: GridRect = { column: photoColumn, columns: plan.span, line, lines: photoLines };
  const caption: GridRect =
    plan.caption === 'beside'
      ? { column: captionLeft ? column : column + plan.span, columns: 1, line: line + photoLines - captionLines, lines: captionLines }
      : { column: photoColumn, columns: plan.span, line: line + photoLines, lines: captionLines };
  const gapBelow = (rect: GridRect): GridRect => ({ ...rect, lines: Math.min(areaLines - rect.line, rect.lines + 1) });
  const gapAbove = (rect: GridRect): GridRect => (rect.line > 0 ? { ...rect, line: rect.line - 1, lines: rect.lines + 1 } : rect);
  const keepOut =
    plan.caption === 'beside'
      ? [gapBelow(photo), gapAbove(gapBelow(caption))]
      : [gapBelow({ ...photo, lines: photoLines + captionLines })];
  return { photo, caption, keepOut };
}

