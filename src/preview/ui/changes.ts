// Proof tools: what changed since the proof was last marked as read: insertions highlighted, deletions marked where they were.
import { diffArrays } from 'diff';

interface Piece {
  readonly node: Text;
  readonly start: number;
}

/** The proof's text in reading order, without soft hyphens: what "proofed" remembers. */
export function proofText(root: ParentNode = document): { text: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let text = '';
  for (const sheet of Array.from(root.querySelectorAll('.sheet'))) {
    const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT, {
      // The hyphens the setter prints at line ends are not the text's: a word broken differently has not changed.
      acceptNode: (node) => (node.parentElement?.closest('.proof-overlay, .folio, .line-hyphen') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node instanceof Text)) continue;
      pieces.push({ node, start: text.length });
      text += node.data;
    }
  }
  return { text, pieces };
}

/** Wraps inserted text in <mark> and puts a marker where text was deleted; inline only, so no line moves. */
export function markChanges(proofed: string): { inserted: number; deleted: number } {
  const { text, pieces } = proofText();
  // Compared word by word (each CJK character a word of its own): an inserted word is marked whole, never as the
  // letters a character-by-character diff happens to find new.
  const parts = diffArrays(tokens(proofed), tokens(text));
  const edits: Array<{ at: number; end: number; deleted?: string }> = [];
  let at = 0;
  for (const part of parts) {
    const value = part.value.join('');
    if (part.added) {
      edits.push({ at, end: at + value.length });
      at += value.length;
    } else if (part.removed) {
      edits.push({ at, end: at, deleted: value });
    } else {
      at += value.length;
    }
  }
  let inserted = 0;
  let deleted = 0;
  // From the end backwards, so earlier offsets stay valid while nodes are split.
  for (const edit of edits.reverse()) {
    if (edit.deleted !== undefined) {
      const piece = pieceAt(pieces, edit.at);
      if (!piece) continue;
      const marker = document.createElement('span');
      marker.className = 'proof-deleted';
      marker.title = `deleted: ${edit.deleted}`;
      marker.dataset['deleted'] = edit.deleted;
      const rest = piece.node.splitText(Math.min(piece.node.data.length, edit.at - piece.start));
      rest.before(marker);
      deleted += edit.deleted.length;
      continue;
    }
    for (const piece of pieces) {
      const from = Math.max(edit.at, piece.start);
      const to = Math.min(edit.end, piece.start + piece.node.data.length);
      if (from >= to) continue;
      const range = document.createRange();
      range.setStart(piece.node, from - piece.start);
      range.setEnd(piece.node, to - piece.start);
      const mark = document.createElement('mark');
      mark.className = 'proof-inserted';
      range.surroundContents(mark);
      inserted += to - from;
    }
  }
  return { inserted, deleted };
}

function tokens(text: string): string[] {
  return text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|\s+/gu) ?? [];
}

function pieceAt(pieces: readonly Piece[], offset: number): Piece | undefined {
  let found: Piece | undefined;
  for (const piece of pieces) if (piece.start <= offset) found = piece;
  return found;
}
