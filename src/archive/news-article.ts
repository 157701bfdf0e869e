// schema.org NewsArticle JSON-LD for an archived article: what a library or search engine reads years later.
import { toString } from 'mdast-util-to-string';
import type { Manuscript } from '../manuscript/types.ts';

export interface IssueFacts {
  readonly paper: string;
  readonly date: string;
  readonly edition: string;
  readonly editionNumber?: number;
}

/**
 * The article's text as a reader reads it: paragraphs and subheads, no markup. Raw HTML is never printed, so none of
 * it (a script's source, an embargo comment) reaches the archive, its JSON-LD or its search.
 */
export function articleText(manuscript: Manuscript): string {
  return manuscript.tree.children
    .filter((node) => node.type !== 'yaml' && node.type !== 'definition' && node.type !== 'html')
    .map((node) => toString(node, { includeHtml: false }))
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}

export function newsArticle(options: { manuscript: Manuscript; issue: IssueFacts; pages: readonly number[]; photos: readonly string[]; pdf: string }): Record<string, unknown> {
  const { frontMatter } = options.manuscript;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: frontMatter.headline,
    ...(frontMatter.deck ? { alternativeHeadline: frontMatter.deck } : {}),
    ...(frontMatter.kicker ? { about: frontMatter.kicker } : {}),
    author: frontMatter.byline.map((name) => ({ '@type': 'Person', name })),
    // Published when the edition printed it; the manuscript's own date is when it was written.
    datePublished: options.issue.date,
    ...(frontMatter.date && frontMatter.date !== options.issue.date ? { dateCreated: frontMatter.date } : {}),
    ...(frontMatter.section ? { articleSection: frontMatter.section } : {}),
    ...(frontMatter.dateline ? { dateline: frontMatter.dateline } : {}),
    inLanguage: frontMatter.lang,
    articleBody: articleText(options.manuscript),
    image: options.photos,
    pageStart: String(options.pages[0] ?? ''),
    pageEnd: String(options.pages[options.pages.length - 1] ?? ''),
    encoding: { '@type': 'MediaObject', contentUrl: options.pdf, encodingFormat: 'application/pdf' },
    publisher: { '@type': 'Organization', name: options.issue.paper },
    isPartOf: {
      '@type': 'PublicationIssue',
      name: options.issue.edition,
      datePublished: options.issue.date,
      ...(options.issue.editionNumber === undefined ? {} : { issueNumber: String(options.issue.editionNumber) }),
      isPartOf: { '@type': 'Periodical', name: options.issue.paper },
    },
  };
}
