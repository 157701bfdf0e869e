// Browser side entry of the layout engine: measures every story (its text composed into lines), plans each as a module
// in its space on the page, sets the plans, follows overset onto continuation sheets or a jump, and reports it all.
import type { GridMetrics, Space, StoryMeasure, StoryPlan } from '../plan/types.ts';
import { linesFrom } from '../plan/flow.ts';
import { pageHoleWeight, planPage, type PagedStory } from '../plan/page.ts';
import type { LayoutProblem, LayoutReport, LayoutRequest, NewsHole, Overset, StoryReport, StoryRequest } from '../report.ts';
import { compositionReport } from './composition-report.ts';
import { checkLines } from './check-lines.ts';
import { blockGeometry, columnX, geometryOf, pxPerMm, spanWidth, type Geometry } from './geometry.ts';
import { jumpText } from './jump-text.ts';
import { measurePages, type SetStoryParts } from './measure.ts';
import { measureStory, headlineLinesOf, type MeasuredStory } from './measure-story.ts';
import { planForPolicy } from './plan-story.ts';
import { setStory, type SetFigure, type SetFrame } from './set-story.ts';
import { createSheet, place, type BodyArea, type Sheet } from './sheet.ts';
import type { StoryBlock } from './story-blocks.ts';

declare global {
  interface Window {
    broadsheetLayOut?: (request: LayoutRequest) => Promise<LayoutReport>;
  }
}

const maxSheets = 8;

