// Browser side: fits one story to its block: a draft to learn where the text falls, then photo sizes copyfitted so the columns end at the block's foot.
import { attemptLayout, scaleRange, type Attempt, type StoryCanvas, type StoryParts } from './lay-out.ts';
import type { Anchor } from './place-figures.ts';

export interface FittedStory {
  readonly attempt: Attempt;
  readonly attempts: number;
  /** The photo scale copyfitting chose; a rebuild of the same story starts its search there. */
  readonly scale: number;
}

/** Copyfitting stops refining once photo sizes are this close to the best. */
const precision = 0.03;

export function fitStory(parts: StoryParts, canvas: StoryCanvas, hint?: number): FittedStory {
  // A draft with only the lead photo shows where each paragraph falls; the other photos go near those places.
  const draft = attemptLayout(parts, canvas, { scale: 1, anchors: new Map(), figures: parts.plans.filter((plan) => plan.lead), fitOnly: true });
  const anchors = new Map<number, Anchor>();
  for (const [block, end] of draft.flow.ends) if (end.page === canvas.sheet.number) anchors.set(block, { column: end.column - canvas.geometry.firstColumn, line: end.line });

  let attempts = 1;
  const fits = (scale: number): boolean => {
    attempts++;
    const attempt = attemptLayout(parts, canvas, { scale, anchors, fitOnly: true });
    return attempt.flow.overset.length === 0 && attempt.unplaced.length === 0;
  };
  let scale = 1;
  let overflowing = false;
  // A proof rebuilt after a small edit usually keeps its photo sizes: try the last scale and one step up first.
  const known = hint !== undefined && hint >= scaleRange.min && hint <= scaleRange.max ? hint : undefined;
  const hinted = known !== undefined && fits(known) ? (known + precision > scaleRange.max || !fits(known + precision) ? known : undefined) : undefined;
  if (hinted !== undefined) {
    scale = hinted;
  } else if (fits(scaleRange.min)) {
    let low: number = scaleRange.min;
    let high: number = scaleRange.max;
    if (fits(high)) low = high;
    for (let step = 0; step < 5 && high - low > precision; step++) {
      const middle = (low + high) / 2;
      if (fits(middle)) low = middle;
      else high = middle;
    }
    scale = low;
  } else if (canvas.policy.kind === 'error') {
    scale = scaleRange.min;
  } else {
    overflowing = true;
  }
  // When the text goes on elsewhere, photos whose paragraphs went with it follow it onto continuation sheets.
  const follows = overflowing && canvas.policy.kind === 'sheets';
  const here = parts.plans.filter((plan) => !follows || plan.lead || plan.anchor < 0 || anchors.has(plan.anchor));
  const deferred = parts.plans.filter((plan) => !here.includes(plan));
  const attempt = attemptLayout(parts, canvas, { scale, anchors, figures: here, deferred });
  return { attempt, attempts: attempts + 1, scale };
}
