// Plans one story as a module of whole columns × whole lines in the space it is given: searches module widths,
// photo sizes and places, and depths, and keeps the layout with the best score (white space, photos in proportion,
// legs that end at the foot, the text's entry point under the headline, photos near their text).
import { flowBlocks, linesFrom, type FlowResult } from './flow.ts';
import { area, legsOf, overlaps } from './legs.ts';
import { photoSizes, roleOf, type PhotoSize } from './photos.ts';
import { briefLines, scorePlan, type Scored } from './score.ts';
import { unitColumns, unitLines, unitRects, type Unit } from './units.ts';
export type { PlanOptions } from './types.ts';
import type { BreakPoint, CaptionPlace, FigurePlacement, PlanOptions, GridRect, LegPlan, Space, StoryMeasure, StoryPlan } from './types.ts';


const beamWidth = 6;
const sizesPerFigure = 4;

export function planStory(options: PlanOptions): StoryPlan {
  const { story, space } = options;
  const start = options.start ?? { block: story.blocks[0]?.id ?? 0, line: 0 };
  const figures = options.figures ?? story.figures.map((_, index) => index);
  const textLines = linesFrom(story.blocks, start) + (options.leadIn?.lines ?? 0);
  let best: Scored | null = null;
  let candidates = 0;
  // A module is never narrower than a photo the desk gave a span to.
  const widest = Math.max(1, ...figures.map((index) => story.figures[index]?.desk.span ?? 1));
  const widths = options.narrower ? descending(space.columns).filter((columns) => columns >= Math.min(widest, space.columns)) : [space.columns];
  for (const columns of widths) {
    const headline = story.headlineLines[columns - 1] ?? 0;
    const bodyMax = space.lines - headline;
    if (bodyMax < 4) continue;
    const fullDepth = options.fullDepth === true;
    // A narrower module is only worth trying when the full width leaves its text in short legs.
    if (columns < space.columns && best && best.plan.overset === null && textLines / space.columns > bodyMax * 0.5) break;
    for (const units of arrangements(options, figures, columns, bodyMax, textLines, start)) {
      const evaluate = (depth: number) => {
        candidates++;
        return layoutAt(options, units, columns, headline, depth, start);
      };
      let chosen: Scored | null = null;
      if (fullDepth) {
        chosen = evaluate(bodyMax);
      } else {
        chosen = shallowestFit(evaluate, minimumDepth(units, columns, textLines), bodyMax);
      }
      if (chosen && (!best || chosen.score < best.score)) best = chosen;
    }
  }
  if (!best) return emptyPlan(options, start, candidates);
  best = refine(options, best, start, () => candidates++);
  // A photo no arrangement found room for is never dropped: it is handed back, to follow its text or be reported.
  const placed = new Set(best.plan.figures.map((figure) => figure.figure));
  const unplaced = figures.filter((figure) => !placed.has(figure));
  return { ...best.plan, deferred: unplaced, score: best.score, scoreParts: best.parts, candidates };
}

/** The shallowest depth at which the text fits (or the full depth when it never does), then its neighbours. */
function shallowestFit(evaluate: (depth: number) => Scored | null, low: number, high: number): Scored | null {
  let from = Math.max(4, Math.min(low, high));
  let found: Scored | null = null;
  // Step down while it still fits, then up until it does.
  let trial = evaluate(from);
  while (trial && trial.plan.overset === null && from > 4) {
    const shallower = evaluate(from - 1);
    if (!shallower || shallower.plan.overset !== null) break;
    trial = shallower;
    from--;
  }
  if (trial && trial.plan.overset === null) found = trial;
  let step = 1;
  let depth = from;
  while (!found && depth < high) {
    depth = Math.min(high, depth + step);
    const deeper = evaluate(depth);
    if (deeper && deeper.plan.overset === null) {
      // Overshot by up to `step`: walk back to the shallowest that fits.
      found = deeper;
      for (let back = depth - 1; back > depth - step; back--) {
        const shallower = evaluate(back);
        if (!shallower || shallower.plan.overset !== null) break;
        found = shallower;
      }
    } else if (depth === high) {
      found = deeper;
    }
    step = Math.min(step * 2, 16);
  }
  if (!found) return trial;
  // One line deeper can end the legs better (a subhead or a short paragraph moves): keep whichever scores best.
  let best = found;
  const depthOf = (scored: Scored) => scored.plan.module.lines;
  const base = depthOf(found);
  for (let extra = 1; extra <= 2; extra++) {
    const deeper = base - (found.plan.headline?.lines ?? 0) + extra;
    if (deeper > high) break;
    const alternative = evaluate(deeper);
    if (alternative && alternative.score < best.score) best = alternative;
  }
  return best;
}

