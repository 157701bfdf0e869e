// Turns a paragraph's text into boxes, glue and penalties for the line breaker: Latin words with their hyphenation
// points and word spaces; CJK characters with the glue between them, clreq's rules of where a line may not break,
// compressible punctuation blanks and the quarter-em space between Han and Latin letters.
import { blankAfter, blankBefore, isCjk, isAmbiguousMark, isClosing, isInseparable, isOpening, isSpace, softHyphen } from './characters.ts';
import { forced, never, type Item } from './knuth-plass.ts';

/** Measures the advance of `text` set in `font` (a CSS font shorthand), in px. */
export type MeasureText = (text: string, font: string) => number;

export interface ParagraphText {
  /** The paragraph's characters, in order; U+2028 is a forced line break. */
  readonly text: string;
  /** The font of each character (index into `fonts`). */
  readonly fontOf: readonly number[];
  readonly fonts: readonly string[];
  /** Chinese or Japanese: curly quotes, dashes and ellipses are full-width marks, and characters are spread to justify. */
  readonly cjk: boolean;
  /** The body em in px: blanks and spaces of CJK setting are fractions of it. */
  readonly em: number;
  /** The narrowest line of the paragraph: longer words are cut so a line can always be made. */
  readonly narrowest: number;
}

/** What a piece of the paragraph is, so the setter knows how to print its adjustment. */
export type PieceKind =
  | 'word' // Latin letters, digits and their punctuation
  | 'cjk' // one CJK character or mark, or an inseparable pair
  | 'space' // a word space
  | 'inter' // the gap between two CJK characters
  | 'auto' // the quarter-em between Han and Latin letters
  | 'blank' // the blank half of a full-width mark
  | 'joint' // the gap between a Latin word and a CJK mark
  | 'track' // the letter spacing a Latin word may take (its letters open or close a little)
  | 'hyphen' // a hyphenation point
  | 'break' // an allowed break without hyphen (after a dash or slash, or in an over-long word)
  | 'fill' // the end of a paragraph or of a line broken by hand
  | 'forced';

export interface Piece {
  readonly item: Item;
  readonly kind: PieceKind;
  /** Characters [from, to) of the paragraph this piece prints (empty for glue between characters). */
  readonly from: number;
  readonly to: number;
  /** For blanks: which side of the mark the blank is on. */
  readonly side?: 'before' | 'after';
  /** For words: the characters it prints (soft hyphens print nothing). */
  readonly glyphs?: number;
}

export interface Spacing {
  /** Latin word space: stretch and shrink as fractions of the em. */
  readonly spaceStretch: number;
  readonly spaceShrink: number;
  /** Extra room between two CJK characters, as a fraction of the em (they never close up). */
  readonly cjkStretch: number;
  /** The space between Han and Latin (clreq 3.2.1: a quarter em), its shrink. */
  readonly autospace: number;
  readonly autospaceShrink: number;
  /** Letter spacing a Latin letter may take, each way, as a fraction of the em. */
  readonly trackStretch: number;
  readonly trackShrink: number;
  readonly hyphenPenalty: number;
}

export const defaultSpacing: Spacing = {
  spaceStretch: 0.2,
  spaceShrink: 0.1,
  // Narrow columns justify better when letters share the stretch a little: 1.5 % of the em each way, at most.
  trackStretch: 0.02,
  trackShrink: 0.012,
  cjkStretch: 0.08,
  autospace: 0.25,
  autospaceShrink: 0.125,
  hyphenPenalty: 50,
};

type Token =
  | { readonly type: 'cjk'; readonly from: number; readonly to: number; readonly text: string }
  | { readonly type: 'word'; readonly from: number; readonly to: number }
  | { readonly type: 'space'; readonly from: number; readonly to: number }
  | { readonly type: 'forced'; readonly from: number; readonly to: number };

