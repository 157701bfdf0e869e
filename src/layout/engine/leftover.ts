// Browser side: the text a story could not set on its page, as markup for the page it jumps to: the rest of the cut
// paragraph (its lines as composed), the blocks after it, and the photos that belong to that text.
import type { BreakPoint } from '../plan/types.ts';
import { pieceOf } from './set-story.ts';
import type { StoryBlock, StoryFigure } from './story-blocks.ts';

export function leftoverMarkup(blocks: readonly StoryBlock[], figures: readonly StoryFigure[], from: BreakPoint, deferred: readonly number[]): string {
  const start = blocks.findIndex((block) => block.flow.id === from.block);
  if (start < 0) return '';
  const holder = document.createElement('div');
  const going = deferred.map((index) => figures[index]).filter((figure): figure is StoryFigure => figure !== undefined);
  // Photos whose paragraph already printed go first: their text is on this page, but there was no room for them.
  for (const figure of going) if (figure.anchor < from.block) holder.append(figure.element.cloneNode(true));
  const open: { list: { source: HTMLElement; copy: HTMLElement } | null } = { list: null };
  for (const block of blocks.slice(start)) {
    const element = pieceOf(block, block.flow.id === from.block ? from.line : 0, block.flow.lines).cloneNode(true);
    if (block.list) {
      if (open.list?.source !== block.list) {
        const copy = block.list.cloneNode(false);
        if (!(copy instanceof HTMLElement)) continue;
        open.list = { source: block.list, copy };
        holder.append(copy);
      }
      open.list.copy.append(element);
    } else {
      open.list = null;
      holder.append(element);
    }
    for (const figure of going) if (figure.anchor === block.flow.id) holder.append(figure.element.cloneNode(true));
  }
  return holder.innerHTML;
}
