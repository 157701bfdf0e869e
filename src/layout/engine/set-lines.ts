// Browser side: sets a composed paragraph as one block per line, each justified by the composer's own spacing, and
// trues the lines up against what Chromium actually drew (a fraction of a pixel of shaping the canvas did not see).
import type { Composition, ComposedLine } from '../lines/compose.ts';
import type { ParagraphSource } from './paragraph-text.ts';

export interface SetLine {
  readonly element: HTMLElement;
  readonly composed: ComposedLine;
}

/** Replaces the paragraph's content by its lines, keeping every inline element (split where a line breaks inside it). */
export function setLines(paragraph: HTMLElement, source: ParagraphSource, composition: Composition, indent: number): SetLine[] {
  const { points } = source;
  const made: SetLine[] = [];
  // From the last line back, so the DOM points of earlier lines stay where they were.
  for (let index = composition.lines.length - 1; index >= 0; index--) {
    const composed = composition.lines[index] as ComposedLine;
    const start = points[composed.from];
    // The space a line breaks at stays at the line's end: it prints nothing there (trailing white space is not
    // drawn), but the text keeps its word boundaries for search, copying and the proof's change marks.
    const next = composition.lines[index + 1];
    const end = points[next && !composed.hyphen ? Math.max(composed.to, next.from) : composed.to];
    const element = document.createElement('span');
    element.className = composed.last ? 'line last' : 'line';
    if (start && end) {
      const range = document.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      element.append(range.extractContents());
    }
    made.unshift({ element, composed });
  }
  paragraph.replaceChildren(...made.map((line) => line.element));
  paragraph.classList.add('composed');
  made.forEach((line, index) => style(line, index === 0 ? indent : 0));
  return made;
}

function style(line: SetLine, indent: number): void {
  const { element, composed } = line;
  if (indent > 0) element.style.paddingInlineStart = `${px(indent)}px`;
  if (Math.abs(composed.wordSpacing) > 0.005) element.style.wordSpacing = `${px(composed.wordSpacing)}px`;
  if (Math.abs(composed.letterSpacing) > 0.005) element.style.letterSpacing = `${px(composed.letterSpacing)}px`;
  if (composed.hyphen) printHyphen(element);
  dropSoftHyphens(element);
  for (const edge of composed.edges) {
    const target = element.querySelector<HTMLElement>(edge.edge === 'start' ? `[data-from="${edge.at}"]` : `[data-to="${edge.at}"]`);
    if (!target) continue;
    if (edge.edge === 'start') target.style.marginInlineStart = `${px(edge.margin)}px`;
    else target.style.marginInlineEnd = `${px(edge.margin)}px`;
  }
}

/**
 * The breaks are made: soft hyphens left inside a line would only take letter spacing of their own and print as
 * gaps in the word (pdftotext reads them as spaces), so they go.
 */
function dropSoftHyphens(element: HTMLElement): void {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Text && node.data.includes('\u00ad')) node.data = node.data.replaceAll('\u00ad', '');
  }
}

/** A word broken at a soft hyphen prints its hyphen, marked as the setter's so the word's own text stays whole. */
function printHyphen(element: HTMLElement): void {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node instanceof Text && node.data.length > 0) last = node;
  if (!last) return;
  if (last.data.endsWith('\u00ad')) last.data = last.data.slice(0, -1);
  const hyphen = document.createElement('span');
  hyphen.className = 'line-hyphen';
  hyphen.textContent = '-';
  last.after(hyphen);
}

/**
 * Moves each justified line's right end onto its column edge: the difference between where its last glyph ends and
 * where it should is shared among the line's spaces (or CJK gaps). One read and one write for all lines together.
 */
export function trueUp(lines: readonly SetLine[]): void {
  const justified = lines.filter((line) => !line.composed.last && line.composed.spaces + line.composed.gaps > 0);
  for (let pass = 0; pass < 2; pass++) {
    const markers = justified.map((line) => {
      const marker = document.createElement('span');
      marker.className = 'line-end';
      line.element.append(marker);
      return marker;
    });
    const errors = justified.map((line, index) => {
      const box = line.element.getBoundingClientRect();
      const end = markers[index]?.getBoundingClientRect().left ?? box.right;
      const trailing = trailingSpacing(line);
      return end - trailing - box.right;
    });
    markers.forEach((marker) => marker.remove());
    let moved = false;
    justified.forEach((line, index) => {
      const error = errors[index] ?? 0;
      if (Math.abs(error) < 0.15) return;
      moved = true;
      const { composed, element } = line;
      if (composed.spaces > 0) {
        const current = parseFloat(element.style.wordSpacing) || 0;
        element.style.wordSpacing = `${px(current - error / composed.spaces)}px`;
      } else {
        const current = parseFloat(element.style.letterSpacing) || 0;
        element.style.letterSpacing = `${px(current - error / (composed.gaps + 1))}px`;
      }
    });
    if (!moved) break;
  }
}

/** Letter spacing drawn after the line's last character (Chromium adds it after every character). */
function trailingSpacing(line: SetLine): number {
  const spacing = parseFloat(line.element.style.letterSpacing) || 0;
  if (spacing === 0) return 0;
  const walker = document.createTreeWalker(line.element, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node instanceof Text && node.data.trim() !== '') last = node;
  return last?.parentElement?.closest('.bs-latin') ? 0 : spacing;
}

const px = (value: number) => Math.round(value * 1000) / 1000;