function minimumDepth(units: readonly Unit[], columns: number, textLines: number): number {
  const photoArea = units.reduce((sum, unit) => sum + (unitColumns(unit) * (unitLines(unit) + 1)), 0);
  const tallest = units.reduce((most, unit) => Math.max(most, unitLines(unit)), 0);
  return Math.max(tallest, Math.ceil((textLines + photoArea) / columns));
}

/** Candidate placements of the figures in a module `columns` wide: a small beam search, figure by figure. */
function arrangements(options: PlanOptions, figures: readonly number[], columns: number, bodyMax: number, textLines: number, start: BreakPoint): Unit[][] {
  const { story, metrics } = options;
  type State = { units: Unit[]; cost: number };
  let beam: State[] = [{ units: [], cost: 0 }];
  const linesBefore = anchorShares(story, start, textLines);
  figures.forEach((figureIndex, order) => {
    const figure = story.figures[figureIndex];
    if (!figure) return;
    const role = roleOf(figure, order, 0);
    const sizes = photoSizes(figure, role, metrics, columns, bodyMax, false, textLines <= briefLines).slice(0, sizesPerFigure);
    const next: State[] = [];
    for (const state of beam) {
      for (const size of sizes) {
        for (const captionSide of captionSides(size, columns, figure.desk.caption)) {
          const width = size.span + (captionSide === 'below' ? 0 : 1);
          if (width > columns) continue;
          const slots: Unit['slot'][] = role === 'lead' && !figure.desk.place ? ['top'] : figure.desk.place ? [figure.desk.place] : ['top', 'bottom'];
          for (const slot of slots) {
            for (let column = 0; column + width <= columns; column++) {
              if (captionSide === 'left' && column + width !== columns) continue;
              if (captionSide === 'right' && column + width === columns && column > 0 && !figure.desk.caption) continue;
              const unit: Unit = { figure: figureIndex, role, size, column, slot, captionSide };
              if (!fitsBeside(unit, state.units, bodyMax)) continue;
              // A photo stacked on another in the same slot is a last resort: the desk asked for the head or foot of its columns.
              const refused = figure.desk.caption === 'beside' && captionSide === 'below' ? 60 : 0;
              const stacked = state.units.some((other) => other.slot === slot && other.column < column + width && column < other.column + unitColumns(other)) ? 25 : 0;
              next.push({ units: [...state.units, unit], cost: state.cost + size.cost + stacked + refused + placeCost(unit, role, columns, linesBefore.get(figure.anchor) ?? 0) });
            }
          }
        }
      }
    }
    next.sort((a, b) => a.cost - b.cost);
    beam = next.length > 0 ? next.slice(0, beamWidth) : beam;
  });
  return beam.map((state) => state.units);
}

/** Where the caption may go: below always; beside when a column is free next to the photo and the caption fits its height. */
function captionSides(size: PhotoSize, columns: number, desk: CaptionPlace | undefined): Unit['captionSide'][] {
  const room = size.span + 1 <= columns;
  const beside = room && size.captionBeside <= size.lines - 1;
  if (desk === 'below' || !room) return ['below'];
  // The desk's caption beside is kept where the photo is tall enough for it; otherwise it goes below, never lost.
  if (desk === 'beside') return beside ? ['right', 'left'] : ['below'];
  if (!beside) return ['below'];
  return size.captionPlace === 'beside' ? ['right', 'left', 'below'] : ['below', 'right', 'left'];
}

