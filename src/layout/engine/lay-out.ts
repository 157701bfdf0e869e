// Browser side: lays one story out in its block: headline module, photos with captions, threaded body text, jumps.
import type { FolioSpec, LayoutProblem, OversetPolicy, Overset } from '../report.ts';
import type { BodyArea } from './body-area.ts';
import { lineY } from './body-area.ts';
import { flowBlocks, type FlowResult, type Frame } from './flow.ts';
import { planFigure, type FigurePlan } from './figure-plan.ts';
import { createFrames } from './frames.ts';
import { columnX, linesFor, spanWidth, type Geometry } from './geometry.ts';
import { placeFigures, type Anchor, type Placement } from './place-figures.ts';
import { createSheet, place, placeHeadline, type Sheet } from './sheet.ts';

export interface StoryParts {
  /** The story's article element, moved onto its sheet. */
  readonly story: HTMLElement;
  readonly headline: HTMLElement | null;
  readonly blocks: readonly HTMLElement[];
  readonly plans: readonly FigurePlan[];
}

/** Where a story is set: its sheet, the grid of its block, and the body area of its block. */
export interface StoryCanvas {
  readonly sheet: Sheet;
  readonly geometry: Geometry;
  readonly area: BodyArea;
  /** The whole page's grid, for continuation sheets. */
  readonly page: Geometry;
  readonly container: HTMLElement;
  readonly folio: FolioSpec;
  readonly policy: OversetPolicy;
}

export interface PlacedFigure extends Placement {
  readonly page: number;
}

export interface Attempt {
  readonly sheets: Sheet[];
  readonly frames: Frame[];
  readonly placements: PlacedFigure[];
  readonly flow: FlowResult;
  /** Text that went to another page of the edition. */
  readonly jumped: { toPage: number; blocks: HTMLElement[] } | null;
  readonly unplaced: FigurePlan[];
  readonly problems: LayoutProblem[];
}

/** Photos may be cropped to fill the page, but never beyond these factors of their natural height. */
const scaleRange = { min: 0.7, max: 1.45 } as const;
const maxSheets = 8;

export function collectStory(story: HTMLElement, columns: number): StoryParts {
  const body = story.querySelector<HTMLElement>('.story-body');
  const blocks: HTMLElement[] = [];
  const plans: FigurePlan[] = [];
  for (const child of Array.from(body?.children ?? [])) {
    if (!(child instanceof HTMLElement)) continue;
    if (child.matches('figure.photo')) {
      plans.push(planFigure(child, blocks.length - 1, plans.length === 0, columns));
      child.remove();
      continue;
    }
    // Tables take no padding (border-collapse), so a wrapper carries the padding that keeps what follows on the grid.
    const block = child.tagName === 'TABLE' ? wrap(child, 'table-block') : child;
    block.dataset['block'] = String(blocks.length);
    blocks.push(block);
    block.remove();
  }
  body?.remove();
  // Text that jumped here from another page of the edition starts with its jump line.
  const from = story.dataset['continuedFrom'];
  if (from) {
    const jumpIn = document.createElement('p');
    jumpIn.className = 'jump-line jump-in';
    jumpIn.textContent = jumpText('in', Number(from));
    blocks.unshift(jumpIn);
  }
  const headline = story.querySelector<HTMLElement>(':scope > .headline-module, :scope > .jump-head');
  return { story, headline, blocks, plans };
}

function wrap(element: HTMLElement, className: string): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = className;
  element.replaceWith(wrapper);
  wrapper.append(element);
  return wrapper;
}

/** Sets the headline module once; the area below it is where photos and text go. */
export function headlineArea(parts: StoryParts, canvas: Omit<StoryCanvas, 'area'> & { block: BodyArea }): BodyArea {
  return placeHeadline({ parent: parts.story, headline: parts.headline, geometry: canvas.geometry, area: canvas.block });
}

