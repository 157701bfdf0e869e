// Browser side entry of the layout engine: checks fonts and photos, fits the story to the page, and publishes the layout report.
import type { LayoutProblem, LayoutReport, LayoutRequest } from '../report.ts';
import { attemptLayout, collectStory, oversetOf, scaleRange, type Attempt } from './lay-out.ts';
import { geometryOf, pxPerMm } from './geometry.ts';
import type { Anchor } from './place-figures.ts';
import { measureAttempt } from './measure.ts';

declare global {
  interface Window {
    broadsheetLayOut?: (request: LayoutRequest) => Promise<LayoutReport>;
  }
}

async function layOut(request: LayoutRequest): Promise<LayoutReport> {
  const started = performance.now();
  await document.fonts.ready;
  const problems: LayoutProblem[] = [];
  for (const image of Array.from(document.images)) {
    await image.decode().catch(() => undefined);
    if (!image.complete || image.naturalWidth === 0) {
      problems.push({ rule: 'photo-unreadable', severity: 'error', message: `photo ${image.getAttribute('src') ?? '(no source)'} could not be decoded` });
    }
  }
  const geometry = geometryOf(request.grid);
  const parts = collectStory(geometry.columns);

  // A draft with only the lead photo shows where each paragraph falls; the other photos go near those places.
  const draft = attemptLayout(parts, request, { scale: 1, anchors: new Map(), allowJump: false, figures: parts.plans.filter((plan) => plan.lead) });
  const anchors = new Map<number, Anchor>();
  for (const [block, end] of draft.flow.ends) if (end.page === request.folio.page) anchors.set(block, { column: end.column, line: end.line });

  let attempts = 1;
  const fits = (scale: number): boolean => {
    attempts++;
    const attempt = attemptLayout(parts, request, { scale, anchors, allowJump: false });
    return attempt.flow.overset.length === 0 && attempt.unplaced.length === 0;
  };
  let scale = 1;
  let allowJump = false;
  if (fits(scaleRange.min)) {
    // Copyfitting: the largest photos that still let every line fit, so the columns end at the foot of the page.
    let low: number = scaleRange.min;
    let high: number = scaleRange.max;
    if (fits(high)) low = high;
    for (let step = 0; step < 4 && high - low > 0.02; step++) {
      const middle = (low + high) / 2;
      if (fits(middle)) low = middle;
      else high = middle;
    }
    scale = low;
  } else if (request.allowJump) {
    allowJump = true;
  } else {
    scale = scaleRange.min;
  }
  // On a jump, photos whose text goes on to a continuation page go there with it.
  const onFirstPage = parts.plans.filter((plan) => !allowJump || plan.lead || plan.anchor < 0 || anchors.has(plan.anchor));
  const deferred = parts.plans.filter((plan) => !onFirstPage.includes(plan));
  const final: Attempt = attemptLayout(parts, request, { scale, anchors, allowJump, figures: onFirstPage, deferred });
  problems.push(...final.problems);
  const overset = oversetOf(final.flow, geometry.leading);
  if (overset) {
    problems.push({
      rule: 'overset',
      severity: 'error',
      message: `${overset.lines} lines (${overset.characters} characters) do not fit, from the paragraph starting “${overset.from}”; cut the text, or allow a jump to a continuation page`,
    });
  }
  const measured = measureAttempt(final, geometry);
  problems.push(...measured.problems);
  const firstSheet = final.sheets[0];
  return {
    engine: 'broadsheet-frames',
    pages: measured.pages,
    overset,
    problems,
    timing: { attempts: attempts + 1, milliseconds: Math.round(performance.now() - started) },
    baseline: { pitch: round(geometry.leading / pxPerMm), origin: round((firstSheet?.area.top ?? 0) / pxPerMm) },
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

window.broadsheetLayOut = layOut;
