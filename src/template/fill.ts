// The template stage: fills the article's words into templates/article.html through the HTML tree, never by pasting strings.
import { readFile } from 'node:fs/promises';
import { fromHtml } from 'hast-util-from-html';
import { selectAll, select } from 'hast-util-select';
import type { Element, ElementContent, Root } from 'hast';
import type { FrontMatter } from '../manuscript/front-matter.ts';
import { BroadsheetError } from '../errors/catalogue.ts';

export interface TemplateInput {
  readonly templateFile: string;
  readonly frontMatter: FrontMatter;
  readonly story: Root;
  /** CSS text of the page grid (see layout/grid.ts). */
  readonly gridCss: string;
  /** The house's stylesheets, set after the template's own (URLs as the page loads them). */
  readonly stylesheets?: readonly string[];
}

export async function fillTemplate(input: TemplateInput): Promise<Root> {
  const source = await readFile(input.templateFile, 'utf8');
  const page = fromHtml(source);
  const { frontMatter } = input;
  const html = select('html', page);
  if (html) html.properties['lang'] = frontMatter.lang;
  const article = select('article.story', page);
  if (article) article.properties['lang'] = frontMatter.lang;

  const text = (value: string | undefined): ElementContent[] => (value === undefined ? [] : [{ type: 'text', value }]);
  const byline = frontMatter.byline.map(
    (name): ElementContent => ({ type: 'element', tagName: 'span', properties: { className: ['byline-name'] }, children: text(name) }),
  );
  const storyChildren = input.story.children.filter((node): node is ElementContent => node.type !== 'doctype');
  const slots: Record<string, ElementContent[] | undefined> = {
    title: text(frontMatter.headline),
    grid: text(input.gridCss),
    kicker: text(frontMatter.kicker),
    headline: text(frontMatter.headline),
    deck: text(frontMatter.deck),
    byline: byline.length > 0 ? byline : undefined,
    dateline: text(frontMatter.dateline),
    body: storyChildren,
  };

  for (const element of selectAll('[data-slot]', page)) {
    const name = String(element.properties['dataSlot']);
    if (!(name in slots)) throw new BroadsheetError('OutputFailed', `${input.templateFile} has a slot \`${name}\` that Broadsheet does not fill.`);
    const content = slots[name] ?? [];
    delete element.properties['dataSlot'];
    if (content.length === 0 && element.tagName !== 'title') removeElement(page, element);
    else element.children = content;
  }
  const head = select('head', page);
  for (const href of input.stylesheets ?? []) {
    head?.children.push({ type: 'element', tagName: 'link', properties: { rel: ['stylesheet'], href }, children: [] });
  }
  return page;
}

function removeElement(tree: Root | Element, target: Element): boolean {
  const index = tree.children.findIndex((child) => child === target);
  if (index >= 0) {
    tree.children.splice(index, 1);
    return true;
  }
  return tree.children.some((child) => child.type === 'element' && removeElement(child, target));
}
