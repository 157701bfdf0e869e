// Browser side: sets a planned story on its sheet: the headline module, each photo with its caption, and every leg
// with the pieces of text the plan gave it (a paragraph cut between legs keeps its lines as composed).
import type { StoryFigure } from '../../markdown/figure-spec.ts';
import type { FigurePlacement, LegPlan, StoryPlan } from '../plan/types.ts';
import { photoFootGap } from '../plan/photos.ts';
import { columnX, spanWidth, type Geometry } from './geometry.ts';
import type { MeasuredStory } from './measure-story.ts';
import { place, placeHeadline, type BodyArea } from './sheet.ts';
import type { StoryBlock } from './story-blocks.ts';

export interface SetFrame {
  readonly element: HTMLElement;
  /** The leg's number in reading order within its story, from 1. */
  readonly leg: number;
  readonly page: number;
  readonly plan: LegPlan;
}

export interface SetFigure {
  readonly element: HTMLElement;
  readonly page: number;
  readonly placement: FigurePlacement;
}

export interface SetStoryOptions {
  readonly story: MeasuredStory;
  readonly plan: StoryPlan;
  /** The article element on this sheet (the story itself, or its continuation). */
  readonly parent: HTMLElement;
  readonly headline: HTMLElement | null;
  readonly blocks: ReadonlyMap<number, StoryBlock>;
  readonly geometry: Geometry;
  readonly area: BodyArea;
  readonly page: number;
  /** Leg numbers continue across a story's sheets. */
  readonly firstLeg: number;
  /** A jump line for the foot of the story's last leg ("Continued on page 2"). */
  readonly jumpOut?: string;
  /** The desk's settings of the story's figures (the request's), by their `data-figure` index. */
  readonly specs: readonly StoryFigure[];
}

export function setStory(options: SetStoryOptions): { frames: SetFrame[]; figures: SetFigure[] } {
  const { plan, geometry, area, parent } = options;
  const y = (line: number) => area.top + line * geometry.leading;
  if (plan.headline && options.headline) {
    placeHeadline({ parent, headline: options.headline, x: columnX(geometry, plan.headline.column), y: y(plan.headline.line), width: spanWidth(geometry, plan.headline.columns) });
  }
  const figures: SetFigure[] = [];
  for (const placement of plan.figures) {
    const figure = options.story.body.figures[placement.figure]?.element;
    if (!figure) continue;
    setFigure(figure, placement, geometry, y, options.specs[Number(figure.dataset['figure'])]?.focus);
    parent.append(figure);
    figures.push({ element: figure, page: options.page, placement });
  }
  const frames: SetFrame[] = [];
  let number = options.firstLeg;
  for (const leg of plan.legs) {
    const element = document.createElement('div');
    element.className = 'frame';
    element.dataset['column'] = String(leg.column);
    element.dataset['leg'] = String(number);
    place(element, columnX(geometry, leg.column), y(leg.line), geometry.columnWidth, leg.lines * geometry.leading);
    parent.append(element);
    fillLeg(element, leg, options.blocks);
    frames.push({ element, leg: number, page: options.page, plan: leg });
    number++;
  }
  if (options.jumpOut) {
    const last = [...frames].reverse().find((frame) => frame.plan.used > 0) ?? frames.at(-1);
    if (last) addJumpLine(last.element, options.jumpOut, last.plan.lines, geometry);
  }
  return { frames, figures };
}

function setFigure(figure: HTMLElement, placement: FigurePlacement, geometry: Geometry, y: (line: number) => number, focus: string | undefined): void {
  const { photo, caption } = placement;
  const x = columnX(geometry, photo.column);
  const top = y(photo.line);
  const width = spanWidth(geometry, photo.columns);
  const height = (photo.lines - photoFootGap) * geometry.leading;
  place(figure, x, top, width, height);
  const below = placement.captionPlace === 'below';
  figure.classList.remove('caption-beside', 'caption-below', 'caption-left');
  figure.classList.add(below ? 'caption-below' : 'caption-beside');
  // A caption set to the left of its photo is ranged toward the photo.
  figure.classList.toggle('caption-left', placement.captionPlace === 'beside-left');
  figure.dataset['role'] = placement.role;
  const image = figure.querySelector('img');
  if (image && focus) image.style.objectPosition = focus;
  const figcaption = figure.querySelector<HTMLElement>('figcaption');
  if (!figcaption) return;
  figcaption.style.position = 'absolute';
  figcaption.style.left = `${columnX(geometry, caption.column) - x}px`;
  figcaption.style.width = `${spanWidth(geometry, caption.columns)}px`;
  if (below) {
    figcaption.style.bottom = '';
    figcaption.style.top = `${height + photoFootGap * geometry.leading}px`;
  } else {
    // Beside the photo, the caption's foot sits on the photo's foot.
    figcaption.style.top = '';
    figcaption.style.bottom = '0';
  }
}

/** Puts the leg's pieces in its frame: whole blocks moved, cut paragraphs as copies holding their share of lines. */
function fillLeg(frame: HTMLElement, leg: LegPlan, blocks: ReadonlyMap<number, StoryBlock>): void {
  const open: { list: { source: HTMLElement; copy: HTMLElement } | null } = { list: null };
  for (const piece of leg.pieces) {
    const block = blocks.get(piece.block);
    if (!block) continue;
    const element = pieceOf(block, piece.from, piece.to);
    if (block.list) {
      if (open.list?.source !== block.list) {
        const copy = block.list.cloneNode(false);
        if (!(copy instanceof HTMLElement)) continue;
        copy.removeAttribute('id');
        open.list = { source: block.list, copy };
        frame.append(copy);
      }
      open.list.copy.append(element);
      continue;
    }
    open.list = null;
    frame.append(element);
  }
}

export function pieceOf(block: StoryBlock, from: number, to: number): HTMLElement {
  const whole = from === 0 && to >= block.flow.lines;
  if (whole || block.flow.kind === 'solid') return block.element;
  const copy = shallow(block.element);
  const holder = block.inner ? shallow(block.inner) : copy;
  if (block.inner) copy.append(holder);
  holder.append(...block.lines.slice(from, to));
  // A cut paragraph: the part before the cut "continues", the part after is "continued" (no indent, no second bullet).
  if (to < block.flow.lines) copy.classList.add('continues');
  if (from > 0) copy.classList.add('continued');
  return copy;
}

function shallow(element: HTMLElement): HTMLElement {
  const copy = element.cloneNode(false);
  if (!(copy instanceof HTMLElement)) throw new Error('a block could not be copied');
  copy.removeAttribute('id');
  return copy;
}

function addJumpLine(frame: HTMLElement, text: string, line: number, geometry: Geometry): void {
  // The leg kept its last line for the jump line: the frame takes it back.
  frame.style.height = `${(line + 1) * geometry.leading}px`;
  const jump = document.createElement('p');
  jump.className = 'jump-line jump-out';
  jump.textContent = text;
  jump.style.position = 'absolute';
  jump.style.left = '0';
  jump.style.right = '0';
  jump.style.top = `${line * geometry.leading}px`;
  frame.append(jump);
}
