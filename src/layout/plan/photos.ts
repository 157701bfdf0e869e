// Photo sizes a story may use: each photo's role (lead, secondary, small) sets its limits as shares of the page;
// no photo is enlarged past 200 ppi, and its crop keeps its shape (at most 15 % of either side cut away).
import type { CaptionPlace, FigureMeasure, GridMetrics, PhotoRole } from './types.ts';

export const minimumPpi = 200;
/** The largest share of a photo's width or height its box may cut away, unless the desk set a crop. */
export const maximumCrop = 0.15;
/** The photo box stops this share of a line above its last line's foot, so text below does not touch it. */
export const photoFootGap = 0.3;

export interface PhotoSize {
  readonly span: number;
  readonly lines: number;
  /** Where the caption goes unless the layout finds better: beside for wide photos, below for narrow ones. */
  readonly captionPlace: CaptionPlace;
  /** Body lines of the caption set below the photo, and in the column beside it. */
  readonly captionBelow: number;
  readonly captionBeside: number;
  readonly ppi: number;
  readonly crop: { readonly x: number; readonly y: number };
  /** How far this size is from the role's natural size: 0 is the size a desk would pick first. */
  readonly cost: number;
}

export interface RoleLimits {
  readonly minSpan: number;
  readonly maxSpan: number;
  readonly idealSpan: number;
  /** Share of the body depth the photo may take. */
  readonly maxDepth: number;
}

export function roleOf(figure: FigureMeasure, index: number, placedBefore: number): PhotoRole {
  if (figure.desk.role) return figure.desk.role;
  if (index === 0 && placedBefore === 0) return 'lead';
  return index <= 2 ? 'secondary' : 'small';
}

export function roleLimits(role: PhotoRole, metrics: GridMetrics, portrait: boolean): RoleLimits {
  const page = metrics.pageColumns;
  if (role === 'lead') {
    const maxSpan = Math.max(1, Math.floor((page * 5) / 8));
    const idealSpan = Math.min(maxSpan, Math.max(2, Math.round(page * (portrait ? 0.3 : 0.5))));
    return { minSpan: Math.min(maxSpan, portrait ? 1 : 2), maxSpan, idealSpan, maxDepth: 0.4 };
  }
  if (role === 'secondary') {
    const maxSpan = Math.max(1, Math.min(Math.floor((page * 5) / 8), Math.round((page * 3) / 8)));
    const idealSpan = Math.min(maxSpan, portrait ? Math.max(1, Math.round(page / 6)) : Math.max(2, Math.round(page / 4)));
    return { minSpan: 1, maxSpan, idealSpan, maxDepth: 0.3 };
  }
  const maxSpan = Math.max(1, Math.min(2, Math.round(page / 4)));
  return { minSpan: 1, maxSpan, idealSpan: portrait ? 1 : Math.min(maxSpan, 2), maxDepth: 0.25 };
}

export const spanWidth = (metrics: GridMetrics, span: number): number => span * metrics.columnWidth + (span - 1) * metrics.gutter;
const boxHeight = (metrics: GridMetrics, lines: number): number => (lines - photoFootGap) * metrics.leading;

/**
 * Every size the photo may take in a module `columns` wide whose body is `depth` lines: spans within the role's
 * limits (or the desk's span), heights whose crop stays within the limit, at 200 ppi or better where the pixels allow.
 */
export function photoSizes(figure: FigureMeasure, role: PhotoRole, metrics: GridMetrics, columns: number, depth: number, relaxed = false, brief = false): PhotoSize[] {
  const aspect = figure.desk.crop ?? figure.pixelWidth / Math.max(1, figure.pixelHeight);
  const roleLimit = roleLimits(role, metrics, aspect < 1);
  // A brief's photo is small whatever its order: a column or two.
  const limits = brief ? { ...roleLimit, minSpan: 1, maxSpan: Math.min(roleLimit.maxSpan, 2), idealSpan: 1 } : roleLimit;
  const desk = figure.desk.span;
  const spans = desk ? [Math.min(desk, columns)] : relaxed ? range(1, Math.min(limits.maxSpan, columns)) : range(Math.min(limits.minSpan, columns), Math.min(limits.maxSpan, columns));
  const sizes: PhotoSize[] = [];
  const inches = (mm: number) => mm / 25.4;
  for (const span of spans) {
    const width = spanWidth(metrics, span);
    const natural = width / aspect;
    // A desk crop is kept exactly; otherwise up to the crop limit either way.
    const tolerance = figure.desk.crop ? 0.02 : maximumCrop;
    const low = Math.max(3, Math.ceil(natural * (1 - tolerance) / metrics.leading + photoFootGap));
    const high = Math.floor(natural / (1 - tolerance) / metrics.leading + photoFootGap);
    const deepest = relaxed ? depth - 6 : Math.max(3, Math.floor(depth * (desk ? 0.7 : limits.maxDepth)));
    for (let lines = low; lines <= Math.min(high, deepest); lines++) {
      const height = boxHeight(metrics, lines);
      const scale = Math.max(width / figure.pixelWidth, height / figure.pixelHeight);
      const ppi = Math.round(1 / inches(scale));
      // Larger than 200 ppi allows: not offered, unless nothing smaller exists for a desk's span.
      if (ppi < minimumPpi && !desk && span > limits.minSpan) continue;
      const crop = { x: round(1 - width / (figure.pixelWidth * scale)), y: round(1 - height / (figure.pixelHeight * scale)) };
      const captionPlace = figure.desk.caption ?? (span >= 3 && span < columns ? 'beside' : 'below');
      const captionBelow = figure.captionLines[span - 1] ?? 0;
      const captionBeside = figure.captionBesideLines;
      const place = captionPlace === 'beside' && captionBeside > lines - 2 && !figure.desk.caption ? 'below' : captionPlace;
      const cost = (relaxed ? 150 : 0) + Math.abs(span - (desk ?? limits.idealSpan)) * 12 + (Math.abs(lines - natural / metrics.leading) / Math.max(1, natural / metrics.leading)) * 40;
      sizes.push({ span, lines, captionPlace: place, captionBelow, captionBeside, ppi, crop, cost });
    }
  }
  if (sizes.length === 0 && !relaxed) {
    // Nothing meets the role's limits (a shallow space, a narrow block): any span that keeps the crop and leaves text room.
    return photoSizes(figure, role, metrics, columns, depth, true, brief);
  }
  if (sizes.length === 0) {
    const span = Math.min(columns, desk ?? 1);
    const width = spanWidth(metrics, span);
    const lines = Math.max(3, Math.min(Math.max(3, depth - 4), Math.round(width / aspect / metrics.leading + photoFootGap)));
    const height = boxHeight(metrics, lines);
    const scale = Math.max(width / figure.pixelWidth, height / figure.pixelHeight);
    sizes.push({
      span,
      lines,
      captionPlace: 'below',
      captionBelow: figure.captionLines[span - 1] ?? 0,
      captionBeside: figure.captionBesideLines,
      ppi: Math.round(1 / inches(scale)),
      crop: { x: round(1 - width / (figure.pixelWidth * scale)), y: round(1 - height / (figure.pixelHeight * scale)) },
      cost: 400,
    });
  }
  return sizes.sort((a, b) => a.cost - b.cost);
}

function range(from: number, to: number): number[] {
  const values: number[] = [];
  for (let value = Math.max(1, from); value <= to; value++) values.push(value);
  return values;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
