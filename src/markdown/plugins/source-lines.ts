// Marks each top-level block with the manuscript line it starts on, so the proof can point from a diagnostic to the text.
import type { Root } from 'hast';

export function sourceLines(tree: Root): void {
  for (const node of tree.children) {
    if (node.type !== 'element') continue;
    const line = node.position?.start.line;
    if (line !== undefined) node.properties['dataLine'] = line;
  }
}

export default function rehypeSourceLines() {
  return (tree: Root) => sourceLines(tree);
}
