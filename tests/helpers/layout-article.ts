// What an article's body says, block by block, read from article.md with remark: the text the frames must hold, in order.
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { parse as parseYaml } from 'yaml';
import type { Nodes, Paragraph, RootContent } from 'mdast';

export type BlockKind = 'paragraph' | 'subhead' | 'list-item' | 'quote' | 'table';

export interface BodyBlock {
  readonly kind: BlockKind;
  /** The block's words as written (for a table, its cells row by row). */
  readonly text: string;
}

export interface ArticleFigure {
  readonly src: string;
  readonly caption: string;
  readonly credit: string | null;
  /** What follows the image in braces, e.g. `span=4 caption=below`. */
  readonly settings: string;
}

export interface ArticleBody {
  readonly frontMatter: Readonly<Record<string, unknown>>;
  readonly blocks: readonly BodyBlock[];
  readonly figures: readonly ArticleFigure[];
}

export function readArticleBody(file: string): ArticleBody {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).parse(readFileSync(file, 'utf8'));
  let frontMatter: Record<string, unknown> = {};
  const blocks: BodyBlock[] = [];
  const figures: ArticleFigure[] = [];
  const visit = (node: RootContent, inQuote: boolean): void => {
    switch (node.type) {
      case 'yaml': {
        const fields: unknown = parseYaml(node.value);
        if (typeof fields === 'object' && fields !== null) frontMatter = Object.fromEntries(Object.entries(fields));
        return;
      }
      case 'heading':
        blocks.push({ kind: 'subhead', text: plainText(node) });
        return;
      case 'paragraph': {
        const figure = figureOf(node);
        if (figure) figures.push(figure);
        else blocks.push({ kind: inQuote ? 'quote' : 'paragraph', text: plainText(node) });
        return;
      }
      case 'blockquote':
        for (const child of node.children) visit(child, true);
        return;
      case 'list':
        for (const item of node.children) blocks.push({ kind: 'list-item', text: item.children.map((child) => plainText(child)).join('') });
        return;
      case 'table':
        blocks.push({ kind: 'table', text: node.children.flatMap((row) => row.children.map((cell) => plainText(cell))).join('') });
        return;
      default:
        return;
    }
  };
  for (const node of tree.children) visit(node, false);
  return { frontMatter, blocks, figures };
}

/** A paragraph holding only an image (and optionally `{settings}` after it) is a figure, not body text. */
function figureOf(paragraph: Paragraph): ArticleFigure | undefined {
  const meaningful = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [image, settings, ...rest] = meaningful;
  if (image?.type !== 'image' || rest.length > 0) return undefined;
  let braces = '';
  if (settings) {
    const match = settings.type === 'text' ? /^\s*\{([^}]*)\}\s*$/.exec(settings.value) : null;
    if (!match) return undefined;
    braces = match[1] ?? '';
  }
  return { src: image.url, caption: image.alt ?? '', credit: image.title ?? null, settings: braces };
}

function plainText(node: Nodes): string {
  if (node.type === 'image') return '';
  if ('value' in node && typeof node.value === 'string') return node.type === 'yaml' ? '' : node.value;
  if ('children' in node) return node.children.map((child: Nodes) => plainText(child)).join('');
  return '';
}

/** How a reader compares text: no spacing, no soft hyphens; Latin text also without hyphens (a line may break at one). */
export function comparable(text: string, latin: boolean): string {
  // Typewriter quotes in the manuscript print as the language's quotes: compare them as one.
  const bare = text.replace(/[\s\u00ad]+/gu, '').replace(/[“”„«»]/gu, '"').replace(/[‘’‚‹›]/gu, "'");
  return latin ? bare.replace(/[-\u2010]/g, '') : bare;
}

export interface FlowMismatch {
  readonly block: number;
  readonly kind: BlockKind;
  readonly expected: string;
  readonly found: string;
}

/**
 * Walks the blocks through `stream` (the frames' lines joined in reading order). Each block must come next, exactly;
 * a table is read row by row across its cells, so only its characters are compared, not their order. Returns the first
 * block that does not match, or what is left over after the last block.
 */
export function followBlocks(blocks: readonly BodyBlock[], stream: string, latin: boolean): FlowMismatch | { readonly leftover: string } | null {
  let at = 0;
  const chars = Array.from(stream);
  for (const [index, block] of blocks.entries()) {
    const expected = Array.from(comparable(block.text, latin));
    const found = chars.slice(at, at + expected.length);
    const same = block.kind === 'table' ? [...expected].sort().join('') === [...found].sort().join('') : expected.join('') === found.join('');
    if (!same) {
      return { block: index, kind: block.kind, expected: expected.join(''), found: chars.slice(at, at + expected.length + 20).join('') };
    }
    at += expected.length;
  }
  return at === chars.length ? null : { leftover: chars.slice(at, at + 60).join('') };
}
