// What the sample article says, read from manuscript/shanting/article.md itself: the text a reader must find on the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';
import type { Nodes, Paragraph } from 'mdast';
import { projectRoot } from './paths.ts';

export const sampleDir = join(projectRoot, 'manuscript/shanting');

export interface SampleFigure {
  readonly src: string;
  readonly caption: string;
  readonly credit?: string;
}

export interface SampleArticle {
  readonly headline: string;
  readonly kicker?: string;
  readonly deck?: string;
  readonly byline: readonly string[];
  readonly section?: string;
  /** Subheads and paragraphs in the order they are read. */
  readonly body: ReadonlyArray<{ readonly kind: 'subhead' | 'paragraph'; readonly text: string }>;
  readonly figures: readonly SampleFigure[];
}

export function readSampleArticle(file = join(sampleDir, 'article.md')): SampleArticle {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(readFileSync(file, 'utf8'));
  let fields: Record<string, unknown> = {};
  const body: Array<{ kind: 'subhead' | 'paragraph'; text: string }> = [];
  const figures: SampleFigure[] = [];
  for (const node of tree.children) {
    if (node.type === 'yaml') fields = record(parseYaml(node.value));
    else if (node.type === 'heading') body.push({ kind: 'subhead', text: plainText(node) });
    else if (node.type === 'paragraph') {
      const image = soleImage(node);
      if (image) figures.push({ src: image.url, caption: image.alt ?? '', ...(image.title ? { credit: image.title } : {}) });
      else body.push({ kind: 'paragraph', text: plainText(node) });
    }
  }
  const text = (name: string): string | undefined => (typeof fields[name] === 'string' ? fields[name] : undefined);
  const headline = text('headline');
  if (headline === undefined) throw new Error(`${file} has no headline`);
  const byline = fields['byline'];
  const kicker = text('kicker');
  const deck = text('deck');
  const section = text('section');
  return {
    headline,
    byline: Array.isArray(byline) ? byline.map(String) : typeof byline === 'string' ? [byline] : [],
    body,
    figures,
    ...(kicker === undefined ? {} : { kicker }),
    ...(deck === undefined ? {} : { deck }),
    ...(section === undefined ? {} : { section }),
  };
}

function soleImage(paragraph: Paragraph) {
  const meaningful = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [only] = meaningful;
  return meaningful.length === 1 && only?.type === 'image' ? only : undefined;
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return node.children.map((child) => plainText(child)).join('');
  return '';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