async function layOut(request: LayoutRequest): Promise<LayoutReport> {
  const started = performance.now();
  // Laid out first, so that every face the text needs has started loading (a page that took another article in has
  // not laid its new text out yet, and document.fonts.ready would resolve before the faces for it were asked for:
  // its lines were then measured in a fallback face, and came out other than on a fresh page).
  void document.body.offsetHeight;
  await document.fonts.ready;
  const problems: LayoutProblem[] = [];
  // The photos finish loading while the text is measured (measuring needs only their pixel sizes).
  const decoding = Promise.all(Array.from(document.images).map(unreadablePhoto));
  const page = geometryOf(request.grid);
  const metrics: GridMetrics = { columnWidth: page.columnWidth / pxPerMm, gutter: page.gutter / pxPerMm, leading: page.leading / pxPerMm, pageColumns: page.columns };
  const container = document.createElement('main');
  container.className = 'sheets';
  document.body.append(container);
  const first = createSheet({ container, geometry: page, folio: request.folio, number: request.folio.page });
  const articles = Array.from(document.querySelectorAll<HTMLElement>('article.story'));

  const specs = articles.map((article, index): StoryRequest => request.stories[index] ?? { lang: article.lang || request.folio.lang, figures: [], overset: { kind: 'error' } });
  const measured: MeasuredStory[] = [];
  for (const [index, article] of articles.entries()) {
    const spec = specs[index] ?? { lang: request.folio.lang, figures: [], overset: { kind: 'error' } };
    const story = await measureStory({ story: article, sheet: first.element, geometry: page, columns: spec.block?.columns ?? page.columns, lang: spec.lang, figures: spec.figures });
    problems.push(...story.body.problems);
    measured.push(story);
  }
  // A story taken up from another page of the edition: a jump head instead of its headline, its jump line first,
  // and its text from where the other page stopped.
  const prepared = measured.map((story, index) => prepare(story, specs[index], page));
  const measuring = performance.now() - started;

  const stories: StoryReport[] = [];
  const parts: SetStoryParts[] = [];
  let attempts = 0;
  // Several stories and no blocks given: the page planner sizes them together. Otherwise stories without a block
  // are stacked: each takes the page below the ones before it.
  const whole: Space = { column: 0, columns: page.columns, line: 0, lines: first.area.lines };
  const planned = measured.length > 1 && specs.every((spec) => !spec.block && spec.overset.kind === 'error') ? planPage(prepared.map((story) => story.paged), whole, metrics) : null;
  if (planned) attempts += planned.plans.reduce((sum, plan) => sum + plan.candidates, 0);
  let nextFreeLine = 0;
  for (const [index, story] of measured.entries()) {
    const spec = specs[index] ?? { lang: story.lang, figures: [], overset: { kind: 'error' } };
    const ready = prepared[index];
    if (!ready) continue;
    const space = planned?.spaces[index] ?? spaceOf(spec, first.area, page, nextFreeLine);
    const explicit = spec.block !== undefined;
    // Overset that is an error is found the way a jump would find it: photos whose text does not fit go with that
    // text, so the error names all that is left over.
    const jumps = spec.overset.kind !== 'error';
    const plan =
      planned?.plans[index] ??
      planForPolicy({
        ...ready.paged,
        space,
        metrics,
        holeWeight: explicit || measured.length > 1 ? pageHoleWeight : 0.2,
        continues: true,
        jumpLine: jumps,
        narrower: !explicit && measured.length === 1,
      });
    if (!planned) attempts += plan.candidates;
    if (!explicit) nextFreeLine = plan.module.line + plan.module.lines + 1;
    const blocks = ready.blocks;
    const jumpsTo = plan.overset ? (spec.overset.kind === 'jump' ? spec.overset.toPage : spec.overset.kind === 'sheets' ? first.number + 1 : null) : null;
    const set = setStory({
      story,
      plan,
      parent: story.element,
      headline: ready.headline,
      blocks,
      specs: spec.figures,
      geometry: page,
      area: first.area,
      page: first.number,
      firstLeg: 1,
      ...(jumpsTo !== null ? { jumpOut: jumpText('out', jumpsTo, story.lang) } : {}),
    });
    drawBlockRules(story.element, page, first.area, plan, space);
    const frames: SetFrame[] = [...set.frames];
    const figures: SetFigure[] = [...set.figures];
    const modules = [moduleOf(plan, first, page)];
    const holes = [holeOf(plan, first, page, metrics)];
    let scoreParts = plan.scoreParts;
    let jump: StoryReport['jump'] = null;
    let overset: Overset | null = null;
    let last = plan;
    if (spec.overset.kind === 'sheets') {
      let from = first;
      while (last.overset && frames.length > 0 && from.number - first.number + 1 < maxSheets) {
        const sheet = createSheet({ container, geometry: page, folio: request.folio, number: from.number + 1, after: from.element });
        sheet.element.dataset['continuation'] = 'true';
        const next = continueOn(sheet, story, last, blocks, page, metrics, frames.length + 1, spec.figures);
        attempts += next.plan.candidates;
        frames.push(...next.frames);
        figures.push(...next.figures);
        modules.push(moduleOf(next.plan, sheet, page));
        holes.push(holeOf(next.plan, sheet, page, metrics));
        scoreParts = next.plan.scoreParts;
        last = next.plan;
        from = sheet;
      }
    }
    if (last.overset && spec.overset.kind === 'jump') {
      jump = { toPage: spec.overset.toPage, token: { at: last.overset, figures: last.deferred } };
    } else if (last.overset) {
      overset = oversetOf(story, last);
      const lastFrame = frames.at(-1);
      problems.push({
        rule: 'overset',
        severity: 'error',
        ...(lastFrame ? { page: lastFrame.page, column: lastFrame.plan.column + 1 } : {}),
        message: `${overset.lines} lines (${overset.characters} characters)${photosLeft(last.deferred.length)} of “${headlineText(story).slice(0, 30)}” do not fit, from the text starting “${overset.from}”; cut the text, or allow a jump to a continuation page`,
      });
    } else if (last.deferred.length > 0) {
      for (const figure of last.deferred) {
        problems.push({ rule: 'figure-unplaced', severity: 'error', message: `no room for the photo “${captionOf(story, figure)}” beside the text: cut the text, or make the photo smaller (span=…)` });
      }
    }
    for (const hole of holes) {
      if (hole.columnLines > 0) problems.push({ rule: 'news-hole', severity: 'warning', page: hole.page, column: (hole.rects[0]?.column ?? 0) + 1, message: `“${headlineText(story).slice(0, 30)}” leaves ${hole.columnLines} column-lines (${Math.round(hole.squareMillimetres / 100)} cm²) of its space empty` });
    }
    parts.push({ story: index, frames, figures });
    stories.push({
      headline: headlineText(story),
      lang: story.lang,
      overset: overset ?? (jump ? measureLeftover(story, last) : null),
      jump,
      modules,
      holes,
      score: Math.round(plan.score * 100) / 100,
      scoreParts,
      candidates: plan.candidates,
      composition: compositionReport(story.body.lines, story.body.em, story.body.looseParagraphs),
      measure: story.measure,
      space,
    });
  }
  for (const problem of await decoding) if (problem) problems.push(problem);
  const settingStarted = performance.now();
  const measuredPages = measurePages(parts, page);
  problems.push(...measuredPages.problems);
  problems.push(...checkLines(measuredPages.pages));
  // What no story on a page filled, page by page: the desk's news hole to fill with other copy.
  const pages = measuredPages.pages.map((report) => {
    const holes = stories.flatMap((story) => story.holes.filter((hole) => hole.page === report.number));
    return { ...report, newsHole: { columnLines: holes.reduce((sum, hole) => sum + hole.columnLines, 0), squareMillimetres: holes.reduce((sum, hole) => sum + hole.squareMillimetres, 0) } };
  });
  return {
    engine: 'broadsheet-modules',
    pages,
    overset: stories.find((story) => story.overset && !story.jump)?.overset ?? null,
    stories,
    problems,
    timing: { attempts, milliseconds: Math.round(performance.now() - started), measuring: Math.round(measuring), setting: Math.round(performance.now() - settingStarted) },
    baseline: { pitch: round(page.leading / pxPerMm), origin: round(first.area.top / pxPerMm) },
  };
}

