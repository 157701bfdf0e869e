// A paragraph holding only an image becomes a figure: the alt text is its caption, the title its credit.
import type { Image, Paragraph, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Credit, FigureCaption } from '../mdast-figure.ts';

export interface FigureOptions {
  /** Class names of the figure element. */
  readonly className?: readonly string[];
}

export function figures(tree: Root, options?: FigureOptions): void {
  const settings = options ?? {};
  visit(tree, 'paragraph', (paragraph) => {
    const image = soleImage(paragraph);
    if (!image) return;
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
    const photo: Image = { ...image, title: null };
    paragraph.children = [photo, caption];
    paragraph.data = { ...paragraph.data, hName: 'figure', hProperties: { className: [...(settings.className ?? ['photo'])] } };
  });
}

function soleImage(paragraph: Paragraph): Image | undefined {
  const meaningful = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [only] = meaningful;
  return meaningful.length === 1 && only?.type === 'image' ? only : undefined;
}

export default function remarkFigures(options?: FigureOptions) {
  return (tree: Root) => figures(tree, options);
}
