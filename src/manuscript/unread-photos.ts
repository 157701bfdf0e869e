// Photo references CommonMark does not read as photos: `![caption](images/park photo.jpg "credit")` has a space in its
// path, so it stays text and would print as Markdown on the page. Each is an error at its line that says how to write it.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/** `![…](…)` left in the text: the caption and what stood between the parentheses. */
const unread = /!\[([^\]\n]*)\]\(([^\n]*?)\)/g;

export function reportUnreadPhotos(tree: Root, file: VFile): void {
  visit(tree, 'text', (node) => {
    for (const match of node.value.matchAll(unread)) {
      const inside = (match[2] ?? '').trim();
      // The path and an optional "credit": the path is what has the space or the odd parenthesis.
      const credit = /\s+("[^"]*"|'[^']*')$/.exec(inside);
      const path = credit ? inside.slice(0, credit.index) : inside;
      const line = (node.position?.start.line ?? 1) + node.value.slice(0, match.index).split('\n').length - 1;
      const written = `![${match[1] ?? ''}](<${path.replace(/^<|>$/g, '')}>${credit ? ` ${credit[1]}` : ''})`;
      const message = file.message(`\`${match[0]}\` is not read as a photo (its path \`${path}\` has ${/\s/.test(path) ? 'a space' : 'a parenthesis or mark Markdown ends it at'}), so it would print as text: write it \`${written}\`, or rename the file without spaces`, {
        place: { line, column: 1 },
        source: 'photos',
        ruleId: 'photo-unread',
      });
      message.fatal = true;
    }
  });
}
