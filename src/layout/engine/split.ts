// Browser side: splits a text block at a line boundary, like a threaded text frame: nothing lost or repeated.

/** Number of lines a block of body text sets, at the baseline pitch. */
export function lineCount(block: HTMLElement, leading: number): number {
  return Math.round(block.getBoundingClientRect().height / leading);
}

interface TextPosition {
  readonly node: Text;
  readonly offset: number;
}

/**
 * Cuts `block` after its first `keep` lines. The block keeps those lines (justified to the end, marked
 * `continues`); the returned element holds the rest (marked `continued`, no first-line indent).
 */
export function splitAfterLine(block: HTMLElement, keep: number, leading: number): HTMLElement | null {
  const position = lineStart(block, keep, leading);
  if (!position) return null;
  const range = document.createRange();
  range.setStart(position.node, position.offset);
  range.setEndAfter(block.lastChild ?? block);
  const rest = range.extractContents();
  const tail = block.cloneNode(false);
  if (!(tail instanceof HTMLElement)) return null;
  tail.removeAttribute('id');
  // A space at the cut stays with the continuation: a block's leading space is not drawn, and the text stays whole.
  tail.append(rest);
  block.classList.add('continues');
  tail.classList.add('continued');
  showSoftHyphenAtEnd(block);
  return tail;
}

/** The text position where line `line` (0-based) of the block begins, found by binary search over characters. */
function lineStart(block: HTMLElement, line: number, leading: number): TextPosition | null {
  const positions: TextPosition[] = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node instanceof Text)) continue;
    for (let offset = 0; offset < node.data.length; offset++) {
      const code = node.data.charCodeAt(offset);
      if (code >= 0xdc00 && code <= 0xdfff) continue; // never inside a surrogate pair
      positions.push({ node, offset });
    }
  }
  const top = block.getBoundingClientRect().top;
  const range = document.createRange();
  const lineOf = (index: number): number => {
    // Spaces at a line's end can have empty boxes: look ahead to the next character that has one.
    for (let probe = index; probe < positions.length; probe++) {
      const at = positions[probe];
      if (!at) break;
      range.setStart(at.node, at.offset);
      range.setEnd(at.node, Math.min(at.node.data.length, at.offset + 1));
      const rects = range.getClientRects();
      const rect = rects[rects.length - 1];
      if (rect && rect.height > 0 && rect.width > 0) return Math.floor((rect.top + rect.height / 2 - top) / leading);
    }
    return Number.POSITIVE_INFINITY;
  };
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lineOf(middle) >= line) high = middle;
    else low = middle + 1;
  }
  return low > 0 && low < positions.length ? (positions[low] ?? null) : null;
}

/** A word broken at a soft hyphen at a frame's end must print its hyphen. */
function showSoftHyphenAtEnd(element: HTMLElement): void {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node instanceof Text && node.data.length > 0) last = node;
  if (last && last.data.endsWith('\u00ad')) last.data = last.data.slice(0, -1) + '-';
}