async function unreadablePhoto(image: HTMLImageElement): Promise<LayoutProblem | null> {
  await loaded(image);
  if (image.complete && image.naturalWidth > 0) return null;
  return { rule: 'photo-unreadable', severity: 'error', message: `photo ${image.getAttribute('src') ?? '(no source)'} could not be decoded` };
}

/**
 * A photo's file has loaded (its size is read) or failed to. Not decoded: decoding every photo at its full size cost
 * the sample 0.3 s of a 2-core machine (20 MP), and the print decodes, or embeds the JPEG as it is, on its own. The
 * manuscript stage has refused truncated and broken files before the page was filled.
 */
const loaded = (image: HTMLImageElement): Promise<void> =>
  image.complete
    ? Promise.resolve()
    : new Promise((done) => {
        image.addEventListener('load', () => done(), { once: true });
        image.addEventListener('error', () => done(), { once: true });
      });

/** The story's space: its own block of the page, or the whole width below the stories set before it. */
function spaceOf(spec: StoryRequest, area: BodyArea, page: Geometry, freeLine: number): Space {
  const block = spec.block;
  if (!block) return { column: 0, columns: page.columns, line: Math.min(freeLine, area.lines), lines: Math.max(0, area.lines - freeLine) };
  const geometry = blockGeometry(page, block.column, block.columns);
  const firstLine = Math.round(area.lines * block.top) + (block.top > 0 ? 1 : 0);
  const lines = Math.round(area.lines * (block.top + block.height)) - firstLine;
  return { column: geometry.firstColumn, columns: geometry.columns, line: firstLine, lines };
}

/** Sets the rest of a story on a continuation sheet under a jump head, with the photos that follow its text. */
function continueOn(sheet: Sheet, story: MeasuredStory, before: StoryPlan, blocks: ReadonlyMap<number, StoryBlock>, page: Geometry, metrics: GridMetrics, firstLeg: number, specs: StoryRequest['figures']) {
  const part = document.createElement('article');
  part.className = 'story continuation';
  part.lang = story.lang;
  sheet.element.append(part);
  const head = jumpHead(headlineText(story));
  const measure: StoryMeasure = { ...story.measure, headlineLines: headlineLinesOf(head, page, page.columns, part) };
  // The text taken up here opens with its jump line ("Continued from page 1").
  const jumpIn = document.createElement('p');
  jumpIn.className = 'jump-line jump-in';
  jumpIn.textContent = jumpText('in', sheet.number - 1, story.lang);
  const leadIn: StoryBlock = { flow: { kind: 'solid', id: -2, lines: 1, keepWithNext: true, what: 'other' }, element: jumpIn, lines: [] };
  const withLeadIn = new Map(blocks);
  withLeadIn.set(leadIn.flow.id, leadIn);
  const space: Space = { column: 0, columns: page.columns, line: 0, lines: sheet.area.lines };
  const plan = planForPolicy({
    story: measure,
    space,
    metrics,
    ...(before.overset ? { start: before.overset } : {}),
    figures: before.deferred,
    holeWeight: 0.2,
    continues: true,
    narrower: false,
    leadIn: leadIn.flow,
  });
  const set = setStory({
    story,
    plan,
    parent: part,
    headline: head,
    blocks: withLeadIn,
    specs,
    geometry: page,
    area: sheet.area,
    page: sheet.number,
    firstLeg,
    ...(plan.overset ? { jumpOut: jumpText('out', sheet.number + 1, story.lang) } : {}),
  });
  return { plan, frames: set.frames, figures: set.figures };
}

function jumpHead(title: string): HTMLElement {
  const head = document.createElement('header');
  head.className = 'jump-head';
  const line = document.createElement('p');
  line.className = 'jump-head-title';
  line.textContent = title;
  head.append(line);
  return head;
}

interface Prepared {
  /** What the planner is given for the story on this page. */
  readonly paged: PagedStory;
  readonly headline: HTMLElement | null;
  readonly blocks: ReadonlyMap<number, StoryBlock>;
}

