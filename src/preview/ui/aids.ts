// Proof tools: the overlays a proofreader switches on: baseline grid, frames, photo resolution, overset and underset.
import type { LayoutReport } from '../../layout/report.ts';

const pxPerMm = 96 / 25.4;
/** Below this a photo prints soft; the proof marks it. */
export const minimumPpi = 200;

function overlay(sheet: Element, className: string): HTMLElement {
  const layer = document.createElement('div');
  layer.className = `proof-overlay ${className}`;
  layer.setAttribute('aria-hidden', 'true');
  sheet.append(layer);
  return layer;
}

function box(parent: HTMLElement, className: string, mm: { x: number; y: number; width: number; height: number }, label?: string): HTMLElement {
  const element = document.createElement('div');
  element.className = className;
  element.style.left = `${mm.x * pxPerMm}px`;
  element.style.top = `${mm.y * pxPerMm}px`;
  element.style.width = `${mm.width * pxPerMm}px`;
  element.style.height = `${mm.height * pxPerMm}px`;
  if (label) element.dataset['label'] = label;
  parent.append(element);
  return element;
}

export function drawAids(report: LayoutReport): void {
  const sheets = Array.from(document.querySelectorAll('.sheet'));
  report.pages.forEach((page, index) => {
    const sheet = sheets[index];
    if (!sheet) return;
    const grid = overlay(sheet, 'proof-grid');
    grid.style.backgroundPositionY = `${report.baseline.origin * pxPerMm}px`;
    grid.style.backgroundSize = `100% ${report.baseline.pitch * pxPerMm}px`;

    const frames = overlay(sheet, 'proof-frames');
    for (const frame of page.frames) {
      // Legs are numbered in reading order, so the proofreader can follow the text from leg to leg.
      const element = box(frames, 'proof-frame', frame.box, `leg ${frame.leg} · col ${frame.column + 1} · ${frame.lines}/${frame.capacity} lines`);
      element.dataset['leg'] = String(frame.leg);
      if (frame.lines === 0) element.classList.add('proof-underset');
    }

    const photos = overlay(sheet, 'proof-photos');
    for (const figure of page.figures) {
      const element = box(photos, 'proof-photo', figure.photo, `${figure.effectivePpi} ppi · ${figure.span} col`);
      element.dataset['photo'] = figure.src;
      if (figure.effectivePpi < minimumPpi) element.classList.add('proof-low-resolution');
    }

    const markers = overlay(sheet, 'proof-fit');
    const lastPage = index === report.pages.length - 1;
    if (lastPage && report.overset) {
      const lastFrame = page.frames.reduce<(typeof page.frames)[number] | undefined>((found, frame) => (frame.lines > 0 ? frame : found), undefined);
      if (lastFrame) {
        const { x, y, width, height } = lastFrame.box;
        box(markers, 'proof-overset', { x, y: y + height - 2, width, height: 4 }, `overset: ${report.overset.lines} lines, ${report.overset.characters} characters from “${report.overset.from}”`);
      }
    }
    for (const story of report.stories) {
      for (const hole of story.holes.filter((candidate) => candidate.page === page.number)) {
        hole.boxes.forEach((rect, at) => {
          const marker = box(markers, 'proof-news-hole', rect, `news hole: ${hole.columnLines} column-lines, ${Math.round(hole.squareMillimetres / 100)} cm²`);
          marker.dataset['column'] = String(hole.rects[at]?.column ?? 0);
        });
      }
    }
    for (const frame of page.frames) {
      if (frame.capacity - frame.lines > 1) {
        const top = frame.box.y + (frame.lines / frame.capacity) * frame.box.height;
        box(markers, 'proof-underset-marker', { x: frame.box.x, y: top, width: frame.box.width, height: frame.box.y + frame.box.height - top }, `${frame.capacity - frame.lines} empty lines`);
      }
    }
  });
}
