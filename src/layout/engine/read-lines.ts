// Browser side: reads back the lines a frame shows, as a reader sees them: their text and where their glyphs sit.
import { pxPerMm } from './geometry.ts';

export interface ReadLine {
  readonly text: string;
  /** Bottom of the line's first glyph box, in mm from the sheet's top: the same for every line on one grid row. */
  readonly y: number;
  /** Body text sits on the baseline grid; subheads, quotes, tables and jump lines are set to their own measure. */
  readonly body: boolean;
}

const display = 'h1, h2, h3, h4, h5, h6, blockquote, table, pre, .jump-line';

export function linesOf(frame: HTMLElement, sheet: HTMLElement, leading: number): ReadLine[] {
  const frameTop = frame.getBoundingClientRect().top;
  const sheetTop = sheet.getBoundingClientRect().top;
  const rows = new Map<number, { text: string; y: number; body: boolean }>();
  const range = document.createRange();
  const walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT);
  let previousRow = -1;
  let softHyphen = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node instanceof Text)) continue;
    const data = node.data;
    for (let offset = 0; offset < data.length; offset++) {
      const code = data.charCodeAt(offset);
      const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      range.setStart(node, offset);
      range.setEnd(node, offset + width);
      // At a line break a character's range can report a box on each line; the last one is where it is drawn.
      const rects = range.getClientRects();
      const rect = rects[rects.length - 1];
      const char = data.slice(offset, offset + width);
      offset += width - 1;
      if (char === '\u00ad') {
        softHyphen = true;
        continue;
      }
      if (!rect || rect.height === 0) continue;
      const row = Math.floor((rect.top + rect.height / 2 - frameTop) / leading);
      // A word broken at a soft hyphen prints a hyphen at the end of the line.
      const before = rows.get(previousRow);
      if (softHyphen && row !== previousRow && before) before.text += '-';
      softHyphen = false;
      previousRow = row;
      const line = rows.get(row);
      if (line) line.text += char;
      else rows.set(row, { text: char, y: Math.round(((rect.bottom - sheetTop) / pxPerMm) * 100) / 100, body: !node.parentElement?.closest(display) });
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, line]) => ({ text: line.text.replace(/\s+/g, ' ').trim(), y: line.y, body: line.body }))
    .filter((line) => line.text !== '');
}
