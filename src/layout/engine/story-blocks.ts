// Browser side: takes a story's body apart into the blocks the planner flows (paragraphs and list items composed into
// lines at the column's measure; subheads, quotes and tables measured in whole lines) and its figures.
import { composeLines, type Composition } from '../lines/compose.ts';
import { paragraphItems } from '../lines/items.ts';
import type { FlowBlock } from '../plan/types.ts';
import type { Geometry } from './geometry.ts';
import { createGlyphWidths } from './glyph-widths.ts';
import { markCjkSpacing, readParagraph } from './paragraph-text.ts';
import { setLines, trueUp, type SetLine } from './set-lines.ts';
import { snapToGrid } from './snap.ts';
import { fitTable } from './fit-table.ts';
import type { LayoutProblem } from '../report.ts';

export interface StoryBlock {
  readonly flow: FlowBlock;
  /** The block as set: a composed paragraph or list item (its lines one element each), or a solid element. */
  readonly element: HTMLElement;
  /** For composed blocks: the line elements, in order. */
  readonly lines: readonly HTMLElement[];
  /** A list item's list: pieces of items are set in a shallow copy of it. */
  readonly list?: HTMLElement;
  /** For a list item whose text sits in a paragraph: that paragraph (the item's lines are its lines). */
  readonly inner?: HTMLElement;
}

export interface StoryFigure {
  readonly element: HTMLElement;
  /** Id of the block the figure follows (−1: before all text). */
  readonly anchor: number;
}

export interface ComposedBody {
  readonly blocks: readonly StoryBlock[];
  readonly figures: readonly StoryFigure[];
  readonly lines: readonly SetLine[];
  /** Paragraphs for which no breaks met the strict tolerance. */
  readonly looseParagraphs: number;
  /** The body em, in px. */
  readonly em: number;
  /** Tables that cannot be set in the column. */
  readonly problems: readonly LayoutProblem[];
}

const headings = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const blockChildren = 'p, ul, ol, div, blockquote, pre, table, section, h1, h2, h3, h4, h5, h6, figure';

/** Sets each block of the story body in `measure` (an empty leg of the story's column width) and reads its lines. */
export async function composeBody(options: { body: HTMLElement; measure: HTMLElement; geometry: Geometry; cjk: boolean; firstId?: number }): Promise<ComposedBody> {
  const { body, measure, geometry, cjk } = options;
  // A canvas of this layout's: one kept from an earlier layout of the tab holds the fonts as they were then, and
  // measures a face loaded since (a subset this story brought in) in its fallback.
  const glyphs = createGlyphWidths();
  const blocks: StoryBlock[] = [];
  const figures: StoryFigure[] = [];
  const lines: SetLine[] = [];
  let looseParagraphs = 0;
  const problems: LayoutProblem[] = [];
  let id = options.firstId ?? 0;
  const em = parseFloat(getComputedStyle(measure).fontSize) || 12;

  // Every block goes into the measure first, and the width and indent of every paragraph are read in one pass:
  // read one paragraph at a time, after the lines before it were set, they made Chromium lay the measure out again
  // for each paragraph.
  const entries = Array.from(body.children)
    .filter((child): child is HTMLElement => child instanceof HTMLElement)
    // Tables take no padding (border-collapse), so a wrapper carries the padding that keeps what follows on the grid.
    .map((child) => (child.matches('figure.photo') ? { figure: child } : { element: child.tagName === 'TABLE' ? wrap(child, 'table-block') : child }));
  for (const entry of entries) if (entry.element) measure.append(entry.element);
  const sizes = paragraphSizes(entries.flatMap((entry) => (entry.element ? paragraphsOf(entry.element) : [])));

  const compose = (element: HTMLElement): HTMLElement[] => {
    if (element.classList.contains('composed')) return Array.from(element.querySelectorAll<HTMLElement>(':scope > .line'));
    if (cjk) markCjkSpacing(element);
    const { indent, width } = sizes.get(element) ?? sizeOf(element);
    const source = readParagraph(element, { cjk, em, narrowest: width - indent });
    // No fonts are loaded for measuring: the text was laid out before the engine measured it (document.fonts.ready),
    // so the faces it needs are loaded, and loading more would carry faces the page never uses into the proof.
    const composition: Composition = composeLines(paragraphItems(source.text, glyphs.measure), { first: width - indent, rest: width, em });
    if (composition.loose) looseParagraphs++;
    const set = setLines(element, source, composition, indent);
    lines.push(...set);
    return set.map((line) => line.element);
  };

  for (const { figure, element } of entries) {
    if (figure) {
      figures.push({ element: figure, anchor: blocks.at(-1)?.flow.id ?? -1 });
      figure.remove();
      continue;
    }
    if (!element) continue;
    if (element.classList.contains('table-block')) {
      const problem = fitTable(element);
      if (problem) problems.push(problem);
    }
    if (element.tagName === 'P' && (element.textContent ?? '').trim() !== '') {
      const set = compose(element);
      blocks.push({ flow: { kind: 'text', id: id++, lines: set.length }, element, lines: set });
    } else if (element instanceof HTMLUListElement || element instanceof HTMLOListElement) {
      for (const item of Array.from(element.children)) {
        if (!(item instanceof HTMLLIElement)) continue;
        const composed = composedOf(item);
        if (composed) {
          const inner = composed === item ? undefined : composed;
          const set = compose(composed);
          blocks.push({ flow: { kind: 'text', id: id++, lines: set.length }, element: item, lines: set, list: element, ...(inner ? { inner } : {}) });
        } else {
          snapToGrid(item, geometry.leading);
          blocks.push({ flow: { kind: 'solid', id: id++, lines: linesOf(item, geometry), keepWithNext: false, what: 'other' }, element: item, lines: [], list: element });
        }
      }
    } else {
      snapToGrid(element, geometry.leading);
      const what = headings.has(element.tagName) ? 'heading' : element.tagName === 'BLOCKQUOTE' ? 'quote' : element.classList.contains('table-block') ? 'table' : 'other';
      blocks.push({ flow: { kind: 'solid', id: id++, lines: linesOf(element, geometry), keepWithNext: what === 'heading', what }, element, lines: [] });
    }
  }
  trueUp(lines);
  return { blocks, figures, lines, looseParagraphs, em, problems };
}

