// Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981) over boxes, glue and penalties:
// the breaks of a whole paragraph are chosen together, so that no line is much looser or tighter than its neighbours.

export interface Box {
  readonly type: 'box';
  readonly width: number;
}

export interface Glue {
  readonly type: 'glue';
  readonly width: number;
  readonly stretch: number;
  readonly shrink: number;
}

export interface Penalty {
  readonly type: 'penalty';
  /** Width added to the line when it breaks here (a hyphen). */
  readonly width: number;
  /** Cost of breaking here; `forced` breaks always, `never` never. */
  readonly penalty: number;
  /** A hyphen: two flagged breaks in a row cost more, and more than `maxHyphens` in a row are refused. */
  readonly flagged: boolean;
}

export type Item = Box | Glue | Penalty;

export const forced = -10_000;
export const never = 10_000;

export interface BreakOptions {
  /** Width of line `index` (0-based). */
  readonly lineWidth: (index: number) => number;
  /** Highest adjustment ratio a line may have; Infinity accepts any line that is not too long. */
  readonly tolerance: number;
  readonly linePenalty?: number;
  readonly flaggedDemerits?: number;
  readonly fitnessDemerits?: number;
  /** Most hyphenated lines in a row. */
  readonly maxHyphens?: number;
}

/** One line of the result: the items [start, end) it holds (end is the break), and how much its glue stretched (+) or shrank (−). */
export interface BrokenLine {
  readonly start: number;
  readonly end: number;
  readonly ratio: number;
  /** The line ends at a flagged penalty (prints a hyphen). */
  readonly hyphenated: boolean;
}

interface Node {
  readonly position: number;
  readonly line: number;
  readonly fitness: number;
  readonly streak: number;
  readonly width: number;
  readonly stretch: number;
  readonly shrink: number;
  readonly demerits: number;
  readonly ratio: number;
  readonly previous: Node | null;
}

/** The breaks of the best paragraph within `tolerance`, or null when there is none. */
export function breakLines(items: readonly Item[], options: BreakOptions): BrokenLine[] | null {
  const linePenalty = options.linePenalty ?? 10;
  const flaggedDemerits = options.flaggedDemerits ?? 3000;
  const fitnessDemerits = options.fitnessDemerits ?? 3000;
  const maxHyphens = options.maxHyphens ?? 2;

  // Running sums of width, stretch and shrink of items [0, i).
  const count = items.length;
  const width = new Float64Array(count + 1);
  const stretch = new Float64Array(count + 1);
  const shrink = new Float64Array(count + 1);
  for (let index = 0; index < count; index++) {
    const item = items[index] as Item;
    width[index + 1] = (width[index] ?? 0) + (item.type === 'penalty' ? 0 : item.width);
    stretch[index + 1] = (stretch[index] ?? 0) + (item.type === 'glue' ? item.stretch : 0);
    shrink[index + 1] = (shrink[index] ?? 0) + (item.type === 'glue' ? item.shrink : 0);
  }

  let active: Node[] = [{ position: 0, line: 0, fitness: 1, streak: 0, width: 0, stretch: 0, shrink: 0, demerits: 0, ratio: 0, previous: null }];

  for (let position = 0; position < count; position++) {
    const item = items[position] as Item;
    const legal =
      (item.type === 'penalty' && item.penalty < never) || (item.type === 'glue' && position > 0 && items[position - 1]?.type === 'box');
    if (!legal) continue;
    const penalty = item.type === 'penalty' ? item.penalty : 0;
    const flagged = item.type === 'penalty' && item.flagged;
    const extra = item.type === 'penalty' ? item.width : 0;
    const best = new Map<string, Node>();
    const survivors: Node[] = [];
    for (const node of active) {
      const length = (width[position] ?? 0) - node.width + extra;
      const target = options.lineWidth(node.line);
      let ratio: number;
      if (length < target) {
        const room = (stretch[position] ?? 0) - node.stretch;
        ratio = room > 0 ? (target - length) / room : Number.POSITIVE_INFINITY;
      } else if (length > target) {
        const room = (shrink[position] ?? 0) - node.shrink;
        ratio = room > 0 ? (target - length) / room : Number.NEGATIVE_INFINITY;
      } else {
        ratio = 0;
      }
      // Too long already: every later break from this node would be longer still.
      const keep = ratio >= -1 && penalty !== forced;
      if (keep) survivors.push(node);
      if (ratio < -1 || ratio > options.tolerance) continue;
      const streak = flagged ? node.streak + 1 : 0;
      if (streak > maxHyphens) continue;
      // Not capped as in TeX: when no line is good, the least bad ones should still win.
      const badness = Number.isFinite(ratio) ? 100 * Math.abs(ratio) ** 3 : 1e9;
      let demerits: number;
      if (penalty >= 0) demerits = (linePenalty + badness) ** 2 + penalty ** 2;
      else if (penalty > forced) demerits = (linePenalty + badness) ** 2 - penalty ** 2;
      else demerits = (linePenalty + badness) ** 2;
      if (flagged && node.streak > 0) demerits += flaggedDemerits;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (Math.abs(fitness - node.fitness) > 1) demerits += fitnessDemerits;
      const total = node.demerits + demerits;
      const key = `${fitness}/${streak}`;
      const known = best.get(key);
      if (!known || total < known.demerits) {
        const after = afterBreak(items, position, width, stretch, shrink);
        best.set(key, { position, line: node.line + 1, fitness, streak, ...after, demerits: total, ratio: Number.isFinite(ratio) ? ratio : 0, previous: node });
      }
    }
    active = [...survivors, ...best.values()];
    if (penalty === forced) active = [...best.values()];
    if (active.length === 0) return null;
  }

  const last = active.filter((node) => node.position === count - 1 || items[node.position]?.type === 'penalty').reduce<Node | null>(
    (found, node) => (!found || node.demerits < found.demerits ? node : found),
    null,
  );
  if (!last || last.position !== lastForced(items)) return null;
  const lines: BrokenLine[] = [];
  for (let node: Node | null = last; node?.previous; node = node.previous) {
    const from = node.previous;
    const start = from.position === 0 && from.previous === null ? 0 : firstKept(items, from.position);
    const end = node.position;
    const at = items[end];
    lines.push({ start, end, ratio: node.ratio, hyphenated: at?.type === 'penalty' && at.flagged && at.penalty > forced });
  }
  return lines.reverse();
}

/** Sums after a break at `position`: glue and penalties after it are discarded, up to the next box or forced break. */
function afterBreak(items: readonly Item[], position: number, width: Float64Array, stretch: Float64Array, shrink: Float64Array) {
  let index = position;
  // The break item itself (a glue) is dropped; a penalty break keeps nothing of itself either.
  for (; index < items.length; index++) {
    const item = items[index] as Item;
    if (item.type === 'box') break;
    if (item.type === 'penalty' && item.penalty === forced && index > position) break;
  }
  return { width: width[index] ?? 0, stretch: stretch[index] ?? 0, shrink: shrink[index] ?? 0 };
}

function firstKept(items: readonly Item[], position: number): number {
  let index = position;
  for (; index < items.length; index++) {
    const item = items[index] as Item;
    if (item.type === 'box') break;
    if (item.type === 'penalty' && item.penalty === forced && index > position) break;
  }
  return index;
}

function lastForced(items: readonly Item[]): number {
  return items.length - 1;
}
