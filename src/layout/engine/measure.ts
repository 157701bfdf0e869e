// Browser side: measures the set page into the report: every leg with the lines it shows, every photo with its
// caption and resolution, lines per column, and the warnings a desk should see (short legs, low resolution).
import type { Box, FigureReport, FrameReport, LayoutProblem, PageReport } from '../report.ts';
import { pxPerMm, type Geometry } from './geometry.ts';
import { linesOf } from './read-lines.ts';
import type { SetFigure, SetFrame } from './set-story.ts';

export function boxOf(element: Element, page: Element): Box {
  const rect = element.getBoundingClientRect();
  const origin = page.getBoundingClientRect();
  const round = (value: number) => Math.round((value / pxPerMm) * 100) / 100;
  return { x: round(rect.left - origin.left), y: round(rect.top - origin.top), width: round(rect.width), height: round(rect.height) };
}

export interface SetStoryParts {
  readonly story: number;
  readonly frames: readonly SetFrame[];
  readonly figures: readonly SetFigure[];
}

export function measurePages(parts: readonly SetStoryParts[], geometry: Geometry): { pages: PageReport[]; problems: LayoutProblem[] } {
  const problems: LayoutProblem[] = [];
  const sheets = Array.from(document.querySelectorAll<HTMLElement>('.sheet'));
  const pages = sheets.map((sheet): PageReport => {
    const number = Number(sheet.dataset['page']);
    const frames: FrameReport[] = [];
    const linesPerColumn = new Array<number>(geometry.columns).fill(0);
    for (const part of parts) {
      const mine = part.frames.filter((frame) => frame.page === number);
      const lastUsed = mine.reduce((found, frame, index) => (frame.plan.used > 0 ? index : found), -1);
      mine.forEach((frame, index) => {
        const box = boxOf(frame.element, sheet);
        const column = frame.plan.column;
        const lines = frame.plan.used;
        const text = linesOf(frame.element, sheet, geometry.leading);
        frames.push({ column, box, capacity: frame.plan.lines, lines, text, leg: frame.leg, story: part.story });
        linesPerColumn[column] = (linesPerColumn[column] ?? 0) + lines;
        const short = frame.plan.lines - lines;
        if (index < lastUsed && short > 1) {
          problems.push({ rule: 'short-leg', severity: 'warning', page: number, column: column + 1, message: `leg ${frame.leg} in column ${column + 1} ends ${short} lines above its foot` });
        }
      });
    }
    const figures = parts.flatMap((part) => part.figures.filter((figure) => figure.page === number).map((figure) => figureReport(figure, sheet, part.story)));
    for (const figure of figures) {
      if (figure.effectivePpi < 200) {
        problems.push({ rule: 'photo-resolution', severity: 'warning', page: number, photo: figure.src, message: `photo ${figure.src} prints at ${figure.effectivePpi} ppi (below 200)` });
      }
    }
    const box = boxOf(sheet, sheet);
    const underset = frames.reduce((sum, frame) => sum + frame.capacity - frame.lines, 0);
    return { number, width: box.width, height: box.height, frames, figures, linesPerColumn, underset };
  });
  return { pages, problems };
}

function figureReport(set: SetFigure, sheet: HTMLElement, story: number): FigureReport {
  const figure = set.element;
  const image = figure.querySelector('img');
  const caption = figure.querySelector('figcaption');
  const photo = boxOf(image ?? figure, sheet);
  const inches = (mm: number) => Math.max(mm, 0.01) / 25.4;
  const pixelWidth = image?.naturalWidth ?? 0;
  const pixelHeight = image?.naturalHeight ?? 0;
  // With object-fit: cover the photo is scaled by the larger of the two ratios; that sets its resolution.
  const scale = Math.max(inches(photo.width) / Math.max(pixelWidth, 1), inches(photo.height) / Math.max(pixelHeight, 1));
  const shown = { x: inches(photo.width) / scale / Math.max(pixelWidth, 1), y: inches(photo.height) / scale / Math.max(pixelHeight, 1) };
  return {
    src: image?.getAttribute('src') ?? '',
    caption: caption?.textContent ?? '',
    span: set.placement.photo.columns,
    captionPlacement: set.placement.captionPlace === 'below' ? 'below' : 'beside',
    role: set.placement.role,
    story,
    photo,
    captionBox: caption ? boxOf(caption, sheet) : null,
    effectivePpi: Math.round(1 / scale),
    crop: { x: round(1 - shown.x), y: round(1 - shown.y) },
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