/** The story as this page sets it: whole, or, taken up from another page, from its break token under a jump head. */
function prepare(story: MeasuredStory, spec: StoryRequest | undefined, page: Geometry): Prepared {
  const blocks = new Map(story.body.blocks.map((block) => [block.flow.id, block]));
  const continues = spec?.continues;
  if (!continues) return { paged: { story: story.measure }, headline: story.headline, blocks };
  story.headline?.remove();
  const head = jumpHead(headlineText(story));
  const jumpIn = document.createElement('p');
  jumpIn.className = 'jump-line jump-in';
  jumpIn.textContent = jumpText('in', continues.fromPage, story.lang);
  const leadIn: StoryBlock = { flow: { kind: 'solid', id: -2, lines: 1, keepWithNext: true, what: 'other' }, element: jumpIn, lines: [] };
  blocks.set(leadIn.flow.id, leadIn);
  const measure: StoryMeasure = { ...story.measure, headlineLines: headlineLinesOf(head, page, page.columns, story.element) };
  return { paged: { story: measure, start: continues.token.at, figures: continues.token.figures, leadIn: leadIn.flow }, headline: head, blocks };
}

function moduleOf(plan: StoryPlan, sheet: Sheet, page: Geometry) {
  const { module } = plan;
  const x = (columnX(page, module.column) / pxPerMm);
  const y = (sheet.area.top + module.line * page.leading) / pxPerMm;
  return {
    page: sheet.number,
    grid: module,
    box: { x: round(x), y: round(y), width: round(spanWidth(page, module.columns) / pxPerMm), height: round((module.lines * page.leading) / pxPerMm) },
  };
}

function holeOf(plan: StoryPlan, sheet: Sheet, page: Geometry, metrics: GridMetrics): NewsHole {
  const columnLines = plan.hole.reduce((sum, rect) => sum + rect.columns * rect.lines, 0);
  const squareMillimetres = plan.hole.reduce((sum, rect) => sum + (rect.columns * metrics.columnWidth + (rect.columns - 1) * metrics.gutter) * rect.lines * metrics.leading, 0);
  const boxes = plan.hole.map((rect) => ({
    x: round(columnX(page, rect.column) / pxPerMm),
    y: round((sheet.area.top + rect.line * page.leading) / pxPerMm),
    width: round(spanWidth(page, rect.columns) / pxPerMm),
    height: round((rect.lines * page.leading) / pxPerMm),
  }));
  return { page: sheet.number, rects: plan.hole, boxes, columnLines, squareMillimetres: Math.round(squareMillimetres) };
}

function oversetOf(story: MeasuredStory, plan: StoryPlan): Overset {
  return measureLeftover(story, plan);
}

function measureLeftover(story: MeasuredStory, plan: StoryPlan): Overset {
  const from = plan.overset ?? { block: 0, line: 0 };
  const lines = linesFrom(story.measure.blocks, from);
  let text = '';
  let started = false;
  for (const block of story.body.blocks) {
    if (block.flow.id === from.block) started = true;
    if (!started) continue;
    if (block.lines.length > 0) text += block.lines.slice(block.flow.id === from.block ? from.line : 0).map((line) => line.textContent ?? '').join('');
    else text += block.element.textContent ?? '';
  }
  const clean = text.replace(/\u00ad/g, '');
  return { lines, characters: Array.from(clean.replace(/\s+/g, '')).length, from: clean.replace(/\s+/g, ' ').trim().slice(0, 30).trim() };
}

const photosLeft = (count: number): string => (count === 0 ? '' : count === 1 ? ' and 1 photo' : ` and ${count} photos`);

function headlineText(story: MeasuredStory): string {
  return story.headline?.querySelector('.headline, .jump-head-title')?.textContent ?? '';
}

function captionOf(story: MeasuredStory, figure: number): string {
  return (story.body.figures[figure]?.element.querySelector('figcaption')?.textContent ?? '').slice(0, 40);
}

/** A thin rule between stories: down the gutter left of a module, and across above a module set below another. */
function drawBlockRules(parent: HTMLElement, page: Geometry, area: BodyArea, plan: StoryPlan, space: Space): void {
  const rule = (className: string, x: number, y: number, width: number, height: number) => {
    const element = document.createElement('div');
    element.className = `block-rule ${className}`;
    place(element, x, y, width, height);
    parent.append(element);
  };
  const top = area.top + plan.module.line * page.leading;
  if (space.column > 0) rule('block-rule-vertical', columnX(page, space.column) - page.gutter / 2, top, 0, plan.module.lines * page.leading);
  if (space.line > 0) rule('block-rule-horizontal', columnX(page, space.column), top - page.leading / 2, spanWidth(page, space.columns), 0);
}

const round = (value: number) => Math.round(value * 1000) / 1000;

window.broadsheetLayOut = layOut;
