// One page of an edition as a document: the template's head, then every story on the page, continuations included.
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { h } from 'hastscript';
import type { Element, Root } from 'hast';

export type PageStory = { readonly kind: 'filled'; readonly page: Root } | { readonly kind: 'continued'; readonly headline: string; readonly lang: string; readonly fromPage: number; readonly html: string };

/** `shell` is a filled template whose head (styles, fonts, grid) the page uses when no story starts on it. */
export function pageDocument(stories: readonly PageStory[], shell: Root): Root {
  const base = stories.find((story): story is Extract<PageStory, { kind: 'filled' }> => story.kind === 'filled');
  const document = structuredClone(base?.page ?? shell);
  const body = select('body', document);
  if (!body) throw new Error('the template has no <body>');
  body.children = stories.map((story): Element => {
    if (story.kind === 'filled') {
      const article = select('article.story', story.page);
      if (!article) throw new Error('the template has no article.story');
      return article;
    }
    // The leftover is the layout engine's own markup of text that was already checked and cleaned.
    const blocks = fromHtml(story.html, { fragment: true }).children.filter((node): node is Element => node.type === 'element');
    return h('article', { className: ['story', 'continuation'], lang: story.lang, dataContinuedFrom: String(story.fromPage) }, [
      h('header', { className: ['jump-head'] }, [h('p', { className: ['jump-head-title'] }, story.headline)]),
      h('div', { className: ['story-body'] }, blocks),
    ]);
  });
  return document;
}
