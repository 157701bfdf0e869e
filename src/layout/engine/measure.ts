// Browser side: measures a finished layout into the report: frames, photos, captions, lines per column, underset.
import type { Box, FigureReport, FrameReport, LayoutProblem, PageReport } from '../report.ts';
import type { Attempt } from './lay-out.ts';
import { pxPerMm, type Geometry } from './geometry.ts';
import { linesOf } from './lines.ts';

export function boxOf(element: Element, page: Element): Box {
  const rect = element.getBoundingClientRect();
  const origin = page.getBoundingClientRect();
  const round = (value: number) => Math.round((value / pxPerMm) * 100) / 100;
  return { x: round(rect.left - origin.left), y: round(rect.top - origin.top), width: round(rect.width), height: round(rect.height) };
}

export function measurePage(attempts: readonly Attempt[], geometry: Geometry): { pages: PageReport[]; problems: LayoutProblem[] } {
  const problems: LayoutProblem[] = [];
  const sheets = Array.from(document.querySelectorAll<HTMLElement>('.sheet'));
  const frames = attempts.flatMap((attempt) => {
    const used = attempt.frames.map((frame) => {
      const last = frame.element.lastElementChild;
      return last instanceof HTMLElement ? Math.min(frame.lines, Math.round((last.offsetTop + last.offsetHeight) / geometry.leading)) : 0;
    });
    const lastUsed = used.reduce((found, lines, index) => (lines > 0 ? index : found), -1);
    attempt.frames.forEach((frame, index) => {
      const lines = used[index] ?? 0;
      if (index > lastUsed && lines === 0) {
        problems.push({ rule: 'underset', severity: 'warning', page: frame.page, column: frame.column + 1, message: `column ${frame.column + 1} has ${frame.lines} empty lines after the article ends` });
      } else if (index < lastUsed && frame.lines - lines > 1) {
        problems.push({ rule: 'short-frame', severity: 'warning', page: frame.page, column: frame.column + 1, message: `a frame in column ${frame.column + 1} ends ${frame.lines - lines} lines short` });
      }
    });
    return attempt.frames.map((frame, index) => ({ frame, lines: used[index] ?? 0, last: index === lastUsed }));
  });
  const placements = attempts.flatMap((attempt) => attempt.placements);
  const pages = sheets.map((sheet): PageReport => {
    const number = Number(sheet.dataset['page']);
    const pageFrames: FrameReport[] = [];
    const linesPerColumn = new Array<number>(geometry.columns).fill(0);
    let underset = 0;
    for (const { frame, lines, last } of frames) {
      if (frame.page !== number) continue;
      const box = boxOf(frame.element, sheet);
      // Columns are counted across the page, whatever block the frame belongs to.
      const column = Math.round((box.x * pxPerMm - geometry.left) / (geometry.columnWidth + geometry.gutter));
      pageFrames.push({ column, box, capacity: frame.lines, lines, text: linesOf(frame.element, sheet, geometry.leading) });
      linesPerColumn[column] = (linesPerColumn[column] ?? 0) + lines;
      // The article's own last frame may end early: that is where the story ends, not underset.
      if (!last) underset += frame.lines - lines;
    }
    const figures = placements
      .filter((placement) => placement.page === number)
      .map((placement): FigureReport => {
        const figure = placement.plan.figure;
        const image = figure.querySelector('img');
        const caption = figure.querySelector('figcaption');
        const photo = boxOf(image ?? figure, sheet);
        const inches = (mm: number) => Math.max(mm, 0.01) / 25.4;
        const pixelWidth = image?.naturalWidth ?? 0;
        const pixelHeight = image?.naturalHeight ?? 0;
        // With object-fit: cover the photo is scaled by the larger of the two ratios; that sets its resolution.
        const scale = Math.max(inches(photo.width) / Math.max(pixelWidth, 1), inches(photo.height) / Math.max(pixelHeight, 1));
        return {
          src: image?.getAttribute('src') ?? '',
          caption: caption?.textContent ?? '',
          span: placement.plan.span,
          captionPlacement: placement.plan.caption,
          photo,
          captionBox: caption ? boxOf(caption, sheet) : null,
          effectivePpi: Math.round(1 / scale),
        };
      });
    for (const figure of figures) {
      if (figure.effectivePpi < 200) {
        problems.push({ rule: 'photo-resolution', severity: 'warning', page: number, photo: figure.src, message: `photo ${figure.src} prints at ${figure.effectivePpi} ppi (below 200)` });
      }
    }
    const box = boxOf(sheet, sheet);
    return { number, width: box.width, height: box.height, frames: pageFrames, figures, linesPerColumn, underset };
  });
  return { pages, problems };
}
