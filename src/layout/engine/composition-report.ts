// Browser side: sums up how a story's text was set, for the layout report: word spaces, CJK gaps, hyphen ladders.
import type { CompositionReport } from '../report.ts';
import type { SetLine } from './set-lines.ts';

/** A word space wider than this (in em) reads as a hole in the line. */
export const wideSpace = 0.75;

export function compositionReport(lines: readonly SetLine[], em: number, looseParagraphs: number): CompositionReport {
  let justifiedLines = 0;
  let wideSpaceLines = 0;
  let widestSpace = 0;
  let widestCjkGap = 0;
  let hyphenatedLines = 0;
  let ladder = 0;
  let hyphenLadder = 0;
  for (const { composed, element } of lines) {
    ladder = composed.hyphen ? ladder + 1 : 0;
    hyphenLadder = Math.max(hyphenLadder, ladder);
    if (composed.hyphen) hyphenatedLines++;
    if (composed.last) continue;
    justifiedLines++;
    // What the line really prints, after trueing up: the composer's space plus what the setter added.
    const added = (parseFloat(element.style.wordSpacing) || 0) - composed.wordSpacing;
    const space = composed.spaces > 0 ? (composed.widestSpace + added) / em : 0;
    widestSpace = Math.max(widestSpace, space);
    if (space > wideSpace) wideSpaceLines++;
    if (composed.gaps > 0) widestCjkGap = Math.max(widestCjkGap, (parseFloat(element.style.letterSpacing) || 0) / em);
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { lines: lines.length, justifiedLines, wideSpaceLines, widestSpace: round(widestSpace), widestCjkGap: round(widestCjkGap), hyphenatedLines, hyphenLadder, looseParagraphs };
}
