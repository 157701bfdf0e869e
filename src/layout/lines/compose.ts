// Composes a paragraph into justified lines: the breaks (total fit, then any fit) and, for each line, the spacing
// that makes it exactly as wide as its column: extra word space, extra space between CJK characters, and the
// margins of compressed punctuation and of Latin words set among CJK characters.
import { breakLines, type BrokenLine } from './knuth-plass.ts';
import type { Piece } from './items.ts';

export interface LineWidths {
  readonly first: number;
  readonly rest: number;
  /** The em in px, for letter spacing limits; none: no letter spacing. */
  readonly em?: number;
}

/** A margin to print on the element that starts (`start`) or ends (`end`) at character `at`. */
export interface EdgeAdjustment {
  readonly at: number;
  readonly edge: 'start' | 'end';
  readonly margin: number;
}

export interface ComposedLine {
  /** Characters [from, to) printed on the line; spaces at the break belong to neither line. */
  readonly from: number;
  readonly to: number;
  /** How far the line's glue stretched (+) or shrank (−), 1 being all it may. */
  readonly ratio: number;
  /** The line ends at a hyphenation point: print a hyphen. */
  readonly hyphen: boolean;
  /** The last line of the paragraph (or before a hand-made break): set at natural spacing, not justified. */
  readonly last: boolean;
  /** Added to every word space, in px. */
  readonly wordSpacing: number;
  /** Added after every CJK character, in px. */
  readonly letterSpacing: number;
  readonly edges: readonly EdgeAdjustment[];
  /** Word spaces and CJK gaps on the line: the setter's correction is shared among them. */
  readonly spaces: number;
  readonly gaps: number;
  /** The largest word space on the line, in px (for the composition report). */
  readonly widestSpace: number;
}

export interface Composition {
  readonly lines: readonly ComposedLine[];
  /** True when no set of breaks met the tolerance and looser lines had to be accepted. */
  readonly loose: boolean;
}

/** Tolerance of the first, strict pass: adjustment ratios up to this are accepted. */
const strictTolerance = 2;

export function composeLines(pieces: readonly Piece[], widths: LineWidths): Composition {
  const lineWidth = (index: number) => (index === 0 ? widths.first : widths.rest);
  const items = pieces.map((piece) => piece.item);
  let loose = false;
  let broken: BrokenLine[] | null = breakLines(items, { lineWidth, tolerance: strictTolerance });
  if (!broken) {
    loose = true;
    broken = breakLines(items, { lineWidth, tolerance: Number.POSITIVE_INFINITY }) ?? firstFit(pieces, lineWidth);
  }
  return { lines: broken.map((line) => settle(pieces, line)), loose };
}

