// Keeps only http, https, mailto and in-article links; any other link is printed as its plain text.
import type { Element, ElementContent, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import { isPrintableLink } from '../links.ts';

export function safeLinks(tree: Root): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'a' || !parent || index === undefined) return;
    const href = node.properties['href'];
    if (typeof href === 'string' && isPrintableLink(href)) return;
    const replacement: ElementContent = { type: 'element', tagName: 'span', properties: { className: ['unlinked'] }, children: node.children };
    parent.children.splice(index, 1, replacement);
    return [SKIP, index];
  });
}

export default function rehypeSafeLinks() {
  return (tree: Root) => safeLinks(tree);
}
