// Each caption of the sample is printed next to its own photo: measured on the printed page, and as layout.json reports it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSample, type SampleBuild } from '../helpers/build.ts';
import { readReportedFigures, type ReportedFigure } from '../helpers/layout-report.ts';
import { gapBetween, lookDistance, lookOf, mmBoxToRect, pdfWords, placedLooks, union, wordsSpelling, type PdfWord, type PlacedImage, type Rect } from '../helpers/poppler.ts';
import { visiblePhotos } from '../helpers/raster.ts';
import { readSampleArticle, sampleDir } from '../helpers/sample-article.ts';

/** How far (in points) a caption's words may stand from its photo: a gutter is 4 mm, about 11 pt. */
const captionReach = 12;
/** The page is rendered at 36 dpi (2 pt a pixel) to find the photos; reported boxes may differ by a pixel and a bit. */
const rasterSlack = 3;

/** Mean grey difference (0–255) under which a drawn image is the photo: a resampled copy differs by 1 or 2. */
const sameLook = 6;

const article = readSampleArticle();
const figures = article.figures;

let sample: SampleBuild;
let words: PdfWord[];
let images: Array<PlacedImage & { look: number[] }>;
let looks: Map<string, number[]>;
let regions: Rect[];
let reported: ReportedFigure[];

beforeAll(async () => {
  sample = await buildSample();
  words = pdfWords(sample.result.screenPath);
  images = await placedLooks(sample.result.screenPath);
  looks = new Map(await Promise.all(figures.map(async (figure) => [figure.src, await lookOf(join(sampleDir, figure.src))] as const)));
  regions = visiblePhotos(sample.result.screenPath);
  reported = await readReportedFigures(join(sample.result.outDir, 'layout.json'));
});
afterAll(async () => sample?.temp.remove());

const rounded = (rect: Rect) => [rect.left, rect.top, rect.right, rect.bottom].map((value) => Math.round(value)).join(',');
const overlap = (a: Rect, b: Rect) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/**
 * Where the photo is drawn (the whole image, before any crop), found by what it looks like: photos far above 300 ppi
 * where they stand are printed from a resampled copy, so their bytes are not the file's.
 */
function drawnImage(src: string): PlacedImage {
  const look = looks.get(src) ?? [];
  const found = images.filter((image) => lookDistance(image.look, look) < sameLook);
  expect(found, 'the photo is drawn exactly once').toHaveLength(1);
  const [image] = found;
  if (!image) throw new Error('the photo is not on the page');
  return image;
}

/** The part of the photo a reader sees: the patch of photo pixels lying inside the drawn image. */
function visiblePhoto(src: string): Rect {
  const drawn = drawnImage(src);
  const [best] = [...regions].sort((a, b) => overlap(b, drawn) - overlap(a, drawn));
  expect(best && overlap(best, drawn) > 0, 'photo pixels are visible where the photo is drawn').toBe(true);
  return best ?? drawn;
}

function captionOnPage(figure: { caption: string; credit?: string }): Rect {
  const spelled = wordsSpelling(words, figure.caption + (figure.credit ?? ''));
  expect(spelled, `the caption “${figure.caption}” is in the PDF's text`).toBeDefined();
  return union(spelled ?? []);
}

function reportOf(src: string): ReportedFigure {
  const found = reported.filter((figure) => figure.src.endsWith(src));
  expect(found, `layout.json lists ${src} once`).toHaveLength(1);
  const [figure] = found;
  if (!figure) throw new Error(`${src} is not in layout.json`);
  return figure;
}

describe.each(figures.map((figure) => [figure.src, figure] as const))('the photo %s and its caption', (_, figure) => {
  it('prints the photo once', () => {
    drawnImage(figure.src);
  });

  it(`sets the caption's words within ${captionReach} pt of the visible photo on the printed page`, () => {
    const photo = visiblePhoto(figure.src);
    const caption = captionOnPage(figure);
    expect(gapBetween(photo, caption), `caption words at ${rounded(caption)}, photo at ${rounded(photo)}`).toBeLessThanOrEqual(captionReach);
  });

  it(`sets the caption's words within ${captionReach} pt of the photo box layout.json reports`, () => {
    const photo = mmBoxToRect(reportOf(figure.src).photo);
    const caption = captionOnPage(figure);
    expect(gapBetween(photo, caption), `caption words at ${rounded(caption)}, reported photo at ${rounded(photo)}`).toBeLessThanOrEqual(captionReach);
  });

  it(`is reported by layout.json where the photo shows on the page (within ${rasterSlack} pt)`, () => {
    const seen = visiblePhoto(figure.src);
    const photo = mmBoxToRect(reportOf(figure.src).photo);
    for (const edge of ['left', 'top', 'right', 'bottom'] as const) {
      expect(Math.abs(photo[edge] - seen[edge]), `${edge}: reported ${rounded(photo)}, visible ${rounded(seen)}`).toBeLessThanOrEqual(rasterSlack);
    }
  });

  it('is reported by layout.json with a caption box that holds the printed caption (within 3 pt)', () => {
    const box = reportOf(figure.src).captionBox;
    expect(box, 'layout.json has a caption box').not.toBeNull();
    const claimed = mmBoxToRect(box ?? { x: 0, y: 0, width: 0, height: 0 });
    const printed = captionOnPage(figure);
    const where = `printed ${rounded(printed)}, reported ${rounded(claimed)}`;
    expect(printed.left, where).toBeGreaterThanOrEqual(claimed.left - 3);
    expect(printed.top, where).toBeGreaterThanOrEqual(claimed.top - 3);
    expect(printed.right, where).toBeLessThanOrEqual(claimed.right + 3);
    expect(printed.bottom, where).toBeLessThanOrEqual(claimed.bottom + 3);
  });
});