export function attemptLayout(
  parts: StoryParts,
  canvas: StoryCanvas,
  options: {
    scale: number;
    anchors: ReadonlyMap<number, Anchor>;
    figures?: readonly FigurePlan[];
    /** Figures whose text falls on a continuation sheet go there. */
    deferred?: readonly FigurePlan[];
    /** Try without continuation sheets or jumps (copyfitting asks "does it fit?"). */
    fitOnly?: boolean;
  },
): Attempt {
  const { geometry, sheet: first } = canvas;
  clearAttempt(parts);
  const problems: LayoutProblem[] = [];
  const measureCaption = captionMeasurer(first.element, geometry);
  const placed = placeFigures({ plans: options.figures ?? parts.plans, anchors: options.anchors, geometry, area: canvas.area, scale: options.scale, measureCaption });
  const placements: PlacedFigure[] = placed.placements.map((placement) => ({ ...placement, page: first.number }));
  for (const placement of placements) setFigure(parts.story, canvas.area, placement, geometry);
  let pending = [...(options.deferred ?? [])];

  const policy: OversetPolicy = options.fitOnly ? { kind: 'error' } : canvas.policy;
  const blocks = parts.blocks.map((block) => block.cloneNode(true)).filter((node): node is HTMLElement => node instanceof HTMLElement);
  const sheets = [first];
  let frames = createFrames({ parent: parts.story, page: first.number, geometry, area: canvas.area, keepOut: placed.placements.flatMap((p) => p.keepOut) });
  let flow = flowBlocks(blocks, reserveJumpLine(frames, policy.kind !== 'error'), geometry.leading);
  const allFrames = [...frames];
  let jumped: Attempt['jumped'] = null;
  if (policy.kind === 'jump' && flow.overset.length > 0) {
    addJumpLine(frames, geometry, 'jump-out', jumpText('out', policy.toPage));
    jumped = { toPage: policy.toPage, blocks: flow.overset };
    flow = { ...flow, overset: [] };
  }
  while (policy.kind === 'sheets' && flow.overset.length > 0 && sheets.length < maxSheets) {
    const from = sheets[sheets.length - 1];
    if (!from) break;
    const to = from.number + 1;
    addJumpLine(frames, geometry, 'jump-out', jumpText('out', to));
    const sheet = createSheet({ container: canvas.container, geometry: canvas.page, folio: canvas.folio, number: to, after: from.element });
    sheet.element.dataset['continuation'] = 'true';
    sheets.push(sheet);
    const part = document.createElement('article');
    part.className = 'story continuation';
    part.lang = parts.story.lang;
    sheet.element.append(part);
    const area = placeHeadline({ parent: part, headline: jumpHead(parts.headline), geometry: canvas.page, area: sheet.area });
    const later = placeFigures({ plans: pending, anchors: new Map(), geometry: canvas.page, area, scale: 1, measureCaption });
    for (const placement of later.placements) {
      setFigure(part, area, placement, canvas.page);
      placements.push({ ...placement, page: to });
    }
    pending = later.unplaced;
    frames = createFrames({ parent: part, page: to, geometry: canvas.page, area, keepOut: later.placements.flatMap((p) => p.keepOut) });
    const jumpIn = document.createElement('p');
    jumpIn.className = 'jump-line jump-in';
    jumpIn.textContent = jumpText('in', from.number);
    flow = flowBlocks([jumpIn, ...flow.overset], reserveJumpLine(frames, true), canvas.page.leading);
    allFrames.push(...frames);
  }
  const unplaced = [...placed.unplaced, ...pending];
  for (const plan of unplaced) problems.push({ rule: 'figure-unplaced', severity: 'error', message: `no room for the photo “${captionText(plan)}” (${plan.span} columns)` });
  for (const problem of flow.problems) problems.push({ rule: 'frame-overflow', severity: 'warning', message: problem });
  return { sheets, frames: allFrames, placements, flow, jumped, unplaced, problems };
}

/** Takes away what an earlier attempt set for this story: frames, jump lines, photos, continuation sheets. */
function clearAttempt(parts: StoryParts): void {
  for (const element of Array.from(parts.story.querySelectorAll(':scope > .frame'))) element.remove();
  for (const plan of parts.plans) plan.figure.remove();
  const sheet = parts.story.closest('.sheet');
  for (let next = sheet?.nextElementSibling; next instanceof HTMLElement && next.dataset['continuation'] === 'true'; next = sheet?.nextElementSibling) next.remove();
}

/** The last frame keeps its last line free for a jump line, in case the text goes on elsewhere. */
function reserveJumpLine(frames: readonly Frame[], reserve: boolean): Frame[] {
  if (!reserve || frames.length === 0) return [...frames];
  const last = frames[frames.length - 1];
  if (!last) return [...frames];
  return [...frames.slice(0, -1), { ...last, lines: last.lines - 1 }];
}

function addJumpLine(frames: readonly Frame[], geometry: Geometry, className: string, text: string): void {
  const last = frames[frames.length - 1];
  if (!last) return;
  const line = document.createElement('p');
  line.className = `jump-line ${className}`;
  line.textContent = text;
  line.style.position = 'absolute';
  line.style.left = '0';
  line.style.right = '0';
  line.style.top = `${(last.lines - 1) * geometry.leading}px`;
  last.element.append(line);
}

