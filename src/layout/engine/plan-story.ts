// Browser side, pure in what it decides: plans a story for the overset policy it has. When its text goes on elsewhere,
// the photos whose paragraphs went with it go too, and the plan is made again without them.
import { planStory, type PlanOptions } from '../plan/module.ts';
import type { StoryPlan } from '../plan/types.ts';

export function planForPolicy(options: Omit<PlanOptions, 'continues'> & { readonly continues: boolean }): StoryPlan {
  const all = options.figures ?? options.story.figures.map((_, index) => index);
  if (!options.continues) {
    const plan = planStory({ ...options, figures: all, continues: false });
    const shown = new Set(plan.figures.map((figure) => figure.figure));
    return { ...plan, deferred: all.filter((index) => !shown.has(index)) };
  }
  let placed = [...all];
  let plan = planStory({ ...options, figures: placed, continues: true });
  for (let round = 0; round < 4 && plan.overset; round++) {
    const cut = plan.overset.block;
    const stay = placed.filter((index) => (options.story.figures[index]?.anchor ?? -1) < cut);
    if (stay.length === placed.length) break;
    placed = stay;
    plan = planStory({ ...options, figures: placed, continues: true });
  }
  if (!plan.overset) {
    // All the text fits once some photos are gone: bring back those that still leave room, in order.
    for (const index of all) {
      if (placed.includes(index)) continue;
      const trial = [...placed, index].sort((a, b) => a - b);
      const with_ = planStory({ ...options, figures: trial, continues: false });
      if (!with_.overset) placed = trial;
    }
    plan = planStory({ ...options, figures: placed, continues: false });
  }
  const shown = new Set(plan.figures.map((figure) => figure.figure));
  return { ...plan, deferred: all.filter((index) => !shown.has(index)) };
}