export function paragraphItems(paragraph: ParagraphText, measure: MeasureText, spacing: Spacing = defaultSpacing): Piece[] {
  const { text, em } = paragraph;
  const tokens = tokenize(paragraph);
  const pieces: Piece[] = [];
  const font = (index: number) => paragraph.fonts[paragraph.fontOf[index] ?? 0] ?? '';
  const widthOf = cachedMeasure(measure);
  const nonBreaking = (): void => {
    pieces.push({ item: { type: 'penalty', width: 0, penalty: never, flagged: false }, kind: 'inter', from: -1, to: -1 });
  };
  // Glue is a place to break only right after a box; after a mark's blank (itself glue) the break needs a penalty.
  const breakHere = (): void => {
    if (pieces.at(-1)?.item.type === 'glue') pieces.push({ item: { type: 'penalty', width: 0, penalty: 0, flagged: false }, kind: 'break', from: -1, to: -1 });
  };

  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    const next = tokens[index + 1];
    if (token.type === 'space') {
      // Spaces at the start, before a forced break, or beside another space print nothing.
      if (!previous || previous.type === 'space' || previous.type === 'forced' || !next || next.type === 'forced') return;
      const space = widthOf(' ', font(token.from));
      const noBreak = next.type === 'cjk' && isClosing(next.text);
      if (noBreak) nonBreaking();
      else breakHere();
      // In Latin text the space is letter-spaced too (Chromium spaces every character), so it shares the tracking.
      const track = paragraph.cjk ? 0 : 1;
      pieces.push({
        item: { type: 'glue', width: space, stretch: (spacing.spaceStretch + track * spacing.trackStretch) * em, shrink: Math.min(spacing.spaceShrink * em, space * 0.45) + track * spacing.trackShrink * em },
        kind: 'space',
        from: token.from,
        to: token.to,
      });
      return;
    }
    if (token.type === 'forced') {
      pieces.push({ item: { type: 'penalty', width: 0, penalty: never, flagged: false }, kind: 'fill', from: token.from, to: token.from });
      pieces.push({ item: { type: 'glue', width: 0, stretch: 1e6, shrink: 0 }, kind: 'fill', from: token.from, to: token.from });
      pieces.push({ item: { type: 'penalty', width: 0, penalty: forced, flagged: false }, kind: 'forced', from: token.from, to: token.to });
      return;
    }
    if (previous && previous.type !== 'space' && previous.type !== 'forced') joint(previous, token);
    if (token.type === 'cjk') cjkPieces(token);
    else wordPieces(token);
  });
  pieces.push({ item: { type: 'penalty', width: 0, penalty: never, flagged: false }, kind: 'fill', from: text.length, to: text.length });
  pieces.push({ item: { type: 'glue', width: 0, stretch: 1e6, shrink: 0 }, kind: 'fill', from: text.length, to: text.length });
  pieces.push({ item: { type: 'penalty', width: 0, penalty: forced, flagged: false }, kind: 'forced', from: text.length, to: text.length });
  if (paragraph.cjk) keepLastTwo(pieces);
  return pieces;

  function cjkPieces(token: Extract<Token, { type: 'cjk' }>): void {
    const advance = widthOf(token.text, font(token.from));
    const mark = token.text;
    const after = tokens[tokens.indexOf(token) + 1];
    const before = tokens[tokens.indexOf(token) - 1];
    if (blankAfter(mark)) {
      const half = advance / 2;
      // clreq 3.1.6: two marks in a row share one blank (。” is one and a half squares, not two).
      const compressed = after?.type === 'cjk' && (blankAfter(after.text) || blankBefore(after.text) || isClosing(after.text));
      pieces.push({ item: { type: 'box', width: half }, kind: 'cjk', from: token.from, to: token.to });
      nonBreaking();
      pieces.push({ item: { type: 'glue', width: compressed ? 0 : half, stretch: 0, shrink: compressed ? 0 : half }, kind: 'blank', from: token.from, to: token.to, side: 'after' });
      return;
    }
    if (blankBefore(mark) && before?.type === 'cjk' && isOpening(before.text)) {
      // Two opening marks in a row: the second loses its blank.
      pieces.push({ item: { type: 'glue', width: 0, stretch: 0, shrink: 0 }, kind: 'blank', from: token.from, to: token.to, side: 'before' });
      pieces.push({ item: { type: 'box', width: advance / 2 }, kind: 'cjk', from: token.from, to: token.to });
      return;
    }
    pieces.push({ item: { type: 'box', width: advance }, kind: 'cjk', from: token.from, to: token.to });
  }

  function glyphsIn(from: number, to: number): number {
    let count = 0;
    for (let index = from; index < to; index++) if (text[index] !== softHyphen) count++;
    return count;
  }

  function wordPieces(token: Extract<Token, { type: 'word' }>): void {
    const breaks = wordBreaks(text, token.from, token.to);
    const widthAt = (from: number, to: number): number => {
      let total = 0;
      let start = from;
      for (let index = from + 1; index <= to; index++) {
        if (index === to || paragraph.fontOf[index] !== paragraph.fontOf[start]) {
          total += widthOf(text.slice(start, index).replaceAll(softHyphen, ''), font(start));
          start = index;
        }
      }
      return total;
    };
    let start = token.from;
    const cuts = [...breaks, { at: token.to, kind: 'end' as const }];
    for (const cut of cuts) {
      const fragment = widthAt(start, cut.at);
      if (fragment > paragraph.narrowest * 0.9) emergencyPieces(start, cut.at);
      else {
        const glyphs = glyphsIn(start, cut.at);
        pieces.push({ item: { type: 'box', width: fragment }, kind: 'word', from: start, to: cut.at, glyphs });
        // The word's letter spacing, held to it (never a place to break): it travels with the word to its line.
        if (!paragraph.cjk) {
          nonBreaking();
          pieces.push({ item: { type: 'glue', width: 0, stretch: glyphs * spacing.trackStretch * em, shrink: glyphs * spacing.trackShrink * em }, kind: 'track', from: cut.at, to: cut.at, glyphs });
        }
      }
      if (cut.kind === 'hyphen') {
        const hyphen = widthOf('-', font(cut.at - 1));
        pieces.push({ item: { type: 'penalty', width: hyphen, penalty: spacing.hyphenPenalty, flagged: true }, kind: 'hyphen', from: cut.at - 1, to: cut.at });
      } else if (cut.kind === 'explicit') {
        pieces.push({ item: { type: 'penalty', width: 0, penalty: spacing.hyphenPenalty, flagged: true }, kind: 'break', from: cut.at, to: cut.at });
      } else if (cut.kind === 'after') {
        pieces.push({ item: { type: 'penalty', width: 0, penalty: 200, flagged: false }, kind: 'break', from: cut.at, to: cut.at });
      }
      start = cut.at;
    }

    /** A word longer than a line (a URL, a run of letters) is cut wherever it must be, at a high cost. */
    function emergencyPieces(from: number, to: number): void {
      let start = from;
      let index = from + 1;
      while (start < to) {
        while (index < to && widthAt(start, index + 1) <= paragraph.narrowest * 0.9) index++;
        pieces.push({ item: { type: 'box', width: widthAt(start, index) }, kind: 'word', from: start, to: index, glyphs: glyphsIn(start, index) });
        if (index < to) pieces.push({ item: { type: 'penalty', width: 0, penalty: 900, flagged: false }, kind: 'break', from: index, to: index });
        start = index;
        index = start + 1;
      }
    }
  }

  /** What goes between two tokens that touch (no space between them). */
  function joint(left: Token, right: Token): void {
    if (left.type === 'cjk' && right.type === 'cjk') {
      const noBreak = isClosing(right.text) || isOpening(left.text) || (isInseparable(left.text) && isInseparable(right.text));
      if (noBreak) nonBreaking();
      else breakHere();
      pieces.push({ item: { type: 'glue', width: 0, stretch: paragraph.cjk ? spacing.cjkStretch * em : 0, shrink: 0 }, kind: 'inter', from: right.from, to: right.from });
      return;
    }
    // A Latin word beside a CJK character or mark.
    const cjk = left.type === 'cjk' ? left.text : right.type === 'cjk' ? right.text : '';
    // No break after an opening mark or before a closing one, whichever script the mark is in: 新(泰)台(州).
    const noBreak = isClosing(text[right.from] ?? '') || isOpening(text[left.to - 1] ?? '');
    if (noBreak) nonBreaking();
    else breakHere();
    const ideograph = cjk !== '' && !isClosing(cjk) && !isOpening(cjk) && !blankAfter(cjk) && !blankBefore(cjk) && !isInseparable(cjk);
    const side = left.type === 'word' ? 'after' : 'before';
    if (ideograph && paragraph.cjk) {
      pieces.push({ item: { type: 'glue', width: spacing.autospace * em, stretch: spacing.cjkStretch * em, shrink: spacing.autospaceShrink * em }, kind: 'auto', from: right.from, to: right.from, side });
    } else {
      pieces.push({ item: { type: 'glue', width: 0, stretch: paragraph.cjk ? spacing.cjkStretch * em : 0, shrink: 0 }, kind: 'joint', from: right.from, to: right.from, side });
    }
  }
}

