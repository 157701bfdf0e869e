// Builds every page of an edition in one browser, in page order, handing text that jumps on to the page it jumps to.
import { basename, extname, join, resolve } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { composeStory, loadProjectGrid, loadProjectPaper } from '../compose.ts';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { LayoutReport, StoryRequest } from '../layout/report.ts';
import { formatMessages } from '../manuscript/diagnostics.ts';
import type { Manuscript } from '../manuscript/types.ts';
import { combinePages } from '../pdf/combine.ts';
import { finishPdf } from '../pdf/finish.ts';
import { launchBrowser, type PressBrowser } from '../render/browser.ts';
import { pageRoots, type PageRoots } from '../render/page-files.ts';
import { setPage } from '../render/set-page.ts';
import { writeFolder } from '../output/write-folder.ts';
import { loadEdition, type Edition } from './edition-file.ts';
import { pageDocument, type PageStory } from './page-document.ts';

export interface BuiltArticle {
  readonly slug: string;
  readonly headline: string;
  /** Null for a continuation: the article starts on an earlier page. */
  readonly manuscript: Manuscript | null;
}

export interface BuiltPage {
  readonly number: number;
  readonly section?: string;
  readonly title: string;
  readonly pdf: Uint8Array;
  readonly proofHtml: string;
  readonly layout: LayoutReport;
  readonly files: ReadonlyMap<string, string>;
  readonly articles: readonly BuiltArticle[];
}

export interface BuiltEdition {
  readonly edition: Edition;
  readonly slug: string;
  readonly paper: string;
  readonly pages: readonly BuiltPage[];
  readonly pdf: Uint8Array;
  readonly chromium: string;
  readonly warnings: readonly string[];
}

