// Proof tools: what changed since the proof was last marked as read: insertions highlighted, deletions marked where they were.
import { diffChars } from 'diff';

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
      acceptNode: (node) => (node.parentElement?.closest('.proof-overlay, .folio') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
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
  const parts = diffChars(proofed, text);
  const edits: Array<{ at: number; end: number; deleted?: string }> = [];
  let at = 0;
  for (const part of parts) {
    if (part.added) {
      edits.push({ at, end: at + part.value.length });
      at += part.value.length;
    } else if (part.removed) {
      edits.push({ at, end: at, deleted: part.value });
    } else {
      at += part.value.length;
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

function pieceAt(pieces: readonly Piece[], offset: number): Piece | undefined {
  let found: Piece | undefined;
  for (const piece of pieces) if (piece.start <= offset) found = piece;
  return found;
}