/**
 * The elements of a block that are composed into lines: a paragraph with text, or the items of a list (each item's
 * sole paragraph, or the item itself when it holds no blocks). A list's items are numbered here, before anything of
 * the list is measured.
 */
function paragraphsOf(element: HTMLElement): HTMLElement[] {
  if (element.tagName === 'P') return (element.textContent ?? '').trim() !== '' ? [element] : [];
  if (!(element instanceof HTMLUListElement || element instanceof HTMLOListElement)) return [];
  const start = element instanceof HTMLOListElement ? element.start : 1;
  return Array.from(element.children).flatMap((item, index) => {
    if (!(item instanceof HTMLLIElement)) return [];
    if (element instanceof HTMLOListElement) item.value = start + index;
    const composed = composedOf(item);
    return composed ? [composed] : [];
  });
}

/** What of a list item is composed into lines: its sole paragraph, or the item itself when it holds no blocks. */
const composedOf = (item: HTMLElement): HTMLElement | undefined => soleParagraph(item) ?? (item.querySelector(blockChildren) ? undefined : item);

interface ParagraphSize {
  /** The paragraph's first-line indent and its width, CSS pixels. */
  readonly indent: number;
  readonly width: number;
}

const sizeOf = (element: HTMLElement): ParagraphSize => ({ indent: parseFloat(getComputedStyle(element).textIndent) || 0, width: element.clientWidth });

/** Every paragraph's size, read in one pass (one layout of the measure). */
const paragraphSizes = (paragraphs: readonly HTMLElement[]): Map<HTMLElement, ParagraphSize> => new Map(paragraphs.map((paragraph) => [paragraph, sizeOf(paragraph)]));

function soleParagraph(item: HTMLElement): HTMLElement | undefined {
  const children = Array.from(item.children);
  const [only] = children;
  const loose = Array.from(item.childNodes).every((node) => node === only || (node instanceof Text && node.data.trim() === ''));
  return children.length === 1 && only instanceof HTMLParagraphElement && loose ? only : undefined;
}

const linesOf = (element: HTMLElement, geometry: Geometry): number => Math.max(1, Math.round(element.getBoundingClientRect().height / geometry.leading));

function wrap(element: Element, className: string): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = className;
  element.replaceWith(wrapper);
  wrapper.append(element);
  if (element instanceof HTMLElement && element.dataset['line']) wrapper.dataset['line'] = element.dataset['line'];
  return wrapper;
}