export async function buildEdition(options: { file: string; press?: PressBrowser; signal?: AbortSignal }): Promise<BuiltEdition> {
  const edition = await loadEdition({ file: options.file, columns: async (name) => (await loadProjectGrid(name)).columns });
  const grid = await loadProjectGrid(edition.grid);
  const paper = edition.paper ?? (await loadProjectPaper()).name;
  const press = options.press ?? (await launchBrowser());
  const jumped = new Map<string, { fromPage: number; html: string; headline: string; lang: string; dir: string }>();
  const pages: BuiltPage[] = [];
  const warnings: string[] = [];
  let chromium = 'Chromium';
  let shell: Root | undefined;
  try {
    chromium = await press.browser.version();
    for (const page of edition.pages) {
      const stories: PageStory[] = [];
      const requests: StoryRequest[] = [];
      const articles: BuiltArticle[] = [];
      const roots: Record<string, string> = { ...pageRoots(edition.dir) };
      delete roots['manuscript/'];
      for (const placed of page.articles) {
        if (placed.kind === 'article') {
          const photoBase = `manuscripts/${placed.slug}/`;
          const composed = await composeStory({ dir: placed.dir, grid, photoBase, ...(options.signal ? { signal: options.signal } : {}) });
          roots[photoBase] = composed.manuscript.dir;
          warnings.push(...formatMessages(composed.manuscript.file.messages.filter((message) => !message.fatal)));
          stories.push({ kind: 'filled', page: composed.page });
          shell ??= composed.page;
          requests.push({ ...(placed.block ? { block: placed.block } : {}), overset: placed.jumpTo ? { kind: 'jump', toPage: placed.jumpTo } : { kind: 'error' } });
          articles.push({ slug: placed.slug, headline: composed.manuscript.frontMatter.headline, manuscript: composed.manuscript });
        } else {
          const leftover = jumped.get(placed.slug);
          if (!leftover) throw new BroadsheetError('LayoutFailed', `Page ${page.number} continues ${placed.slug}, but no text jumped to it (it all fitted on page ${page.number - 1} or earlier).`);
          // Photos that follow their text to this page are served from the story's own folder.
          roots[`manuscripts/${placed.slug}/`] = leftover.dir;
          stories.push({ kind: 'continued', fromPage: leftover.fromPage, html: leftover.html, headline: leftover.headline, lang: leftover.lang });
          requests.push({ ...(placed.block ? { block: placed.block } : {}), overset: { kind: 'error' } });
          articles.push({ slug: placed.slug, headline: leftover.headline, manuscript: null });
        }
      }
      if (!shell) throw new BroadsheetError('LayoutFailed', `Page ${page.number} holds only continuations, before any article has started.`);
      const document = pageDocument(stories, shell);
      const folio = { paper, date: edition.date, page: page.number, ...(page.section ? { section: page.section } : {}) };
      const set = await setPage({ browser: press.browser, html: toHtml(document), roots: roots satisfies PageRoots, layout: { grid, folio, stories: requests } });
      let printed: Uint8Array;
      try {
        printed = await set.print();
      } finally {
        await set.close();
      }
      const broken = set.layout.problems.filter((problem) => problem.severity === 'error');
      if (broken.length > 0) {
        throw new BroadsheetError('LayoutFailed', `Page ${page.number} of ${edition.name} cannot be laid out:`, { details: broken.map((problem) => `${problem.rule}: ${problem.message}`) });
      }
      set.layout.stories.forEach((story, index) => {
        const article = articles[index];
        const placed = page.articles[index];
        if (story.jump && article && placed?.kind === 'article') {
          jumped.set(article.slug, { fromPage: page.number, html: story.jump.html, headline: article.headline, lang: article.manuscript?.frontMatter.lang ?? 'zh-CN', dir: article.manuscript?.dir ?? '' });
        }
      });
      for (const problem of set.layout.problems) warnings.push(`page ${page.number}: layout: ${problem.severity}: ${problem.rule}: ${problem.message}`);
      const title = pageTitle(page.number, page.section, edition);
      const pdf = await finishPdf({
        pdf: printed,
        facts: { title: `${paper} ${edition.date} ${title}`, subject: articles.map((article) => article.headline).join(' / '), lang: pageLang(articles), date: edition.date, producer: `Broadsheet (${chromium})` },
      });
      pages.push({ number: page.number, ...(page.section ? { section: page.section } : {}), title, pdf, proofHtml: set.proofHtml, layout: set.layout, files: set.files, articles });
    }
  } finally {
    if (!options.press) await press.close();
  }
  const pdf = await combinePages({
    pages: pages.map((page) => ({ pdf: page.pdf, title: page.title, articles: page.articles.map((article) => (article.manuscript ? article.headline : `${article.headline}（续）`)) })),
    title: `${paper} ${edition.date} ${edition.name}`,
    lang: pageLang(pages.flatMap((page) => page.articles)),
    date: edition.date,
    producer: `Broadsheet (${chromium})`,
  });
  return { edition, slug: basename(edition.file, extname(edition.file)), paper, pages, pdf, chromium, warnings };
}

/** Writes the edition PDF, one PDF, proof and layout report per page, and the files the proofs use. */
export async function writeEdition(built: BuiltEdition, outDir?: string): Promise<string> {
  const folder = resolve(outDir ?? join('dist', built.slug));
  const files = [{ path: 'edition.pdf', contents: built.pdf }];
  const copies = new Map<string, string>();
  for (const page of built.pages) {
    files.push({ path: `page-${page.number}.pdf`, contents: page.pdf });
    files.push({ path: `page-${page.number}.html`, contents: Buffer.from(page.proofHtml) });
    files.push({ path: `page-${page.number}.layout.json`, contents: Buffer.from(JSON.stringify(page.layout, null, 2) + '\n') });
    for (const [path, from] of page.files) copies.set(path, from);
  }
  await writeFolder({ folder, files, copies: [...copies].map(([path, from]) => ({ path, from })) });
  return folder;
}

export function pageTitle(number: number, section: string | undefined, edition: Edition): string {
  const zh = !/^[\x20-\x7e]*$/.test(edition.name + (section ?? ''));
  return zh ? `第${number}版${section ? ` ${section}` : ''}` : `Page ${number}${section ? ` ${section}` : ''}`;
}

function pageLang(articles: readonly BuiltArticle[]): string {
  return articles.find((article) => article.manuscript)?.manuscript?.frontMatter.lang ?? 'zh-CN';
}

