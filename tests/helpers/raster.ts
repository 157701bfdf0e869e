// Where photos are visible on the printed page: Ghostscript renders the page with text and vector art filtered out,
// so every inked pixel left belongs to a photo, cropped as the reader sees it.
import { execFileSync } from 'node:child_process';
import type { Rect } from './poppler.ts';

/** The bounding box, in points from the top left, of each separate patch of photo pixels on page 1. */
export function visiblePhotos(pdf: string, dpi = 36): Rect[] {
  const pgm = execFileSync(
    'gs',
    ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-dFirstPage=1', '-dLastPage=1', '-dFILTERTEXT', '-dFILTERVECTOR', '-sDEVICE=pgmraw', `-r${dpi}`, '-sOutputFile=-', pdf],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const header = /^P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 200));
  if (!header) throw new Error('Ghostscript did not write a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = pgm.subarray(header[0].length);
  const inked = (index: number) => (pixels[index] ?? 255) < 250;
  const seen = new Uint8Array(width * height);
  const ptPerPixel = 72 / dpi;
  const regions: Rect[] = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || !inked(start)) continue;
    let [left, top, right, bottom, count] = [width, height, 0, 0, 0];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const index = stack.pop() ?? 0;
      const x = index % width;
      const y = (index - x) / width;
      [left, top, right, bottom, count] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y), count + 1];
      const neighbours = [x > 0 ? index - 1 : -1, x < width - 1 ? index + 1 : -1, y > 0 ? index - width : -1, y < height - 1 ? index + width : -1];
      for (const next of neighbours) {
        if (next >= 0 && !seen[next] && inked(next)) {
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    // Specks of a few pixels are anti-aliasing, not photos.
    if (count >= 16) regions.push({ left: left * ptPerPixel, top: top * ptPerPixel, right: (right + 1) * ptPerPixel, bottom: (bottom + 1) * ptPerPixel });
  }
  return regions;
}
