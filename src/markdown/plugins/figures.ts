// A paragraph holding only an image becomes a figure: the alt text is its caption, the title its credit,
// and an optional `{span=3 caption=below place=top focus=30%,40% role=lead crop=4:3}` after the image tells the layout what the desk wants.
import type { Image, Paragraph, PhrasingContent, Root } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { Credit, FigureCaption } from '../mdast-figure.ts';
import type { FigureSpec } from '../figure-spec.ts';

export interface FigureOptions {
  /** Class names of the figure element. */
  readonly className?: readonly string[];
}

export interface FigureProblem {
  readonly reason: string;
  readonly place: Position | undefined;
}

export function figures(tree: Root, options?: FigureOptions): FigureProblem[] {
  const settings = options ?? {};
  const problems: FigureProblem[] = [];
  let count = 0;
  visit(tree, 'paragraph', (paragraph) => {
    const found = soleImage(paragraph);
    if (!found) return;
    const { image, attributes } = found;
    const caption: FigureCaption = {
      type: 'figureCaption',
      children: [{ type: 'text', value: image.alt ?? '' }],
      data: { hName: 'figcaption', hProperties: { className: ['caption'] } },
    };
    if (image.title) {
      const credit: Credit = {
        type: 'credit',
        children: [{ type: 'text', value: image.title }],
        data: { hName: 'span', hProperties: { className: ['credit'] } },
      };
      caption.children.push(credit);
    }
    const figureSpec = readAttributes(attributes, paragraph.position, problems);
    const photo: Image = { ...image, title: null };
    paragraph.children = [photo, caption];
    paragraph.data = { ...paragraph.data, hName: 'figure', hProperties: { className: [...(settings.className ?? ['photo'])], dataFigure: count }, figureSpec };
    count++;
  });
  return problems;
}

function soleImage(paragraph: Paragraph): { image: Image; attributes: string } | undefined {
  const meaningful = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [first, second, ...rest] = meaningful;
  if (first?.type !== 'image' || rest.length > 0) return undefined;
  if (!second) return { image: first, attributes: '' };
  const attributes = isText(second) ? /^\s*\{([^}]*)\}\s*$/.exec(second.value) : null;
  return attributes ? { image: first, attributes: attributes[1] ?? '' } : undefined;
}

const isText = (node: PhrasingContent): node is PhrasingContent & { type: 'text'; value: string } => node.type === 'text';

const accepted: Record<string, RegExp> = {
  span: /^(?:[1-9]|1[0-2])$/,
  caption: /^(?:beside|below)$/,
  place: /^(?:auto|top|bottom)$/,
  focus: /^\d{1,3}%?[, ]\d{1,3}%?$/,
  role: /^(?:lead|secondary|small)$/,
  crop: /^\d{1,2}(?:\.\d{1,2})?:\d{1,2}(?:\.\d{1,2})?$/,
};

function readAttributes(text: string, place: Position | undefined, problems: FigureProblem[]): FigureSpec {
  let spec: FigureSpec = {};
  for (const match of text.matchAll(/([a-z]+)=("[^"]*"|\S+)/g)) {
    const [, key = '', raw = ''] = match;
    const value = raw.replace(/^"|"$/g, '');
    const rule = accepted[key];
    if (!rule) {
      problems.push({ reason: `unknown photo setting \`${key}\`; use span, caption, place, focus, role or crop`, place });
      continue;
    }
    if (!rule.test(value)) {
      problems.push({ reason: `photo setting \`${key}=${value}\` is not understood; e.g. span=3, caption=below, place=top, focus=30%,40%, role=secondary, crop=4:3`, place });
      continue;
    }
    spec = { ...spec, ...setting(key, value) };
  }
  return spec;
}

/** One checked setting as its typed value. */
function setting(key: string, value: string): FigureSpec {
  switch (key) {
    case 'span':
      return { span: Number(value) };
    case 'caption':
      return value === 'beside' || value === 'below' ? { caption: value } : {};
    case 'place':
      return value === 'top' || value === 'bottom' ? { place: value } : {};
    case 'role':
      return value === 'lead' || value === 'secondary' || value === 'small' ? { role: value } : {};
    case 'crop': {
      const [width = 1, height = 1] = value.split(':').map(Number);
      return height > 0 ? { crop: width / height } : {};
    }
    case 'focus':
      return { focus: value.replace(/[, ]/, ' ').replace(/(\d+)(?!%)(\s|$)/g, '$1%$2') };
    default:
      return {};
  }
}

export default function remarkFigures(options?: FigureOptions) {
  return (tree: Root, file: VFile) => {
    for (const problem of figures(tree, options)) file.message(problem.reason, { place: problem.place, source: 'figures', ruleId: 'photo-setting' });
  };
}
