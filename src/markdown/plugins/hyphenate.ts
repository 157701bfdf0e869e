// Puts soft hyphens into the body text of Latin-script articles, so justified columns need no wide word spaces.
import type { Element, Root } from 'hast';
import { visitParents } from 'unist-util-visit-parents';
import type { Hyphenator } from '../hyphenation.ts';

/** Text inside these is never hyphenated: code, links (a URL must stay whole), headings and quotes set large, and
 * tables (a name or a figure in a cell is read whole; a table too narrow for its words is set smaller instead). */
const untouched = new Set(['code', 'pre', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'kbd', 'samp', 'table']);

export function hyphenate(tree: Root, options: { hyphenator: Hyphenator | undefined }): void {
  const { hyphenator } = options;
  if (!hyphenator) return;
  visitParents(tree, 'text', (node, ancestors) => {
    const elements = ancestors.filter((ancestor): ancestor is Element => ancestor.type === 'element');
    if (elements.some((element) => untouched.has(element.tagName))) return;
    // Words with digits, @ or / are names, numbers or addresses.
    node.value = node.value.replace(/[\p{L}\p{M}'’-]{6,}/gu, (word) => (/[@/\d]/.test(word) ? word : hyphenator(word)));
  });
}

export default function rehypeHyphenate(options: { hyphenator: Hyphenator | undefined }) {
  return (tree: Root) => hyphenate(tree, options);
}
