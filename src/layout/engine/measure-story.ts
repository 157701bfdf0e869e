// Browser side: measures a story for the planner: its body composed into lines, the lines its headline module takes at
// every width, its captions at every width, and what the desk asked for each photo.
import type { StoryFigure } from '../../markdown/figure-spec.ts';
import type { DeskSettings, FigureMeasure, StoryMeasure } from '../plan/types.ts';
import { briefLines } from '../plan/score.ts';
import { spanWidth, linesFor, type Geometry } from './geometry.ts';
import { fitHeadline } from './sheet.ts';
import { composeBody, type ComposedBody } from './story-blocks.ts';

export interface MeasuredStory {
  readonly element: HTMLElement;
  readonly headline: HTMLElement | null;
  readonly body: ComposedBody;
  readonly measure: StoryMeasure;
  readonly lang: string;
  readonly cjk: boolean;
}

/** Stories of these many body lines or more get the large headline of a page lead. */
const leadLines = 150;

export async function measureStory(options: { story: HTMLElement; sheet: HTMLElement; geometry: Geometry; columns: number; lang: string; figures: readonly StoryFigure[] }): Promise<MeasuredStory> {
  const { story, sheet, geometry, columns, lang } = options;
  const cjk = /^(zh|ja|ko)\b/i.test(lang);
  sheet.append(story);
  const measureLeg = document.createElement('div');
  measureLeg.className = 'frame measuring';
  measureLeg.style.position = 'absolute';
  measureLeg.style.visibility = 'hidden';
  measureLeg.style.left = '0';
  measureLeg.style.top = '0';
  measureLeg.style.width = `${geometry.columnWidth}px`;
  story.append(measureLeg);
  const body = story.querySelector<HTMLElement>('.story-body');
  const composed = body ? await composeBody({ body, measure: measureLeg, geometry, cjk }) : { blocks: [], figures: [], lines: [], looseParagraphs: 0, em: 12, problems: [] };
  body?.remove();
  for (const block of composed.blocks) (block.list ?? block.element).remove();
  measureLeg.remove();

  const textLines = composed.blocks.reduce((sum, block) => sum + block.flow.lines, 0);
  story.dataset['weight'] = textLines < briefLines ? 'brief' : textLines >= leadLines ? 'lead' : 'standard';
  const headline = story.querySelector<HTMLElement>(':scope > .headline-module, :scope > .jump-head');
  const headlineLines = headline ? headlineLinesOf(headline, geometry, columns, story) : [];
  const figures = composed.figures.map((figure): FigureMeasure => figureMeasure(figure.element, figure.anchor, geometry, columns, story, options.figures[Number(figure.element.dataset['figure'])]));
  return {
    element: story,
    headline,
    body: composed,
    measure: { blocks: composed.blocks.map((block) => block.flow), figures, headlineLines },
    lang,
    cjk,
  };
}

/** Body lines the headline module takes at each width from one column to `columns`. */
export function headlineLinesOf(headline: HTMLElement, geometry: Geometry, columns: number, parent: HTMLElement): number[] {
  return Array.from({ length: columns }, (_, index) => headlineHeight(headline, geometry, index + 1, parent));
}

/** Body lines the headline module takes set `columns` wide, with the line of space under its rule. */
function headlineHeight(headline: HTMLElement, geometry: Geometry, columns: number, parent: HTMLElement): number {
  const probe = headline.cloneNode(true);
  if (!(probe instanceof HTMLElement)) return 0;
  probe.style.position = 'absolute';
  probe.style.visibility = 'hidden';
  probe.style.width = `${spanWidth(geometry, columns)}px`;
  parent.append(probe);
  fitHeadline(probe);
  const lines = linesFor(geometry, probe.getBoundingClientRect().height) + 1;
  probe.remove();
  return lines;
}

function figureMeasure(figure: HTMLElement, anchor: number, geometry: Geometry, columns: number, parent: HTMLElement, spec: StoryFigure | undefined): FigureMeasure {
  const image = figure.querySelector('img');
  // The request carries the photo's pixels as the manuscript stage checked them; the decoded image is the fallback.
  const pixelWidth = spec?.pixelWidth || image?.naturalWidth || 1;
  const pixelHeight = spec?.pixelHeight || image?.naturalHeight || 1;
  const caption = figure.querySelector('figcaption');
  const linesAt = (width: number, beside: boolean): number => {
    if (!caption || (caption.textContent ?? '').trim() === '') return 0;
    const holder = document.createElement('figure');
    holder.className = `photo ${beside ? 'caption-beside' : 'caption-below'}`;
    holder.style.position = 'absolute';
    holder.style.visibility = 'hidden';
    holder.style.width = `${width}px`;
    holder.append(caption.cloneNode(true));
    parent.append(holder);
    const height = holder.getBoundingClientRect().height;
    holder.remove();
    return linesFor(geometry, height);
  };
  return {
    anchor,
    pixelWidth,
    pixelHeight,
    desk: deskSettings(spec),
    captionLines: Array.from({ length: columns }, (_, index) => linesAt(spanWidth(geometry, index + 1), false)),
    captionBesideLines: linesAt(geometry.columnWidth, true),
  };
}

function deskSettings(spec: StoryFigure | undefined): DeskSettings {
  if (!spec) return {};
  return {
    ...(spec.span ? { span: spec.span } : {}),
    ...(spec.caption ? { caption: spec.caption } : {}),
    ...(spec.place ? { place: spec.place } : {}),
    ...(spec.role ? { role: spec.role } : {}),
    ...(spec.crop ? { crop: spec.crop } : {}),
  };
}