function jumpText(direction: 'in' | 'out', page: number): string {
  const zh = document.documentElement.lang.startsWith('zh');
  if (zh) return direction === 'out' ? `（下转第${page}版）` : `（上接第${page}版）`;
  return direction === 'out' ? `Continued on page ${page}` : `Continued from page ${page}`;
}

function jumpHead(headline: HTMLElement | null): HTMLElement | null {
  const text = headline?.querySelector('.headline')?.textContent;
  if (!text) return null;
  const head = document.createElement('header');
  head.className = 'jump-head';
  const title = document.createElement('p');
  title.className = 'jump-head-title';
  title.textContent = text;
  head.append(title);
  return head;
}

function captionText(plan: FigurePlan): string {
  return (plan.figure.querySelector('figcaption')?.textContent ?? '').slice(0, 40);
}

function captionMeasurer(sheet: HTMLElement, geometry: Geometry) {
  const cache = new Map<string, number>();
  return (plan: FigurePlan, width: number): number => {
    const caption = plan.figure.querySelector('figcaption');
    if (!caption) return 0;
    const key = `${caption.textContent}|${width}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const probe = caption.cloneNode(true);
    if (!(probe instanceof HTMLElement)) return 0;
    probe.style.position = 'absolute';
    probe.style.visibility = 'hidden';
    probe.style.width = `${width}px`;
    sheet.append(probe);
    const lines = linesFor(geometry, probe.getBoundingClientRect().height);
    probe.remove();
    cache.set(key, lines);
    return lines;
  };
}

function setFigure(parent: HTMLElement, area: BodyArea, placement: Placement, geometry: Geometry): void {
  const { figure } = placement.plan;
  const { photo, caption } = placement;
  const x = columnX(geometry, photo.column);
  const y = lineY(geometry, area, photo.line);
  const width = spanWidth(geometry, photo.columns);
  // The photo ends a little above its last line's foot, so text below does not touch it.
  const height = photo.lines * geometry.leading - geometry.leading * 0.3;
  place(figure, x, y, width, height);
  figure.dataset['span'] = String(placement.plan.span);
  figure.dataset['captionPlacement'] = placement.plan.caption;
  figure.classList.add(`caption-${placement.plan.caption}`);
  // A caption set to the left of its photo is ranged toward the photo.
  figure.classList.toggle('caption-left', placement.caption.column < placement.photo.column);
  const image = figure.querySelector('img');
  if (image && figure.dataset['focus']) image.style.objectPosition = figure.dataset['focus'];
  const figcaption = figure.querySelector<HTMLElement>('figcaption');
  if (figcaption) {
    const captionX = columnX(geometry, caption.column) - x;
    figcaption.style.position = 'absolute';
    figcaption.style.left = `${captionX}px`;
    figcaption.style.width = `${spanWidth(geometry, caption.columns)}px`;
    if (placement.plan.caption === 'beside') {
      figcaption.style.top = '';
      figcaption.style.bottom = '0';
    } else {
      figcaption.style.bottom = '';
      figcaption.style.top = `${height + geometry.leading * 0.3}px`;
    }
  }
  parent.append(figure);
}

export function oversetOf(flow: FlowResult, leading: number): Overset | null {
  return flow.overset.length === 0 ? null : measureLeftover(flow.overset, leading);
}

export function measureLeftover(overset: readonly HTMLElement[], leading: number): Overset {
  const flow = { overset };
  const probe = document.createElement('div');
  probe.className = 'frame';
  const text = flow.overset.map((block) => block.textContent ?? '').join('').replace(/\u00ad/g, '');
  const first = flow.overset[0];
  const from = (first?.textContent ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim().slice(0, 30).trim();
  // Count the overset lines by setting the leftovers in a column of the same width.
  const sample = document.querySelector<HTMLElement>('.frame');
  let lines = 0;
  if (sample) {
    probe.style.position = 'absolute';
    probe.style.visibility = 'hidden';
    probe.style.width = sample.style.width;
    sample.parentElement?.append(probe);
    for (const block of flow.overset) probe.append(block.cloneNode(true));
    lines = Math.round(probe.getBoundingClientRect().height / leading);
    probe.remove();
  }
  return { lines, characters: Array.from(text.replace(/\s+/g, '')).length, from };
}

export { scaleRange };