function tokenize(paragraph: ParagraphText): Token[] {
  const { text, cjk } = paragraph;
  const tokens: Token[] = [];
  const chars = Array.from(text);
  let offset = 0;
  let index = 0;
  const cjkChar = (char: string) => (isAmbiguousMark(char) ? cjk : isCjk(char));
  while (index < chars.length) {
    const char = chars[index] ?? '';
    const from = offset;
    if (char === '\u2028') {
      tokens.push({ type: 'forced', from, to: from + 1 });
      offset += 1;
      index++;
    } else if (isSpace(char)) {
      while (index < chars.length && isSpace(chars[index] ?? '')) offset += (chars[index++] ?? '').length;
      tokens.push({ type: 'space', from, to: offset });
    } else if (cjkChar(char)) {
      offset += char.length;
      index++;
      // —— and …… are one unit: never broken, never spread.
      if (isInseparable(char)) {
        while (index < chars.length && chars[index] === char) offset += (chars[index++] ?? '').length;
      }
      tokens.push({ type: 'cjk', from, to: offset, text: text.slice(from, offset) });
    } else {
      while (index < chars.length) {
        const next = chars[index] ?? '';
        if (next === '\u2028' || isSpace(next) || cjkChar(next)) break;
        offset += next.length;
        index++;
      }
      tokens.push({ type: 'word', from, to: offset });
    }
  }
  return tokens;
}

