// Browser side entry of the layout engine: waits for fonts and photos, lays the page out, and publishes the report.
import type { FigureReport, LayoutProblem, LayoutReport, PageReport } from '../report.ts';
import { boxOf } from './measure.ts';

declare global {
  interface Window {
    broadsheetLayout?: Promise<LayoutReport>;
  }
}

async function layOut(): Promise<LayoutReport> {
  await document.fonts.ready;
  const problems: LayoutProblem[] = [];
  for (const image of Array.from(document.images)) {
    await image.decode().catch(() => undefined);
    if (!image.complete || image.naturalWidth === 0) {
      problems.push({ rule: 'photo-unreadable', message: `photo ${image.getAttribute('src') ?? '(no source)'} could not be decoded` });
    }
  }
  const pages: PageReport[] = Array.from(document.querySelectorAll('.story')).map((page, index) => {
    const figures = Array.from(page.querySelectorAll('figure.photo')).map((figure): FigureReport => {
      const image = figure.querySelector('img');
      const caption = figure.querySelector('figcaption');
      const photo = image ? boxOf(image, page) : boxOf(figure, page);
      const pixelWidth = image?.naturalWidth ?? 0;
      const pixelHeight = image?.naturalHeight ?? 0;
      const inches = (mm: number) => mm / 25.4;
      const effectivePpi = Math.round(Math.min(pixelWidth / inches(photo.width || 1), pixelHeight / inches(photo.height || 1)));
      return {
        src: image?.getAttribute('src') ?? '',
        caption: caption?.textContent ?? '',
        photo,
        captionBox: caption ? boxOf(caption, page) : null,
        effectivePpi,
      };
    });
    const box = boxOf(page, page);
    return { number: index + 1, width: box.width, height: box.height, figures };
  });
  return { engine: 'css-columns', pages, problems };
}

window.broadsheetLayout = layOut();
