// figures(): a paragraph holding only an image becomes a figure whose caption is the alt text and whose credit is the title.
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { select, selectAll } from 'hast-util-select';
import { textOf } from '../helpers/text.ts';
import type { Root as MdastRoot, Paragraph } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { figures, type FigureOptions } from '../../src/markdown/plugins/figures.ts';

function figured(markdown: string, options?: FigureOptions): MdastRoot {
  const tree = unified().use(remarkParse).parse(markdown);
  figures(tree, options);
  return tree;
}

async function figuredHtml(markdown: string): Promise<HastRoot> {
  return unified().use(remarkRehype).run(figured(markdown));
}

function firstParagraph(tree: MdastRoot): Paragraph {
  const [node] = tree.children;
  if (node?.type !== 'paragraph') throw new Error(`expected a paragraph, got ${node?.type}`);
  return node;
}

describe('figures (on the Markdown tree)', () => {
  it('turns an image-only paragraph into a figure: the image, then a caption holding the alt text and a credit', () => {
    const paragraph = firstParagraph(figured('![新台高速山亭段顺利通车](images/highway.jpg "李宗宪摄")'));
    expect(paragraph.data).toMatchObject({ hName: 'figure', hProperties: { className: ['photo'] } });
    const [image, caption] = paragraph.children;
    expect(image).toMatchObject({ type: 'image', url: 'images/highway.jpg', alt: '新台高速山亭段顺利通车', title: null });
    expect(caption).toMatchObject({
      type: 'figureCaption',
      data: { hName: 'figcaption', hProperties: { className: ['caption'] } },
      children: [
        { type: 'text', value: '新台高速山亭段顺利通车' },
        { type: 'credit', data: { hName: 'span', hProperties: { className: ['credit'] } }, children: [{ type: 'text', value: '李宗宪摄' }] },
      ],
    });
  });

  it('gives a photo without a title a caption and no credit', () => {
    const [, caption] = firstParagraph(figured('![民生医疗更方便](images/clinic.jpg)')).children;
    expect(caption).toMatchObject({ type: 'figureCaption', children: [{ type: 'text', value: '民生医疗更方便' }] });
    expect(caption?.type === 'figureCaption' ? caption.children : []).toHaveLength(1);
  });

  it('leaves an image inside a sentence inline, in its paragraph', () => {
    const paragraph = firstParagraph(figured('如图![小图](images/a.jpg "某某摄")所示。'));
    expect(paragraph.data?.hName).toBeUndefined();
    expect(paragraph.children.map((child) => child.type)).toEqual(['text', 'image', 'text']);
    expect(paragraph.children[1]).toMatchObject({ title: '某某摄' });
  });

  it('leaves a paragraph of two images alone', () => {
    const paragraph = firstParagraph(figured('![一](images/a.jpg) ![二](images/b.jpg)'));
    expect(paragraph.data?.hName).toBeUndefined();
  });

  it('takes the figure’s class names from its options', () => {
    expect(firstParagraph(figured('![图](images/a.jpg)', { className: ['photo', 'lead'] })).data).toMatchObject({ hProperties: { className: ['photo', 'lead'] } });
  });
});

describe('figures (as HTML, through remark-rehype)', () => {
  it('comes out as figure > img + figcaption > span.credit, with the credit not repeated in the alt text', async () => {
    const tree = await figuredHtml('前文。\n\n![新台高速山亭段顺利通车](images/highway.jpg "李宗宪摄")\n\n后文。');
    const figure = select('figure.photo', tree);
    expect(figure).toBeDefined();
    expect(select('figure.photo > img', tree)?.properties).toMatchObject({ src: 'images/highway.jpg', alt: '新台高速山亭段顺利通车' });
    expect(select('figure.photo > img', tree)?.properties['title']).toBeUndefined();
    const caption = select('figure.photo > figcaption.caption', tree);
    expect(caption && textOf(caption)).toBe('新台高速山亭段顺利通车李宗宪摄');
    expect(selectAll('figcaption > span.credit', tree).map((credit) => textOf(credit))).toEqual(['李宗宪摄']);
    expect(selectAll('p', tree).map((p) => textOf(p))).toEqual(['前文。', '后文。']);
  });

  it('keeps an inline image an img inside its p, with no figure', async () => {
    const tree = await figuredHtml('如图![小图](images/a.jpg)所示。');
    expect(select('figure', tree)).toBeUndefined();
    expect(select('p > img', tree)?.properties['src']).toBe('images/a.jpg');
  });
});

describe('figure settings after the image ({span=3 caption=below …})', () => {
  it('reads the desk’s settings once, typed, for the layout request, and leaves no braces in the text', () => {
    const tree = unified().use(remarkParse).parse('![图](images/a.jpg "某某摄"){span=3 caption=below place=top focus=30,40 role=small crop=4:3}');
    expect(figures(tree)).toEqual([]);
    const paragraph = firstParagraph(tree);
    expect(paragraph.data).toMatchObject({ hName: 'figure', hProperties: { dataFigure: 0 }, figureSpec: { span: 3, caption: 'below', place: 'top', focus: '30% 40%', role: 'small', crop: 4 / 3 } });
    expect(paragraph.children.map((child) => child.type)).toEqual(['image', 'figureCaption']);
  });

  it.each([
    ['{width=3}', 'unknown photo setting `width`'],
    ['{span=13}', '`span=13` is not understood'],
    ['{caption=above}', '`caption=above` is not understood'],
  ])('reports %s with its place, instead of ignoring it silently', (settings, reason) => {
    const tree = unified().use(remarkParse).parse(`正文。\n\n![图](images/a.jpg)${settings}`);
    const problems = figures(tree);
    expect(problems.map((problem) => problem.reason).join('\n')).toContain(reason);
    expect(problems[0]?.place?.start.line).toBe(3);
  });
});
