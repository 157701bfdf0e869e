// Plans a page of several stories that were given no blocks of their own: tries the arrangements a desk uses (stories
// stacked in bands, side by side, a lead band over a row) and sizes each story's module in its space, keeping the
// arrangement whose stories together score best and leave the least news hole.
import { linesFrom } from './flow.ts';
import { planStory } from './module.ts';
import type { BreakPoint, FlowBlock, GridMetrics, Space, StoryMeasure, StoryPlan } from './types.ts';

/** A story as the page planner gets it: measured, and where its text starts on this page when it continues. */
export interface PagedStory {
  readonly story: StoryMeasure;
  readonly start?: BreakPoint;
  readonly figures?: readonly number[];
  readonly leadIn?: FlowBlock;
}

export interface PagePlan {
  readonly arrangement: 'stacked' | 'side-by-side' | 'lead-over-row';
  readonly spaces: readonly Space[];
  readonly plans: readonly StoryPlan[];
  readonly score: number;
}

/** A line of space between stories set one above the other, for the rule between them. */
const ruleLines = 1;
/** On a page of several stories, an empty column-line costs this much: stories grow (within their photos' limits) to fill. */
export const pageHoleWeight = 1.5;

export function planPage(stories: readonly PagedStory[], area: Space, metrics: GridMetrics): PagePlan {
  const candidates: PagePlan[] = [];
  const plan = (story: PagedStory, space: Space) => planStory({ ...story, space, metrics, holeWeight: pageHoleWeight, continues: false, narrower: false });

  // Stacked: each story a band across the page, as deep as it needs; the last takes what is left.
  {
    const spaces: Space[] = [];
    const plans: StoryPlan[] = [];
    let line = area.line;
    for (const [index, story] of stories.entries()) {
      const space: Space = { ...area, line, lines: area.line + area.lines - line };
      const planned = plan(story, space);
      const last = index === stories.length - 1;
      // A band ends where its story does: the next story fills what lies below it.
      spaces.push(last ? space : { ...space, lines: planned.module.lines + ruleLines });
      plans.push(last ? planned : { ...planned, hole: [] });
      line = planned.module.line + planned.module.lines + ruleLines;
      if (!last && line >= area.line + area.lines - 8) break;
    }
    if (plans.length === stories.length) candidates.push(scored('stacked', spaces, plans));
  }

  // Side by side: every story the full depth, in columns shared out by the length of its text.
  if (area.columns >= stories.length * 2) {
    const spaces = shareColumns(stories, { ...area });
    candidates.push(scored('side-by-side', spaces, stories.map((story, index) => plan(story, spaces[index] as Space))));
  }

  // A lead band over a row: the first story across the top, the others side by side below it.
  if (stories.length >= 3 && area.columns >= (stories.length - 1) * 2) {
    const [lead, ...rest] = stories;
    if (lead) {
      const leadPlan = plan(lead, area);
      const top = leadPlan.module.line + leadPlan.module.lines + ruleLines;
      const row: Space = { ...area, line: top, lines: area.line + area.lines - top };
      if (row.lines > 12) {
        const spaces = shareColumns(rest, row);
        // The lead's band ends where it does: the row below fills the rest, so the lead leaves no hole of its own.
        const band: Space = { ...area, lines: top - area.line };
        candidates.push(scored('lead-over-row', [band, ...spaces], [{ ...leadPlan, hole: [] }, ...rest.map((story, index) => plan(story, spaces[index] as Space))]));
      }
    }
  }
  const best = candidates.reduce<PagePlan | null>((found, candidate) => (!found || candidate.score < found.score ? candidate : found), null);
  if (best) return best;
  // Nothing fitted the rules above (a page too small for its stories): stack them and let the overset be told.
  const spaces = stories.map(() => area);
  return scored('stacked', spaces, stories.map((story) => plan(story, area)));
}

function scored(arrangement: PagePlan['arrangement'], spaces: readonly Space[], plans: readonly StoryPlan[]): PagePlan {
  // The stories' own scores without their holes, and the page's news hole once: what no story filled.
  const own = plans.reduce((sum, plan) => sum + plan.score - (plan.scoreParts['hole'] ?? 0) - (plan.scoreParts['hole-shape'] ?? 0), 0);
  const hole = plans.reduce((sum, plan) => sum + plan.hole.reduce((area, rect) => area + rect.columns * rect.lines, 0), 0);
  return { arrangement, spaces, plans, score: own + hole * pageHoleWeight };
}

/** Whole columns for each story, in proportion to its text, at least two each. */
function shareColumns(stories: readonly PagedStory[], area: Space): Space[] {
  const weights = stories.map(({ story, start, figures }) => Math.max(1, linesFrom(story.blocks, start) + (figures?.length ?? story.figures.length) * 20));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const columns = weights.map((weight) => Math.max(2, Math.round((weight / total) * area.columns)));
  // Give or take columns from the widest until they add up to the page.
  while (columns.reduce((sum, count) => sum + count, 0) > area.columns) {
    const widest = columns.indexOf(Math.max(...columns));
    columns[widest] = (columns[widest] ?? 2) - 1;
  }
  while (columns.reduce((sum, count) => sum + count, 0) < area.columns) {
    const neediest = weights.map((weight, index) => weight / (columns[index] ?? 1)).reduce((best, value, index, all) => (value > (all[best] ?? 0) ? index : best), 0);
    columns[neediest] = (columns[neediest] ?? 2) + 1;
  }
  const spaces: Space[] = [];
  let column = area.column;
  for (const count of columns) {
    spaces.push({ ...area, column, columns: count });
    column += count;
  }
  return spaces;
}