/** Share of the text that comes before each block ends, to guess where a photo's paragraph will fall. */
function anchorShares(story: StoryMeasure, start: BreakPoint, total: number): Map<number, number> {
  const shares = new Map<number, number>();
  let before = 0;
  let started = false;
  shares.set(-1, 0);
  for (const block of story.blocks) {
    if (block.id === start.block) started = true;
    if (!started) continue;
    before += block.id === start.block ? block.lines - start.line : block.lines;
    shares.set(block.id, total > 0 ? before / total : 0);
  }
  return shares;
}

function placeCost(unit: Unit, role: string, columns: number, share: number): number {
  const centre = unit.column + unitColumns(unit) / 2;
  if (role === 'lead') {
    // The text starts at the top left, under the headline, when the lead photo stands right; under the photo otherwise.
    const right = unit.column + unitColumns(unit) === columns;
    return unitColumns(unit) === columns ? 2 : right ? 0 : 3;
  }
  // Text flows down each leg in turn: a share of the text maps to a column and a height in it.
  const column = share * columns;
  const inColumn = column - Math.floor(column);
  const wantsTop = inColumn < 0.5;
  return Math.abs(centre - column) * 4 + ((unit.slot === 'top') === wantsTop ? 0 : 3) + (unit.column === 0 && unit.slot === 'top' ? 30 : 0);
}

/** A unit may not overlap one already placed in the same slot; a top and a bottom unit in one column must leave text room. */
function fitsBeside(unit: Unit, placed: readonly Unit[], bodyMax: number): boolean {
  const columns = (u: Unit) => [u.column, u.column + unitColumns(u)] as const;
  const [from, to] = columns(unit);
  let above = 0;
  let below = 0;
  for (const other of placed) {
    const [otherFrom, otherTo] = columns(other);
    if (otherTo <= from || otherFrom >= to) continue;
    if (other.slot === 'top') above += unitLines(other) + 1;
    else below += unitLines(other) + 1;
  }
  // The first column's head holds at most one photo, so the text starts under the headline or under that photo.
  if (unit.slot === 'top' && from === 0 && above > 0) return false;
  const mine = unitLines(unit) + 1;
  return above + below + mine + 6 <= bodyMax;
}

/** Lays the module out at one depth: places the units, cuts the legs, flows the text, scores the result. */
function layoutAt(options: PlanOptions, units: readonly Unit[], columns: number, headlineLines: number, depth: number, start: BreakPoint): Scored | null {
  const { space, story } = options;
  const left = space.column;
  const bodyTop = space.line + headlineLines;
  const placements: FigurePlacement[] = [];
  const keepOut: GridRect[] = [];
  const outlines: GridRect[] = [];
  for (const unit of units) {
    const stack = stackOffset(unit, units.slice(0, units.indexOf(unit)), left, bodyTop, depth);
    const rects = unitRects(unit, left, bodyTop, depth, stack);
    if (rects.outline.line < bodyTop || rects.outline.line + rects.outline.lines > bodyTop + depth) return null;
    if (outlines.some((other) => overlaps(other, rects.outline))) return null;
    outlines.push(rects.outline);
    keepOut.push(...rects.keepOut);
    placements.push({
      figure: unit.figure,
      role: unit.role,
      photo: rects.photo,
      caption: rects.caption,
      captionPlace: unit.captionSide === 'below' ? 'below' : unit.captionSide === 'left' ? 'beside-left' : 'beside',
      ppi: unit.size.ppi,
      crop: unit.size.crop,
    });
  }
  const body: GridRect = { column: left, columns, line: bodyTop, lines: depth };
  const legs = legsOf(body, keepOut);
  // Text that goes on elsewhere ends with a jump line: the last leg keeps its last line for it.
  const last = legs.at(-1);
  if ((options.jumpLine ?? options.continues) && last) legs[legs.length - 1] = { ...last, lines: last.lines - 1 };
  const flow: FlowResult = flowBlocks(story.blocks, legs, start, options.leadIn);
  const legPlans: LegPlan[] = legs.map((leg, index) => ({ ...leg, pieces: flow.legs[index]?.pieces ?? [], used: flow.legs[index]?.used ?? 0 }));
  const module: GridRect = { column: left, columns, line: space.line, lines: headlineLines + depth };
  const headline = headlineLines > 0 ? { column: left, columns, line: space.line, lines: headlineLines } : null;
  const plan: Omit<StoryPlan, 'score' | 'scoreParts' | 'candidates'> = {
    module,
    headline,
    figures: placements,
    legs: legPlans,
    overset: flow.overset,
    deferred: [],
    hole: holeOf(space, module),
  };
  return scorePlan({ plan, flow, units, options, outlines, body });
}

