// One page of an edition as a document: the template's head, then every story on the page, continuations included
// (a continued story is its whole manuscript again: the layout takes it up where its break token says).
import { select } from 'hast-util-select';
import type { Element, Root } from 'hast';

/** `shell` is a filled template whose head (styles, fonts, grid) the page uses when no story starts on it. */
export function pageDocument(stories: readonly Root[], shell: Root): Root {
  const document = structuredClone(stories[0] ?? shell);
  const body = select('body', document);
  if (!body) throw new Error('the template has no <body>');
  body.children = stories.map((story): Element => {
    const article = select('article.story', story);
    if (!article) throw new Error('the template has no article.story');
    return article;
  });
  return document;
}
