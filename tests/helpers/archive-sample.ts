// The sample edition's manuscripts as the tests read them, without Broadsheet's own loader: front matter fields and the
// body text a reader should find on the page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from './paths.ts';
import { hanOf } from './text.ts';

export interface SampleArticle {
  readonly slug: string;
  readonly source: string;
  readonly headline: string;
  readonly byline: readonly string[];
  readonly date: string | undefined;
  readonly lang: string;
  /** The Markdown after the front matter. */
  readonly body: string;
}

export const manuscriptDir = join(projectRoot, 'manuscript');

export async function sampleArticle(slug: string): Promise<SampleArticle> {
  const source = await readFile(join(manuscriptDir, slug, 'article.md'), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) throw new Error(`manuscript/${slug}/article.md has no front matter`);
  const fields: unknown = parse(match[1] ?? '');
  const field = (key: string): unknown => (typeof fields === 'object' && fields !== null ? Object.entries(fields).find(([name]) => name === key)?.[1] : undefined);
  const headline = field('headline');
  const byline = field('byline');
  const date = field('date');
  const lang = field('lang');
  if (typeof headline !== 'string' || typeof lang !== 'string') throw new Error(`manuscript/${slug}/article.md: headline and lang are needed`);
  return {
    slug,
    source,
    headline,
    byline: Array.isArray(byline) ? byline.map(String) : typeof byline === 'string' ? [byline] : [],
    date: typeof date === 'string' ? date : undefined,
    lang,
    body: source.slice(match[0].length),
  };
}

/** The Han characters of the text set in the article's columns: paragraphs, subheads, lists, quotes; not photos or captions. */
export function bodyHan(markdown: string): string {
  return hanOf(
    markdown
      .split('\n')
      .filter((line) => !/^\s*!\[/.test(line))
      .join('\n'),
  );
}

/** Photos the manuscript refers to (`![…](images/x.jpg …)`), as paths inside its folder. */
export function photoPaths(markdown: string): string[] {
  return [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((match) => match[1] ?? '').filter(Boolean);
}
