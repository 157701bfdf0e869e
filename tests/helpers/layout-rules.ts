// The rules of a well-set page as pure checks over the layout report's numbers: each returns what breaks the rule.
import type { Box, FigureReport, FrameReport } from '../../src/layout/report.ts';
import { columnLefts, spanWidth, type GridPreset } from './layout-grid.ts';

/** Marks that may not start a line (clreq, and Latin closing punctuation). */
export const closingMarks = new Set([...'，。、；：？！）》」』〉】〕］｝〗〙”’…‥﹐﹒﹔﹕', ...',.;:!?)]}']);
/** Marks that may not end a line. */
export const openingMarks = new Set([...'（《「『“‘【〈〔［｛〖〘', ...'([{']);

/** Lines that start with a closing mark or end with an opening one. */
export function lineBreakViolations(lines: readonly string[]): string[] {
  const broken: string[] = [];
  for (const line of lines) {
    const chars = Array.from(line.replace(/[\s\u00ad]+/gu, ''));
    const first = chars[0];
    const last = chars[chars.length - 1];
    if (first !== undefined && closingMarks.has(first)) broken.push(`starts with ${first}: ${line}`);
    if (last !== undefined && openingMarks.has(last)) broken.push(`ends with ${last}: ${line}`);
  }
  return broken;
}

/** How far apart (mm) the lines' positions on the baseline grid are: 0 when every line sits on the same grid phase. */
export function baselineSpread(ys: readonly number[], baseline: { pitch: number; origin: number }): number {
  const { pitch, origin } = baseline;
  const phases = ys.map((y) => (((y - origin) % pitch) + pitch) % pitch).sort((a, b) => a - b);
  if (phases.length < 2) return 0;
  // The phases lie on a circle of circumference `pitch`: the spread is the circle less its widest empty arc.
  let widestGap = (phases[0] ?? 0) + pitch - (phases[phases.length - 1] ?? 0);
  for (let index = 1; index < phases.length; index++) widestGap = Math.max(widestGap, (phases[index] ?? 0) - (phases[index - 1] ?? 0));
  return pitch - widestGap;
}

/** The area two boxes share, in mm²; boxes that only touch (within `touch` mm) share none. */
export function sharedArea(a: Box, b: Box, touch = 0.1): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) - touch;
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) - touch;
  return width > 0 && height > 0 ? width * height : 0;
}

const bottomOf = (box: Box): number => box.y + box.height;
const rightOf = (box: Box): number => box.x + box.width;
const boxText = (box: Box): string => `(${box.x}, ${box.y}) ${box.width}×${box.height} mm`;

/** Where the caption is against its photo: beside it (a gutter away, bottoms aligned) or below it (under it, same x). */
export function captionPlacementProblems(figure: FigureReport, grid: GridPreset): string[] {
  const caption = figure.captionBox;
  const photo = figure.photo;
  if (!caption) return [`${figure.src} has no caption box`];
  const where = `photo ${boxText(photo)}, caption ${boxText(caption)}`;
  if (figure.captionPlacement === 'beside') {
    const gap = caption.x >= rightOf(photo) ? caption.x - rightOf(photo) : photo.x - rightOf(caption);
    const problems: string[] = [];
    if (gap < -0.05 || gap > grid.gutter + 1) problems.push(`${figure.src}: the caption beside is ${gap.toFixed(2)} mm from the photo (${where})`);
    if (Math.abs(bottomOf(caption) - bottomOf(photo)) > 1.5) problems.push(`${figure.src}: the caption beside does not end with the photo (${where})`);
    return problems;
  }
  const problems: string[] = [];
  if (Math.abs(caption.y - bottomOf(photo)) > 3) problems.push(`${figure.src}: the caption below starts ${(caption.y - bottomOf(photo)).toFixed(2)} mm from the photo's foot (${where})`);
  if (Math.abs(caption.x - photo.x) > 0.3) problems.push(`${figure.src}: the caption below is not aligned with the photo (${where})`);
  return problems;
}

