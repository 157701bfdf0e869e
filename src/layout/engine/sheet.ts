// Browser side: builds one printed sheet with its folio line, and (on the first) the headline module across the page.
import type { FolioSpec } from '../report.ts';
import { spanWidth, linesFor, type Geometry } from './geometry.ts';

/** The region of a sheet below its folio line, counted in whole baseline lines. */
export interface BodyArea {
  /** y of the first body line's top, in px from the sheet's top. */
  readonly top: number;
  /** Lines each column holds. */
  readonly lines: number;
}

export interface Sheet {
  readonly element: HTMLElement;
  readonly number: number;
  /** The body area below the folio line, across the whole page. */
  readonly area: BodyArea;
}

export function createSheet(options: { container: HTMLElement; geometry: Geometry; folio: FolioSpec; number: number; after?: Element }): Sheet {
  const { geometry, number } = options;
  const element = document.createElement('section');
  element.className = 'sheet';
  element.dataset['page'] = String(number);
  element.style.width = `${geometry.pageWidth}px`;
  element.style.height = `${geometry.pageHeight}px`;
  if (options.after) options.after.after(element);
  else options.container.append(element);

  const folio = folioLine(options.folio, number);
  place(folio, geometry.left, geometry.top, spanWidth(geometry, geometry.columns));
  element.append(folio);
  // The folio takes whole lines so the body below stays on the baseline grid.
  const used = linesFor(geometry, folio.offsetHeight) + 1;
  const lines = Math.floor((geometry.bottom - geometry.top) / geometry.leading + 0.01) - used;
  // The grid is hung from the bottom margin, so full columns end exactly on it; the spare fraction of a line goes under the folio.
  const top = geometry.bottom - lines * geometry.leading;
  return { element, number, area: { top, lines } };
}

/** Sets the headline module (or a jump head) `width` px wide at (x, y) and fits its type. */
export function placeHeadline(options: { parent: HTMLElement; headline: HTMLElement; x: number; y: number; width: number }): void {
  const { headline } = options;
  place(headline, options.x, options.y, options.width);
  options.parent.append(headline);
  fitHeadline(headline);
}

/** Steps the headline and deck down until each sets in at most two lines (the same at measuring and setting). */
export function fitHeadline(headline: HTMLElement): void {
  fitLines(headline.querySelector('.headline, .jump-head-title'), 2);
  fitLines(headline.querySelector('.deck'), 2);
}

function folioLine(folio: FolioSpec, page: number): HTMLElement {
  const zh = folio.lang.startsWith('zh');
  const line = document.createElement('div');
  line.className = 'folio';
  const part = (className: string, text: string) => {
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    line.append(span);
  };
  part('folio-paper', folio.paper);
  part('folio-date', folio.date ? formatDate(folio.date, zh) : '');
  part('folio-page', zh ? `第${page}版` : `Page ${page}`);
  part('folio-section', folio.section ?? '');
  return line;
}

function formatDate(date: string, zh: boolean): string {
  const [year, month, day] = date.split('-').map(Number);
  if (zh) return `${year}年${month}月${day}日`;
  const when = new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1, day ?? 1));
  return when.toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** The sizes headline fitting tries, largest first: whole steps of 5 % down to 55 % of the type's size. */
const fitSteps = Array.from({ length: 10 }, (_, step) => 1 - step * 0.05);

/**
 * Headline fitting: the largest step of the type that sets in at most `most` lines (the smallest step when none
 * does). Smaller type never takes more lines, so the steps are searched by halves: at most five layouts instead of ten.
 */
function fitLines(element: HTMLElement | null, most: number): void {
  if (!element) return;
  element.style.fontSize = '';
  element.style.lineHeight = '';
  const style = getComputedStyle(element);
  const size = parseFloat(style.fontSize);
  const ratio = parseFloat(style.lineHeight) / size || 1.2;
  const fits = (step: number): boolean => {
    const factor = fitSteps[step] ?? 1;
    element.style.fontSize = `${size * factor}px`;
    element.style.lineHeight = `${size * factor * ratio}px`;
    const fitsWidth = element.scrollWidth <= element.clientWidth + 1;
    return fitsWidth && Math.round(element.getBoundingClientRect().height / (size * factor * ratio)) <= most;
  };
  let low = 0;
  let high = fitSteps.length - 1;
  let tried = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (fits(middle)) high = middle - 1;
    else low = middle + 1;
    tried = middle;
  }
  // The search ends on the step it tried last; the type is left at the first step that fits (or the smallest).
  const chosen = Math.min(low, fitSteps.length - 1);
  if (chosen !== tried) fits(chosen);
}

export function place(element: HTMLElement, x: number, y: number, width: number, height?: number): void {
  element.style.position = 'absolute';
  element.style.left = `${x}px`;
  element.style.top = `${y}px`;
  element.style.width = `${width}px`;
  if (height !== undefined) element.style.height = `${height}px`;
}
