// Reads a PDF the way a prepress check does: poppler's pdftotext, pdffonts, pdfinfo and pdftohtml, and qpdf.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { hanOf } from './text.ts';

const run = (command: string, args: readonly string[]): string =>
  execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

/** The page's text in the order it was drawn (`pdftotext -raw`): the order the layout put it in. */
export function pdfText(pdf: string): string {
  return run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-']);
}

export interface PdfFont {
  readonly name: string;
  readonly type: string;
  readonly embedded: boolean;
}

/** `pdffonts`, one row per font; columns are cut where the header's dashes say. */
export function pdfFonts(pdf: string): PdfFont[] {
  const lines = run('pdffonts', [pdf]).split('\n');
  const rule = lines[1] ?? '';
  const columns: Array<[number, number]> = [];
  for (const match of rule.matchAll(/-+/g)) columns.push([match.index, match.index + match[0].length]);
  const cell = (line: string, index: number) => {
    const [start, end] = columns[index] ?? [0, 0];
    return line.slice(start, end).trim();
  };
  return lines
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ name: cell(line, 0), type: cell(line, 1), embedded: cell(line, 3) === 'yes' }));
}

/** `pdfinfo` as a map from field (e.g. `Title`, `Page size`) to its value. */
export function pdfInfo(pdf: string): Map<string, string> {
  const info = new Map<string, string>();
  for (const line of run('pdfinfo', ['-enc', 'UTF-8', pdf]).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) info.set(match[1], match[2]);
  }
  return info;
}

/** A rectangle in PDF points, origin top left (as poppler's tools report it). */
export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface PdfWord extends Rect {
  readonly text: string;
}

/** Every word with its box, from `pdftotext -bbox-layout`, in poppler's reading order. */
export function pdfWords(pdf: string): PdfWord[] {
  const xml = run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdf, '-']);
  const words: PdfWord[] = [];
  const pattern = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const match of xml.matchAll(pattern)) {
    words.push({ left: Number(match[1]), top: Number(match[2]), right: Number(match[3]), bottom: Number(match[4]), text: unescapeXml(match[5] ?? '') });
  }
  return words;
}

export interface PlacedImage extends Rect {
  /** SHA-256 of the image data as embedded: for a JPEG, Chromium embeds the photo file's own bytes. */
  readonly sha256: string;
  /** The image as extracted (written while `placedImages` runs; gone afterwards). */
  readonly file: string;
}

/** Where each image is drawn on a page, from `pdftohtml -xml` at zoom 1 (points, rounded to whole points), with its bytes' hash. */
export function placedImages(pdf: string, page = 1, after: (images: PlacedImage[]) => PlacedImage[] = (images) => images): PlacedImage[] {
  const scratch = mkdtempSync(join(tmpdir(), 'broadsheet-pdftohtml-'));
  try {
    // pdftohtml writes the images out too; keep them away from the PDF's folder.
    run('pdftohtml', ['-xml', '-zoom', '1', '-f', String(page), '-l', String(page), pdf, join(scratch, 'page')]);
    const xml = readFileSync(join(scratch, 'page.xml'), 'utf8');
    const images: PlacedImage[] = [];
    for (const match of xml.matchAll(/<image top="(-?\d+)" left="(-?\d+)" width="(\d+)" height="(\d+)" src="([^"]+)"/g)) {
      const [top, left, width, height] = [match[1], match[2], match[3], match[4]].map(Number);
      if (top === undefined || left === undefined || width === undefined || height === undefined || !match[5]) continue;
      const file = unescapeXml(match[5]);
      const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
      images.push({ left, top, right: left + width, bottom: top + height, sha256, file });
    }
    return after(images);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** What an image looks like, at 6 × 6 grey pixels: the same photo resampled looks the same; two photos do not. */
export async function lookOf(image: string | Buffer): Promise<number[]> {
  const { data } = await sharp(image).resize(6, 6, { fit: 'fill' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return Array.from(data);
}

/** Mean difference of two looks, 0–255. */
export const lookDistance = (a: readonly number[], b: readonly number[]): number => a.reduce((sum, value, index) => sum + Math.abs(value - (b[index] ?? 0)), 0) / Math.max(1, a.length);

/** Where each image is drawn, with its look (for photos Broadsheet resampled, whose bytes are no longer the file's). */
export async function placedLooks(pdf: string, page = 1): Promise<Array<PlacedImage & { look: number[] }>> {
  // The extracted files live only while placedImages runs: their bytes are read there.
  const bytes: Buffer[] = [];
  const images = placedImages(pdf, page, (found) => {
    for (const image of found) bytes.push(readFileSync(image.file));
    return found;
  });
  return Promise.all(images.map(async (image, index) => ({ ...image, look: await lookOf(bytes[index] ?? Buffer.alloc(0)) })));
}

/** The PDF's bytes with every stream decompressed (`qpdf --qdf`), so a search sees what a viewer sees. */
export function uncompressedPdf(pdf: string): Buffer {
  return execFileSync('qpdf', ['--qdf', '--object-streams=disable', '--stream-data=uncompress', pdf, '-'], { maxBuffer: 256 * 1024 * 1024 });
}

/** Undoes the XML escapes poppler writes in -bbox and -xml output. */
export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export const ptPerMm = 72 / 25.4;

/** The smallest rectangle holding all of `rects`. */
export function union(rects: readonly Rect[]): Rect {
  return {
    left: Math.min(...rects.map((rect) => rect.left)),
    top: Math.min(...rects.map((rect) => rect.top)),
    right: Math.max(...rects.map((rect) => rect.right)),
    bottom: Math.max(...rects.map((rect) => rect.bottom)),
  };
}

/** The shortest distance between two rectangles; 0 when they touch or overlap. */
export function gapBetween(a: Rect, b: Rect): number {
  const dx = Math.max(0, b.left - a.right, a.left - b.right);
  const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
  return Math.hypot(dx, dy);
}

/** A box in millimetres from the page's top left (as layout.json gives it), in points. */
export function mmBoxToRect(box: { x: number; y: number; width: number; height: number }): Rect {
  return { left: box.x * ptPerMm, top: box.y * ptPerMm, right: (box.x + box.width) * ptPerMm, bottom: (box.y + box.height) * ptPerMm };
}

/**
 * The words that spell `text` (compared by their Han characters), in reading order. Words of other
 * text may sit between them (a caption beside a column is read interleaved with it), but not
 * more than `slack` of them.
 */
export function wordsSpelling(words: readonly PdfWord[], text: string, slack = 40): PdfWord[] | undefined {
  const target = hanOf(text);
  for (let start = 0; start < words.length; start++) {
    const first = hanOf(words[start]?.text ?? '');
    if (first === '' || !target.startsWith(first)) continue;
    const found = [words[start]].filter((word) => word !== undefined);
    let spelled = first;
    let skipped = 0;
    for (let next = start + 1; next < words.length && spelled.length < target.length && skipped <= slack; next++) {
      const word = words[next];
      const han = hanOf(word?.text ?? '');
      if (word && han !== '' && target.startsWith(spelled + han)) {
        found.push(word);
        spelled += han;
      } else skipped++;
    }
    if (spelled === target) return found;
  }
  return undefined;
}