/** A caption overlapping any photo, or any text frame. */
export function captionOverlaps(figure: FigureReport, figures: readonly FigureReport[], frames: readonly FrameReport[]): string[] {
  const caption = figure.captionBox;
  if (!caption) return [];
  const problems: string[] = [];
  for (const other of figures) {
    if (sharedArea(caption, other.photo) > 0) problems.push(`the caption of ${figure.src} overlaps the photo ${other.src}`);
  }
  for (const frame of frames) {
    if (sharedArea(caption, frame.box) > 0) problems.push(`the caption of ${figure.src} ${boxText(caption)} overlaps the frame in column ${frame.column + 1} ${boxText(frame.box)}`);
  }
  return problems;
}

/** A photo must start on a column's left edge and be exactly `span` columns (with their gutters) wide. */
export function wholeColumnProblems(figure: FigureReport, grid: GridPreset, tolerance = 0.3): string[] {
  const problems: string[] = [];
  const lefts = columnLefts(grid);
  const nearest = Math.min(...lefts.map((left) => Math.abs(left - figure.photo.x)));
  if (nearest > tolerance) problems.push(`${figure.src} starts at x = ${figure.photo.x} mm, ${nearest.toFixed(2)} mm off the nearest column`);
  const width = spanWidth(grid, figure.span);
  if (Math.abs(figure.photo.width - width) > tolerance) problems.push(`${figure.src} is ${figure.photo.width} mm wide, not ${width.toFixed(2)} mm (${figure.span} columns)`);
  return problems;
}

export interface ColumnEnd {
  readonly column: number;
  /** The lowest glyph bottom of the column's body lines, mm. */
  readonly lastY: number;
}

/** The foot of each column's text (body lines only), and the column that holds the article's last line. */
export function columnEnds(frames: readonly FrameReport[]): { ends: ColumnEnd[]; lastColumn: number | undefined } {
  const lowest = new Map<number, number>();
  let lastColumn: number | undefined;
  for (const frame of frames) {
    const body = frame.text.filter((line) => line.body);
    if (frame.text.length > 0) lastColumn = frame.column;
    for (const line of body) lowest.set(frame.column, Math.max(lowest.get(frame.column) ?? Number.NEGATIVE_INFINITY, line.y));
  }
  return { ends: [...lowest].map(([column, lastY]) => ({ column, lastY })).sort((a, b) => a.column - b.column), lastColumn };
}

const jumpLine = /^(?:（[下上][转接]第\d+版）|Continued (?:on|from) page \d+)$/;

/** A jump line (“（下转第2版）”, “Continued from page 1”): not part of the article's text. */
export const isJumpLine = (text: string): boolean => jumpLine.test(text.trim());

/** The spaces between neighbouring words of a line, in the same unit as the word boxes. */
export function wordGaps(words: ReadonlyArray<{ left: number; right: number }>): number[] {
  const sorted = [...words].sort((a, b) => a.left - b.left);
  return sorted.slice(1).map((word, index) => word.left - (sorted[index]?.right ?? word.left));
}

/**
 * The words, in reading order, that spell `target` once normalised; words of other text may come between them (a
 * caption beside a column is read interleaved with it), up to `slack` of them. Of several spellings (short Latin words
 * recur), the one with the fewest words between is taken.
 */
export function wordsSpelling<Word extends { text: string }>(words: readonly Word[], target: string, normalise: (text: string) => string, slack = 60): Word[] | undefined {
  const goal = normalise(target);
  if (goal === '') return undefined;
  let best: { found: Word[]; skipped: number } | undefined;
  for (let start = 0; start < words.length; start++) {
    const head = words[start];
    const first = normalise(head?.text ?? '');
    if (!head || first === '' || !goal.startsWith(first)) continue;
    const found = [head];
    let spelled = first;
    let skipped = 0;
    for (let next = start + 1; next < words.length && spelled.length < goal.length && skipped <= slack; next++) {
      const word = words[next];
      const text = normalise(word?.text ?? '');
      if (word && text !== '' && goal.startsWith(spelled + text)) {
        found.push(word);
        spelled += text;
      } else skipped++;
    }
    if (spelled === goal && (!best || skipped < best.skipped)) best = { found, skipped };
  }
  return best?.found;
}
