// Photos far above what the press can use are cut down to it before the page is printed: a 48 MP photo set two
// columns wide would otherwise reach the PDF whole (tens of megabytes, and Ghostscript decoding every pixel). Once
// the page is laid out, each photo's placed size is known; one holding more than 1.5 × 300 ppi there is resampled
// (sharp, Lanczos) to 300 ppi of its placed size (and 2 % to spare) and swapped in. Its box and crop do not move: the copy has
// the photo's own shape, and the layout sized the box, not the file.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Page } from 'puppeteer-core';
import { pressImagePpi } from '../pdf/image-settings.ts';
import { cachedWork } from '../workspace/work-cache.ts';

/** A photo is resampled only when it holds more than this share above the press's resolution. */
export const resampleThreshold = 1.5;

/** Resampled to 300 ppi and 2 % more: Chromium snaps a drawn image to whole CSS pixels, which may cost 1 %. */
export const resampledPpi = Math.round(pressImagePpi * 1.02);

/** URL prefix under which the page loads the resampled copies. */
export const fittedBase = 'fitted/';

interface PlacedPhoto {
  readonly index: number;
  readonly urlPath: string;
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  /** The whole photo's width on the page, in CSS pixels (96 to the inch), as `object-fit: cover` scales it. */
  readonly shownWidth: number;
}

/**
 * Resamples the photos of a laid-out page that are far above 300 ppi where they stand and swaps them in; `serve` is
 * told each copy's URL path and file, for the page's file server to answer.
 */
export async function fitPhotos(page: Page, files: ReadonlyMap<string, string>, serve: (urlPath: string, path: string) => void): Promise<void> {
  const placed = await page.evaluate((origin: string) => {
    const found: PlacedPhoto[] = [];
    Array.from(document.images).forEach((image, index) => {
      const box = image.getBoundingClientRect();
      if (!image.complete || image.naturalWidth === 0 || box.width === 0 || box.height === 0 || !image.src.startsWith(origin)) return;
      const cover = Math.max(box.width / image.naturalWidth, box.height / image.naturalHeight);
      found.push({ index, urlPath: decodeURIComponent(new URL(image.src).pathname.slice(1)), naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight, shownWidth: image.naturalWidth * cover });
    });
    return found;
  }, new URL('/', page.url()).origin);

  // Resampled side by side (libvips on every core), then swapped in at once.
  const swaps = await Promise.all(
    placed.map(async (photo) => {
      const ppi = (photo.naturalWidth / photo.shownWidth) * 96;
      const source = files.get(photo.urlPath);
      if (ppi <= pressImagePpi * resampleThreshold || !source) return undefined;
      const width = Math.ceil((photo.shownWidth / 96) * resampledPpi);
      const height = Math.ceil((width * photo.naturalHeight) / photo.naturalWidth);
      const copy = await resample(source, width, height);
      serve(copy.urlPath, copy.path);
      return { index: photo.index, src: `/${copy.urlPath}` };
    }),
  );
  const swapped = swaps.filter((swap) => swap !== undefined);
  if (swapped.length === 0) return;
  await page.evaluate(async (all: Array<{ index: number; src: string }>) => {
    await Promise.all(
      all.map(async ({ index, src }) => {
        const image = document.images[index];
        if (!image) return;
        // Loaded, not decoded: a page behind another is never painted, and decode() waits for a paint there.
        const loaded = new Promise((done, fail) => {
          image.addEventListener('load', done, { once: true });
          image.addEventListener('error', () => fail(new Error(`the resampled copy ${src} did not load`)), { once: true });
        });
        image.src = src;
        await loaded;
      }),
    );
  }, swapped);
}

async function resample(source: string, width: number, height: number): Promise<{ urlPath: string; path: string }> {
  const { default: sharp } = await import('sharp');
  const png = source.toLowerCase().endsWith('.png');
  // Named by the photo's bytes and the size: a photo replaced under the same name during a proof session gets a
  // copy of its own, and the same photo at the same size is resampled once (work-cache.ts).
  const original = await readFile(source);
  const copy = await cachedWork(['resampled', sharp.versions.vips, original, `${width}x${height}`], png ? 'png' : 'jpg', async () => {
    const image = sharp(original, { failOn: 'error' }).resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
    return (png ? image.png({ compressionLevel: 6 }) : image.jpeg({ quality: 92, chromaSubsampling: '4:4:4' })).toBuffer();
  });
  return { urlPath: `${fittedBase}${basename(copy.path)}`, path: copy.path };
}
