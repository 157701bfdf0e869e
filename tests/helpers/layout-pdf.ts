// Reads a printed page back with poppler: words and lines with their boxes (pdftotext -bbox-layout), page sizes
// (pdfinfo) and embedded photos (pdfimages -list, pdftohtml -xml).
import { execFileSync } from 'node:child_process';
import { mmToPt } from './layout-grid.ts';
import { placedImages, unescapeXml } from './poppler.ts';

const run = (command: string, args: readonly string[]): string =>
  execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

/** A rectangle in PDF points from the page's top left, as poppler reports it. */
export interface PtRect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface PdfWord extends PtRect {
  readonly text: string;
}

/** One `<line>` of pdftotext -bbox-layout. */
export interface PdfLine extends PtRect {
  readonly words: readonly PdfWord[];
}

export interface PdfPage {
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly PdfLine[];
  readonly words: readonly PdfWord[];
}

/** Every page of `pdftotext -bbox-layout`, with its lines and words. */
export function readPdfPages(pdf: string): PdfPage[] {
  const xml = run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdf, '-']);
  const pages: PdfPage[] = [];
  for (const page of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: PdfLine[] = [];
    for (const line of (page[3] ?? '').matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words: PdfWord[] = [];
      for (const word of (line[5] ?? '').matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        words.push({ left: Number(word[1]), top: Number(word[2]), right: Number(word[3]), bottom: Number(word[4]), text: unescapeXml(word[5] ?? '') });
      }
      lines.push({ left: Number(line[1]), top: Number(line[2]), right: Number(line[3]), bottom: Number(line[4]), words });
    }
    pages.push({ number: pages.length + 1, width: Number(page[1]), height: Number(page[2]), lines, words: lines.flatMap((line) => line.words) });
  }
  return pages;
}

/** A printed line as a reader sees it inside one column: the words of one row, left to right. */
export interface PdfRow extends PtRect {
  readonly words: readonly PdfWord[];
  /** Words joined by single spaces. */
  readonly text: string;
}

/**
 * The rows of text whose words lie in `area` (centre inside), top to bottom. pdftotext cuts a line into several
 * `<line>`s where a justified line has wide gaps, and can run one `<line>` across a narrow gutter; so its lines are
 * clipped to the area and those on one baseline are joined.
 */
export function rowsIn(page: PdfPage, area: PtRect): PdfRow[] {
  const inside = (word: PdfWord) => {
    const x = (word.left + word.right) / 2;
    const y = (word.top + word.bottom) / 2;
    return x >= area.left && x <= area.right && y >= area.top && y <= area.bottom;
  };
  const rows: PdfWord[][] = [];
  for (const line of page.lines) {
    const words = line.words.filter(inside);
    if (words.length === 0) continue;
    const bottom = Math.max(...words.map((word) => word.bottom));
    const row = rows.find((candidate) => Math.abs(Math.max(...candidate.map((word) => word.bottom)) - bottom) < 1.5);
    if (row) row.push(...words);
    else rows.push([...words]);
  }
  return rows
    .map((words) => {
      const sorted = [...words].sort((a, b) => a.left - b.left);
      return {
        left: Math.min(...sorted.map((word) => word.left)),
        top: Math.min(...sorted.map((word) => word.top)),
        right: Math.max(...sorted.map((word) => word.right)),
        bottom: Math.max(...sorted.map((word) => word.bottom)),
        words: sorted,
        text: sorted.map((word) => word.text).join(' '),
      };
    })
    .sort((a, b) => a.bottom - b.bottom);
}

/** A box in millimetres (as layout.json gives it) in points, grown by `slack` points on every side. */
export function ptRect(box: { x: number; y: number; width: number; height: number }, slack = 0): PtRect {
  return { left: mmToPt(box.x) - slack, top: mmToPt(box.y) - slack, right: mmToPt(box.x + box.width) + slack, bottom: mmToPt(box.y + box.height) + slack };
}

export const containsRect = (outer: PtRect, inner: PtRect): boolean =>
  inner.left >= outer.left && inner.top >= outer.top && inner.right <= outer.right && inner.bottom <= outer.bottom;

/** One page's text as pdftotext reads it in drawing order (`-raw`). */
export function pageText(pdf: string, page: number): string {
  return run('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), pdf, '-']);
}

export interface PdfFacts {
  readonly pages: number;
  /** Each page as the plant cuts it: its TrimBox in points (a screen copy's is its page). */
  readonly sizes: ReadonlyArray<{ readonly width: number; readonly height: number }>;
}

/** `pdfinfo -box`: the number of pages and every page's trimmed size. */
export function pdfFacts(pdf: string): PdfFacts {
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', [pdf]))?.[1] ?? Number.NaN);
  const sizes = [...run('pdfinfo', ['-box', '-f', '1', '-l', String(pages), pdf]).matchAll(/^Page\s+\d+ TrimBox:\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)$/gm)].map((match) => ({
    width: Number(match[3]) - Number(match[1]),
    height: Number(match[4]) - Number(match[2]),
  }));
  return { pages, sizes };
}

export interface EmbeddedImage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly xPpi: number;
  readonly yPpi: number;
}

/** `pdfimages -list`: every image drawn, its pixel size and its resolution across and down as printed. */
export function embeddedImages(pdf: string): EmbeddedImage[] {
  const images: EmbeddedImage[] = [];
  for (const line of run('pdfimages', ['-list', pdf]).split('\n').slice(2)) {
    const cells = line.trim().split(/\s+/);
    if (cells.length < 14 || cells[2] !== 'image') continue;
    images.push({ page: Number(cells[0]), width: Number(cells[3]), height: Number(cells[4]), xPpi: Number(cells[12]), yPpi: Number(cells[13]) });
  }
  return images;
}

export interface DrawnImage extends PtRect {
  /** SHA-256 of the embedded image data: for a JPEG, the photo file's own bytes. */
  readonly sha256: string;
}

/** Where each image is drawn on a page, whole and before clipping (`pdftohtml -xml`, whole points). */
export const drawnImages = (pdf: string, page: number): DrawnImage[] => placedImages(pdf, page);

