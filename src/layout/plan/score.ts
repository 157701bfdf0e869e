// The score of a planned module, lower is better, kept part by part for the layout report: what a desk editor looks at
// first (text that does not fit, legs that stop short, where the text starts) weighs far more than finer points.
import { linesFrom, type FlowResult } from './flow.ts';
import { area } from './legs.ts';
import { minimumPpi } from './photos.ts';
import { unitColumns, unitLines, type Unit } from './units.ts';
import type { GridRect, PlanOptions, StoryPlan } from './types.ts';

export interface Scored {
  readonly plan: Omit<StoryPlan, 'score' | 'scoreParts' | 'candidates'>;
  readonly score: number;
  readonly parts: Readonly<Record<string, number>>;
  readonly units: readonly Unit[];
}

/** A story this short (body lines) is a brief: its photo takes at most a third of its module. */
export const briefLines = 40;
/** Legs shorter than this read as scraps. */
const shortLeg = 6;

export function scorePlan(input: {
  plan: Scored['plan'];
  flow: FlowResult;
  units: readonly Unit[];
  options: PlanOptions;
  outlines: readonly GridRect[];
  body: GridRect;
}): Scored {
  const { plan, flow, units, options, body } = input;
  const parts: Record<string, number> = {};
  const add = (part: string, value: number) => {
    if (value !== 0) parts[part] = round((parts[part] ?? 0) + value);
  };

  if (plan.overset) {
    const left = linesFrom(options.story.blocks, plan.overset);
    add('overset', options.continues ? 30 * left : 1_000_000 + 100 * left);
  }
  add('too-tall', flow.tooTall.length * 100_000);

  const legs = plan.legs;
  const last = flow.lastLeg;
  let usedLegs = 0;
  let usedLines = 0;
  legs.forEach((leg, index) => {
    const empty = leg.lines - leg.used;
    if (index < last) {
      // Every leg but the story's last ends within one line of its foot.
      if (empty > 1) add('leg-foot', 400 * (empty - 1) + 50);
      else add('leg-foot', 3 * empty);
      if (leg.lines < shortLeg) add('scrap-leg', 60);
    } else if (index === last) {
      add('last-leg', (plan.overset ? 400 : 1.5) * empty);
    } else {
      add('empty-leg', 15 * leg.lines);
    }
    if (leg.used > 0) {
      usedLegs++;
      usedLines += leg.used;
    }
  });
  const meanLeg = usedLegs > 0 ? usedLines / usedLegs : 0;
  if (usedLegs > 1 && meanLeg < 8) add('short-legs', (8 - meanLeg) * 40);

  // The news hole: what the space holds beyond the module. One rectangle is easy to fill; an L needs two stories.
  for (const rect of plan.hole) add('hole', area(rect) * options.holeWeight);
  if (plan.hole.length > 1) add('hole-shape', 40);
  // Legs of a newspaper read best between about 10 and 45 lines.
  if (usedLegs > 0 && meanLeg > 45) add('long-legs', (meanLeg - 45) * 2);
  // A whole story down one column reads as a filler, not a story: a module of two or more legs is preferred.
  if (usedLegs === 1 && usedLines > 15) add('single-leg', 80);
  // A photo the layout found no room for is a failure of the layout, not a saving.
  const asked = options.figures ?? options.story.figures.map((_, index) => index);
  const missing = asked.filter((figure) => !units.some((unit) => unit.figure === figure)).length;
  if (missing > 0) add('unplaced-photo', missing * 50_000);

  // The text starts at the module's left, directly under the headline or under the lead photo.
  const first = legs.find((leg) => leg.used > 0);
  if (first) {
    if (first.column !== body.column) add('entry', 1000);
    else if (first.line > body.line) {
      const lead = units.find((unit) => unit.role === 'lead');
      if (!lead || lead.slot !== 'top' || lead.column !== 0) add('entry', 600);
    }
  }

  const totalText = linesFrom(options.story.blocks, options.start);
  const moduleArea = plan.module.columns * plan.module.lines;
  for (const unit of units) {
    add('photo-size', unit.size.cost);
    // What the desk asked for a photo's caption is kept unless the space cannot hold it.
    const figureAsked = options.story.figures[unit.figure]?.desk.caption;
    if (figureAsked && (figureAsked === 'below') !== (unit.captionSide === 'below')) add('desk-caption', 200);
    // So is its place: the head of its columns (not stacked under another photo), or the foot of the module.
    const placedAt = plan.figures.find((candidate) => candidate.figure === unit.figure);
    const placeAsked = options.story.figures[unit.figure]?.desk.place;
    if (placedAt && placeAsked === 'top' && Math.min(placedAt.photo.line, placedAt.caption.line) > body.line) add('desk-place', 150);
    if (placedAt && placeAsked === 'bottom' && Math.max(placedAt.photo.line + placedAt.photo.lines, placedAt.caption.line + placedAt.caption.lines) < body.line + body.lines) add('desk-place', 150);
    if (unit.size.ppi < minimumPpi) add('resolution', 300);
    const unitArea = unitColumns(unit) * unitLines(unit);
    if (totalText <= briefLines && unitArea > moduleArea / 3) add('brief-photo', 40 + (unitArea - moduleArea / 3) * 8);
    const figure = options.story.figures[unit.figure];
    const end = figure ? flow.ends.get(figure.anchor) : undefined;
    const placed = plan.figures.find((candidate) => candidate.figure === unit.figure);
    if (unit.role !== 'lead' && end && placed) {
      const leg = legs[end.leg];
      if (leg) {
        const centre = placed.photo.column + placed.photo.columns / 2;
        const distance = Math.max(0, Math.abs(leg.column + 0.5 - centre) - placed.photo.columns / 2);
        add('near-text', distance * 6);
      }
    }
  }
  const score = Object.values(parts).reduce((sum, value) => sum + value, 0);
  return { plan, score, parts, units };
}

const round = (value: number) => Math.round(value * 100) / 100;