type WordBreak = { readonly at: number; readonly kind: 'hyphen' | 'explicit' | 'after' };

/** Places inside a Latin word where a line may end: soft hyphens, after a hyphen between letters, after a dash or slash. */
function wordBreaks(text: string, from: number, to: number): WordBreak[] {
  const breaks: WordBreak[] = [];
  for (let index = from + 1; index < to - 1; index++) {
    const char = text[index] ?? '';
    const before = text[index - 1] ?? '';
    const after = text[index + 1] ?? '';
    if (char === softHyphen) {
      // Two letters before a hyphen and three after it, counted from any apostrophe or hyphen (never o'c-lock).
      if (lettersAround(text, index, -1, from) >= 2 && lettersAround(text, index, 1, to) >= 3) breaks.push({ at: index + 1, kind: 'hyphen' });
    }
    else if (char === '-' && /\p{L}/u.test(before) && /\p{L}/u.test(after)) breaks.push({ at: index + 1, kind: 'explicit' });
    else if ((char === '—' || char === '–' || char === '/') && after !== '' && !'/'.includes(after)) breaks.push({ at: index + 1, kind: 'after' });
  }
  return breaks;
}

function lettersAround(text: string, index: number, direction: 1 | -1, limit: number): number {
  let count = 0;
  for (let at = index + direction; direction < 0 ? at >= limit : at < limit; at += direction) {
    const char = text[at] ?? '';
    if (char === softHyphen) continue;
    if (!/\p{L}/u.test(char)) break;
    count++;
  }
  return count;
}

/** clreq 3.3: the last line holds at least two characters; breaks that would leave one are taken away. */
function keepLastTwo(pieces: Piece[]): void {
  let boxes = 0;
  for (let index = pieces.length - 1; index >= 0 && boxes < 2; index--) {
    const piece = pieces[index] as Piece;
    if (piece.item.type === 'box') {
      boxes++;
      continue;
    }
    if (piece.kind === 'fill' || piece.kind === 'forced') continue;
    if (piece.item.type === 'glue' && boxes >= 1) pieces.splice(index, 0, { item: { type: 'penalty', width: 0, penalty: never, flagged: false }, kind: 'inter', from: -1, to: -1 });
  }
}

function cachedMeasure(measure: MeasureText): MeasureText {
  const cache = new Map<string, number>();
  return (text, font) => {
    const key = `${font}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      width = measure(text, font);
      cache.set(key, width);
    }
    return width;
  };
}
