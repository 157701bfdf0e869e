// Threads a story's blocks through its legs, as the page will set them: paragraphs split at line boundaries with no
// orphan or widow line, a subhead kept with two lines of what it heads, solid pieces (tables, quotes) never split.
import type { BreakPoint, FlowBlock, FlowPiece, GridRect } from './types.ts';

export interface FlowResult {
  readonly legs: readonly { readonly pieces: readonly FlowPiece[]; readonly used: number }[];
  /** Where the text stopped when the legs were full; null when it all went in. */
  readonly overset: BreakPoint | null;
  /** Leg index and line where each block ends (for placing photos near their text). */
  readonly ends: ReadonlyMap<number, { readonly leg: number; readonly line: number }>;
  /** Index of the last leg holding text (−1 for none). */
  readonly lastLeg: number;
  /** Solid blocks taller than any leg they met: they cannot be set. */
  readonly tooTall: readonly number[];
}

/** Fewest lines of a paragraph left at a leg's foot or carried to the next leg's head. */
const minimumPart = 2;

/**
 * Flows `blocks` from `start` into `legs`. `leadIn` (a jump line "Continued from page 1") goes first, ahead of the text
 * it introduces.
 */
export function flowBlocks(blocks: readonly FlowBlock[], legs: readonly Pick<GridRect, 'lines'>[], start: BreakPoint = { block: 0, line: 0 }, leadIn?: FlowBlock): FlowResult {
  const placed = legs.map(() => ({ pieces: [] as FlowPiece[], used: 0 }));
  const ends = new Map<number, { leg: number; line: number }>();
  const tooTall: number[] = [];
  let first = blocks.findIndex((block) => block.id === start.block);
  if (first < 0) first = blocks.length;
  const sequence = [...(leadIn ? [leadIn] : []), ...blocks.slice(first)];
  let blockIndex = 0;
  let line = leadIn ? 0 : start.line;
  let leg = 0;
  let lastLeg = -1;

  while (blockIndex < sequence.length && leg < legs.length) {
    const block = sequence[blockIndex] as FlowBlock;
    const target = placed[leg] as { pieces: FlowPiece[]; used: number };
    const room = (legs[leg]?.lines ?? 0) - target.used;
    const remaining = block.lines - line;
    const put = (lines: number) => {
      target.pieces.push({ block: block.id, from: line, to: line + lines });
      target.used += lines;
      lastLeg = leg;
      line += lines;
      if (line >= block.lines) {
        ends.set(block.id, { leg, line: target.used });
        blockIndex++;
        // The lead-in is followed by the text where it stopped.
        line = leadIn && block === leadIn ? start.line : 0;
      }
    };
    const nextLeg = () => {
      leg++;
    };

    if (block.kind === 'solid') {
      const next = sequence[blockIndex + 1];
      const withNext = block.keepWithNext && next ? block.lines + leadingLines(next) : block.lines;
      if (withNext <= room) {
        put(block.lines);
        continue;
      }
      if (target.used === 0 && block.lines > room) {
        // Taller than a fresh leg: try the next; if none can take it, the text stops here.
        if (!legs.slice(leg + 1).some((other) => other.lines >= block.lines)) {
          tooTall.push(block.id);
          break;
        }
        nextLeg();
        continue;
      }
      if (target.used === 0 && leg === legs.length - 1) {
        // The last leg of all: the subhead goes in, and the text after it is overset.
        put(block.lines);
        continue;
      }
      nextLeg();
      continue;
    }

    if (remaining <= room) {
      put(remaining);
      continue;
    }
    const continuing = line > 0;
    // The paragraph's first lines at the foot: at least two (no orphan), unless it already started in an earlier leg.
    const least = continuing ? 1 : minimumPart;
    const keep = Math.min(room, remaining - minimumPart);
    if (keep >= least && remaining > minimumPart) put(keep);
    nextLeg();
  }
  const stopped = sequence[blockIndex];
  const overset = stopped ? { block: stopped.id, line } : null;
  return { legs: placed, overset, ends, lastLeg, tooTall };
}

/** Lines a block must bring along when the subhead before it is placed: two, or all of a shorter block. */
function leadingLines(block: FlowBlock): number {
  if (block.kind === 'solid') return block.lines;
  return block.lines <= minimumPart + 1 ? block.lines : minimumPart;
}

/** Total body lines of the blocks from `start` on. */
export function linesFrom(blocks: readonly FlowBlock[], start: BreakPoint = { block: 0, line: 0 }): number {
  let total = 0;
  let started = false;
  for (const block of blocks) {
    if (block.id === start.block) started = true;
    if (!started) continue;
    total += block.id === start.block ? block.lines - start.line : block.lines;
  }
  return total;
}
