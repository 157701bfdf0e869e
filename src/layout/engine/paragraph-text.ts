// Browser side: reads a paragraph element as the composer sees it (its characters and the font of each), and marks
// in CJK text the full-width marks and Latin words whose spacing the setter will adjust.
import { blankAfter, blankBefore, isAmbiguousMark, isCjk, isSpace } from '../lines/characters.ts';
import type { ParagraphText } from '../lines/items.ts';
import { fontOf } from './glyph-widths.ts';

/** A point in the paragraph's DOM before character `index`. */
export interface TextPoint {
  readonly node: Node;
  readonly offset: number;
}

export interface ParagraphSource {
  readonly text: ParagraphText;
  /** DOM point before each character; one more at the end. */
  readonly points: readonly TextPoint[];
}

/** Elements whose text is not part of the running text (screen-reader labels). */
const skipped = '.sr-only';

export function readParagraph(element: HTMLElement, options: { cjk: boolean; em: number; narrowest: number }): ParagraphSource {
  let text = '';
  const fontOfChar: number[] = [];
  const fonts: string[] = [];
  const fontIndex = new Map<string, number>();
  const points: TextPoint[] = [];
  for (const node of textNodes(element)) {
    if (node instanceof HTMLBRElement) {
      const parent = node.parentNode;
      if (!parent) continue;
      points.push({ node: parent, offset: Array.prototype.indexOf.call(parent.childNodes, node) });
      fontOfChar.push(fontOfChar.at(-1) ?? 0);
      text += '\u2028';
      continue;
    }
    if (!node.parentElement) continue;
    const font = fontOf(node.parentElement);
    let index = fontIndex.get(font);
    if (index === undefined) {
      index = fonts.length;
      fonts.push(font);
      fontIndex.set(font, index);
    }
    for (let offset = 0; offset < node.data.length; offset++) {
      points.push({ node, offset });
      fontOfChar.push(index);
    }
    text += node.data;
  }
  points.push({ node: element, offset: element.childNodes.length });
  return { text: { text, fontOf: fontOfChar, fonts, cjk: options.cjk, em: options.em, narrowest: options.narrowest }, points };
}

/**
 * Wraps each full-width mark with a blank half, and each run of Latin letters and digits, in a span that carries the
 * characters it covers, so the setter can give it the margin its line needs. Only inside one text node.
 */
export function markCjkSpacing(element: HTMLElement): void {
  let base = 0;
  const wraps: { node: Text; from: number; to: number; className: string; at: number }[] = [];
  for (const node of textNodes(element)) {
    if (node instanceof HTMLBRElement) {
      base += 1;
      continue;
    }
    const data = node.data;
    let index = 0;
    while (index < data.length) {
      const char = data[index] ?? '';
      const cjk = isAmbiguousMark(char) || isCjk(char);
      if (cjk && (blankAfter(char) || blankBefore(char))) {
        wraps.push({ node, from: index, to: index + 1, className: 'bs-mark', at: base + index });
        index++;
      } else if (!cjk && !isSpace(char)) {
        let end = index;
        let last = index;
        while (end < data.length) {
          const next = data[end] ?? '';
          if (isAmbiguousMark(next) || isCjk(next)) break;
          if (!isSpace(next)) last = end;
          end++;
        }
        wraps.push({ node, from: index, to: last + 1, className: 'bs-latin', at: base + index });
        index = last + 1;
      } else {
        index++;
      }
    }
    base += data.length;
  }
  // From the end, so earlier offsets stay valid while nodes are split.
  for (const wrap of wraps.reverse()) {
    const range = document.createRange();
    range.setStart(wrap.node, wrap.from);
    range.setEnd(wrap.node, wrap.to);
    const span = document.createElement('span');
    span.className = wrap.className;
    span.dataset['from'] = String(wrap.at);
    span.dataset['to'] = String(wrap.at + (wrap.to - wrap.from));
    range.surroundContents(span);
  }
}

/** The text nodes and line breaks of an element, in order, leaving out what is not running text. */
function textNodes(element: HTMLElement): (Text | HTMLBRElement)[] {
  const found: (Text | HTMLBRElement)[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => (node instanceof Element && node.matches(skipped) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node instanceof Text || node instanceof HTMLBRElement) found.push(node);
  return found;
}