function settle(pieces: readonly Piece[], line: BrokenLine): ComposedLine {
  const end = pieces[line.end];
  const last = end?.kind === 'forced';
  // The last line keeps natural spacing; a line that could not be filled stretches only as far as it must.
  const ratio = last ? 0 : line.ratio;
  let from = Number.POSITIVE_INFINITY;
  let to = 0;
  let spaces = 0;
  let gaps = 0;
  let widestSpace = 0;
  let wordSpacing = 0;
  let letterSpacing = 0;
  const edges: EdgeAdjustment[] = [];
  const adjusted = (width: number, stretch: number, shrink: number) => width + (ratio >= 0 ? ratio * stretch : ratio * shrink);
  for (let index = line.start; index < line.end; index++) {
    const piece = pieces[index] as Piece;
    const { item } = piece;
    if (item.type === 'box') {
      from = Math.min(from, piece.from);
      to = Math.max(to, piece.to);
      continue;
    }
    if (item.type !== 'glue') continue;
    switch (piece.kind) {
      case 'space': {
        spaces++;
        const final = adjusted(item.width, item.stretch, item.shrink);
        wordSpacing = final - item.width;
        widestSpace = Math.max(widestSpace, final);
        break;
      }
      case 'inter':
        gaps++;
        letterSpacing = Math.max(0, adjusted(0, item.stretch, item.shrink));
        break;
      case 'track':
        // Every letter takes the same share: the glue carries it for the word's letters together.
        if ((piece.glyphs ?? 0) > 0) letterSpacing = adjusted(0, item.stretch, item.shrink) / (piece.glyphs ?? 1);
        break;
      case 'blank': {
        const final = adjusted(item.width, item.stretch, item.shrink);
        // The glyph's own advance holds a half-square blank: the margin takes away what the line does not use.
        const half = item.width === 0 && item.shrink === 0 ? blankOf(pieces, index) : item.width;
        const margin = final - half;
        if (Math.abs(margin) > 0.01) edges.push(piece.side === 'before' ? { at: piece.from, edge: 'start', margin } : { at: piece.to, edge: 'end', margin });
        break;
      }
      case 'auto':
      case 'joint': {
        const final = adjusted(item.width, item.stretch, item.shrink);
        // Before a Latin word the CJK character's own letter spacing is already there.
        if (piece.side === 'before') edges.push({ at: piece.from, edge: 'start', margin: final - Math.max(0, ratio) * cjkStretchOf(pieces, line) });
        else edges.push({ at: piece.from, edge: 'end', margin: final });
        break;
      }
      default:
        break;
    }
  }
  const endPiece = pieces[line.end];
  if (line.hyphenated && endPiece) to = Math.max(to, endPiece.to);
  if (from === Number.POSITIVE_INFINITY) from = to;
  // In a Latin line the letter spacing reaches the spaces too (Chromium spaces every character): the word spacing is
  // what the space takes beyond that, and the gap a reader sees adds the spacing after the word's last letter.
  if (gaps === 0 && letterSpacing !== 0 && spaces > 0) {
    wordSpacing -= letterSpacing;
    widestSpace += letterSpacing;
  }
  return { from, to, ratio, hyphen: line.hyphenated, last, wordSpacing, letterSpacing, edges, spaces, gaps, widestSpace };
}

/** The half-square blank of the mark a compressed blank belongs to: its box is that wide. */
function blankOf(pieces: readonly Piece[], index: number): number {
  for (let probe = index - 1; probe >= 0 && probe >= index - 3; probe--) {
    const piece = pieces[probe];
    if (piece?.item.type === 'box' && piece.kind === 'cjk') return piece.item.width;
  }
  for (let probe = index + 1; probe < pieces.length && probe <= index + 3; probe++) {
    const piece = pieces[probe];
    if (piece?.item.type === 'box' && piece.kind === 'cjk') return piece.item.width;
  }
  return 0;
}

function cjkStretchOf(pieces: readonly Piece[], line: BrokenLine): number {
  for (let index = line.start; index < line.end; index++) {
    const piece = pieces[index];
    if (piece?.kind === 'inter' && piece.item.type === 'glue') return piece.item.stretch;
  }
  for (const piece of pieces) if (piece.kind === 'inter' && piece.item.type === 'glue' && piece.item.stretch > 0) return piece.item.stretch;
  return 0;
}

/** The last resort: fill each line as far as it goes (never reached for text the item builder made). */
function firstFit(pieces: readonly Piece[], lineWidth: (index: number) => number): BrokenLine[] {
  const lines: BrokenLine[] = [];
  let start = 0;
  let width = 0;
  let lastBreak = -1;
  for (let index = 0; index < pieces.length; index++) {
    const { item } = pieces[index] as Piece;
    const breakable = item.type === 'glue' || (item.type === 'penalty' && item.penalty < 10_000);
    if (breakable && width > 0) lastBreak = index;
    if (item.type === 'penalty' && item.penalty <= -10_000) {
      lines.push({ start, end: index, ratio: 0, hyphenated: false });
      start = index + 1;
      width = 0;
      continue;
    }
    if (item.type !== 'penalty') width += item.width;
    if (width > lineWidth(lines.length) && lastBreak > start) {
      lines.push({ start, end: lastBreak, ratio: 0, hyphenated: false });
      start = lastBreak + 1;
      index = lastBreak;
      width = 0;
      lastBreak = -1;
    }
  }
  return lines;
}
