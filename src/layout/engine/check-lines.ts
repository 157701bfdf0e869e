// Browser side: reads every printed line back and checks clreq's line-edge rules on it: no line starts with a closing
// mark or ends with an opening one. The composer keeps them; this check makes sure nothing else broke them.
import { isClosing, isOpening } from '../lines/characters.ts';
import type { LayoutProblem, PageReport } from '../report.ts';
import { linesOf } from './read-lines.ts';

export function checkLines(pages: readonly PageReport[]): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  for (const page of pages) {
    for (const frame of page.frames) {
      for (const line of frame.text) check(line.text, page.number, frame.column, `leg ${frame.leg}`, problems);
    }
  }
  // Captions are set by Chromium (justified, strict line breaking): read them back too.
  for (const sheet of Array.from(document.querySelectorAll<HTMLElement>('.sheet'))) {
    const number = Number(sheet.dataset['page']);
    for (const caption of Array.from(sheet.querySelectorAll<HTMLElement>('figure.photo figcaption'))) {
      const leading = parseFloat(getComputedStyle(caption).lineHeight) || 16;
      for (const line of linesOf(caption, sheet, leading)) check(line.text, number, undefined, 'a caption', problems);
    }
  }
  return problems;
}

function check(text: string, page: number, column: number | undefined, where: string, problems: LayoutProblem[]): void {
  const first = text[0] ?? '';
  const last = text.at(-1) ?? '';
  if (isClosing(first) && !/^[%‰℃°]/.test(first)) {
    problems.push({ rule: 'line-start', severity: 'warning', page, ...(column === undefined ? {} : { column: column + 1 }), message: `a line of ${where} starts with “${first}”: “${text.slice(0, 20)}”` });
  }
  if (isOpening(last)) {
    problems.push({ rule: 'line-end', severity: 'warning', page, ...(column === undefined ? {} : { column: column + 1 }), message: `a line of ${where} ends with “${last}”: “${text.slice(-20)}”` });
  }
}