function stackOffset(unit: Unit, before: readonly Unit[], left: number, top: number, depth: number): number {
  let offset = 0;
  for (const other of before) {
    if (other.slot !== unit.slot) continue;
    const a = [unit.column, unit.column + unitColumns(unit)];
    const b = [other.column, other.column + unitColumns(other)];
    if ((a[1] ?? 0) <= (b[0] ?? 0) || (b[1] ?? 0) <= (a[0] ?? 0)) continue;
    const rects = unitRects(other, left, top, depth, stackOffset(other, before.slice(0, before.indexOf(other)), left, top, depth));
    const reach = unit.slot === 'top' ? rects.outline.line + rects.outline.lines - top + 1 : top + depth - rects.outline.line + 1;
    offset = Math.max(offset, reach);
  }
  return offset;
}

/** The empty part of the space: right of the module (full depth) when it is narrower, and below it. */
function holeOf(space: Space, module: GridRect): GridRect[] {
  const hole: GridRect[] = [];
  const columns = space.columns - module.columns;
  if (columns > 0) hole.push({ column: module.column + module.columns, columns, line: space.line, lines: space.lines });
  const lines = space.line + space.lines - (module.line + module.lines);
  if (lines > 0) hole.push({ column: module.column, columns: module.columns, line: module.line + module.lines, lines });
  return hole;
}

/** Small changes to the best layout's photos (a line more or less, the next span) that improve its score. */
function refine(options: PlanOptions, found: Scored, start: BreakPoint, count: () => void): Scored {
  let best = found;
  const headline = best.plan.headline?.lines ?? 0;
  const fullDepth = options.fullDepth === true;
  for (let round = 0; round < 2; round++) {
    let improved = false;
    for (const [index, unit] of best.units.entries()) {
      const figure = options.story.figures[unit.figure];
      if (!figure) continue;
      const sizes = photoSizes(figure, unit.role, options.metrics, best.plan.module.columns, options.space.lines - headline, false, linesFrom(options.story.blocks, start) <= briefLines).filter(
        (size) => size.span === unit.size.span && Math.abs(size.lines - unit.size.lines) <= 3 && size.lines !== unit.size.lines,
      );
      for (const size of sizes) {
        const units = best.units.map((other, at) => (at === index ? { ...other, size } : other));
        const depths = fullDepth ? [best.plan.module.lines - headline] : [best.plan.module.lines - headline - 1, best.plan.module.lines - headline, best.plan.module.lines - headline + 1];
        for (const depth of depths) {
          if (depth < 4 || depth > options.space.lines - headline) continue;
          count();
          const trial = layoutAt(options, units, best.plan.module.columns, headline, depth, start);
          if (trial && trial.score < best.score - 0.5) {
            best = trial;
            improved = true;
          }
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

function emptyPlan(options: PlanOptions, start: BreakPoint, candidates: number): StoryPlan {
  const { space } = options;
  return {
    module: { ...space, lines: 0 },
    headline: null,
    figures: [],
    legs: [],
    overset: start,
    deferred: options.figures ? [...options.figures] : options.story.figures.map((_, index) => index),
    hole: [space],
    score: Number.POSITIVE_INFINITY,
    scoreParts: { 'no-room': 1 },
    candidates,
  };
}

const descending = (columns: number): number[] => Array.from({ length: columns }, (_, index) => columns - index);

export { area };
