// Builds every page of an edition in one browser, pages side by side (one a core), handing text that jumps on to the
// page it jumps to: that page waits for the layout of the page the story starts on.
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { composeStory } from '../compose.ts';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { BreakToken, LayoutReport, StoryRequest } from '../layout/report.ts';
import { formatMessages } from '../manuscript/diagnostics.ts';
import type { Manuscript } from '../manuscript/types.ts';
import { combinePages } from '../pdf/combine.ts';
import type { PressBrowser } from '../render/browser.ts';
import { pageRoots } from '../render/page-files.ts';
import { pagesAtOnce, sideBySide, slots } from './side-by-side.ts';
import { pending } from '../workspace/pending.ts';
import type { PageRunner } from '../queue/runner.ts';
import { inProcessRunner } from '../queue/in-process.ts';
import type { JobHooks } from '../queue/page-job.ts';
import type { ResolvedProject } from '../project/resolve.ts';
import type { PreflightReport } from '../preflight/preflight.ts';
import type { PressView } from '../preflight/press-views.ts';
import { editionPageViewFiles, withPressViews } from '../output/press-view-html.ts';
import { writeFolder } from '../output/write-folder.ts';
import { claimOutputFolder } from '../output/ownership.ts';
import { loadManuscript } from '../manuscript/load.ts';
import { loadEdition, type Edition } from './edition-file.ts';
import { pageDocument } from './page-document.ts';

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
  /** The press copy (PDF/X) and the screen copy (RGB, the trim only), and the preflight of the press copy. */
  readonly pdf: Uint8Array;
  readonly screen: Uint8Array;
  /** The PDF/A-2b copy of the screen copy, for an archive (buildEdition's `pdfa`). */
  readonly pdfa?: Uint8Array;
  readonly preflight: PreflightReport;
  readonly views: readonly PressView[];
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
  /** Millimetres of bleed around each press page (the ink overlays cover it). */
  readonly bleed: number;
}

export async function buildEdition(options: {
  project: ResolvedProject;
  file: string;
  press?: PressBrowser;
  signal?: AbortSignal;
  onPage?: (page: number, of: number) => void;
  /** The folder it will be written to: refused before Chromium starts if it is not Broadsheet's to replace. */
  output?: { folder: string; force?: boolean };
  /** Who sets the pages (a job queue's workers); by default this process, one page a core. */
  runner?: (pages: number) => Promise<PageRunner>;
  /** Each page's PDF/A copy too, made as the page is set (an archive's). */
  pdfa?: boolean;
  /** Told of each page's progress: queued, taken up by a worker, laid out, done, failed. */
  onJob?: (page: number, of: number) => JobHooks & { failed?(reason: string): void };
}): Promise<BuiltEdition> {
  const { project, signal } = options;
  const edition = await loadEdition({ file: options.file, columns: async (name) => project.gridFor({ lang: project.paper.lang, ...(name ? { name } : {}) }).columns });
  if (options.output) await claimOutputFolder({ folder: options.output.folder, sources: editionSources(edition), force: options.output.force === true });
  // Every manuscript is read and checked before Chromium starts: a broken one fails in a second, with its line.
  for (const dir of new Set(edition.pages.flatMap((page) => page.articles.flatMap((article) => (article.kind === 'article' ? [article.dir] : []))))) {
    signal?.throwIfAborted();
    await loadManuscript({ dir, unknownFields: project.frontMatter.unknownFields, limits: project.limits, ...(signal ? { signal } : {}) });
  }
  const grid = project.gridFor({ lang: project.paper.lang, ...(edition.grid ? { name: edition.grid } : {}) });
  const paper = edition.paper ?? project.paper.name;
  const runner = options.runner ? await options.runner(edition.pages.length) : await inProcessRunner({ project, atOnce: pagesAtOnce(edition.pages.length), ...(options.press ? { press: options.press } : {}) });
  /** Text that jumps on: the story's folder and where it stopped, for the page that takes it up. */
  const jumped = new Map<string, { fromPage: number; token: BreakToken; dir: string; headline: string }>();
  /** Each page's layout, done: a page that takes up a jump waits for the page the story starts on. */
  const laidOut = new Map(edition.pages.map((page) => [page.number, pending<void>()]));
  const startsOn = new Map(edition.pages.flatMap((page) => page.articles.flatMap((placed) => (placed.kind === 'article' ? [[placed.slug, page.number] as const] : []))));
  const stop = new AbortController();
  const pageSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  // Every page listens to it while it is set (each of its stages that can be stopped): a listener or two a page.
  setMaxListeners(edition.pages.length * 4 + 10, pageSignal);
  const composing = slots(availableParallelism());
  let finished = 0;
  let pages: Array<{ page: BuiltPage; warnings: string[]; chromium: string }>;
  try {
    pages = await sideBySide(edition.pages, runner.atOnce, stop, async (page) => {
      const layout = laidOut.get(page.number) ?? pending<void>();
      const hooks = options.onJob?.(page.number, edition.pages.length) ?? {};
      try {
        for (const placed of page.articles) {
          const from = placed.kind === 'article' ? undefined : startsOn.get(placed.slug);
          if (from !== undefined && from < page.number) await laidOut.get(from)?.promise;
        }
        const built = await setEditionPage({ project, edition, page, grid, paper, runner, jumped, signal: pageSignal, hooks, composing, pdfa: options.pdfa === true, laidOut: () => layout.resolve() });
        options.onPage?.(++finished, edition.pages.length);
        return built;
      } catch (error) {
        layout.reject(error);
        // A page stopped because another failed (or Ctrl-C) did not fail itself.
        if (!pageSignal.aborted) hooks.failed?.(error instanceof BroadsheetError ? [error.message, ...error.details].join('\n') : String(error));
        throw error;
      }
    });
  } finally {
    await runner.close();
  }
  signal?.throwIfAborted();
  const chromium = pages[0]?.chromium ?? 'Chromium';
  const warnings = pages.flatMap((page) => page.warnings);
  const pdf = await combinePages({
    pages: pages.map(({ page }) => ({ pdf: page.screen, title: page.title, articles: page.articles.map((article) => (article.manuscript ? article.headline : `${article.headline}（续）`)) })),
    title: `${paper} ${edition.date} ${edition.name}`,
    lang: pageLang(pages.flatMap(({ page }) => page.articles), [], project.paper.lang),
    date: edition.date,
    producer: `Broadsheet (${chromium})`,
  });
  return { edition, slug: basename(edition.file, extname(edition.file)), paper, pages: pages.map(({ page }) => page), pdf, chromium, warnings, bleed: project.press.bleed };
}

interface EditionPageInput {
  readonly project: ResolvedProject;
  readonly edition: Edition;
  readonly page: Edition['pages'][number];
  readonly grid: ReturnType<ResolvedProject['gridFor']>;
  readonly paper: string;
  readonly runner: PageRunner;
  /** The slots pages are composed in. */
  readonly composing: <T>(work: () => Promise<T>) => Promise<T>;
  readonly hooks: JobHooks;
  readonly pdfa: boolean;
  readonly jumped: Map<string, { fromPage: number; token: BreakToken; dir: string; headline: string }>;
  readonly signal: AbortSignal;
  /** Called once the page is laid out and its jumps recorded, before it is printed. */
  readonly laidOut: () => void;
}

/** Composes one page of the edition and has the runner lay it out, print and finish it. */
async function setEditionPage(input: EditionPageInput): Promise<{ page: BuiltPage; warnings: string[]; chromium: string }> {
  const { project, edition, page, grid, paper, runner, jumped, signal } = input;
  signal.throwIfAborted();
  const stories: Root[] = [];
  const requests: StoryRequest[] = [];
  const articles: BuiltArticle[] = [];
  const warnings: string[] = [];
  const roots: Record<string, string> = { ...pageRoots(project) };
  // One page composed a core at a time, in page order: with every page of an edition on a queue at once, the
  // first pages are sent as soon as they are composed, not when the last one is.
  await input.composing(async () => {
    for (const placed of page.articles) {
      const photoBase = `manuscripts/${placed.slug}/`;
      const block = placed.block ? { block: placed.block } : {};
      if (placed.kind === 'article') {
        const composed = await composeStory({ project, dir: placed.dir, grid, photoBase, signal });
        roots[photoBase] = composed.manuscript.dir;
        warnings.push(...formatMessages(composed.manuscript.file.messages.filter((message) => !message.fatal)));
        stories.push(composed.page);
        const { lang } = composed.manuscript.frontMatter;
        requests.push({ lang, figures: composed.figures, ...block, overset: placed.jumpTo ? { kind: 'jump', toPage: placed.jumpTo } : { kind: 'error' } });
        articles.push({ slug: placed.slug, headline: composed.manuscript.frontMatter.headline, manuscript: composed.manuscript });
      } else {
        const leftover = jumped.get(placed.slug);
        if (!leftover) throw new BroadsheetError('LayoutFailed', `Page ${page.number} continues ${placed.slug}, but no text jumped to it (it all fitted on page ${page.number - 1} or earlier).`);
        // The same manuscript, composed again on this page's grid: its break token finds the place it stopped.
        const composed = await composeStory({ project, dir: leftover.dir, grid, photoBase, signal });
        roots[photoBase] = composed.manuscript.dir;
        stories.push(composed.page);
        requests.push({ lang: composed.manuscript.frontMatter.lang, figures: composed.figures, ...block, overset: { kind: 'error' }, continues: { fromPage: leftover.fromPage, token: leftover.token } });
        articles.push({ slug: placed.slug, headline: leftover.headline, manuscript: null });
      }
    }
  });
  const shell = stories[0];
  if (!shell) throw new BroadsheetError('LayoutFailed', `Page ${page.number} holds no story.`);
  const document = pageDocument(stories, shell);
  const lang = pageLang(articles, requests, project.paper.lang);
  const folio = { paper, lang, date: edition.date, page: page.number, ...(page.section ? { section: page.section } : {}) };
  const title = pageTitle(page.number, page.section, edition);
  const what = `Page ${page.number} of ${edition.name}`;
  const job = {
    what,
    page: page.number,
    html: toHtml(document),
    request: { grid, folio, stories: requests },
    facts: { title: `${paper} ${edition.date} ${title}`, subject: articles.map((article) => article.headline).join(' / '), lang, date: edition.date },
    rules: (({ profile: _profile, ...rules }) => rules)(project.press),
    timeoutMs: project.timeouts.layoutMs,
    ...(input.pdfa ? { pdfa: { title: `${paper} ${edition.date} ${title}`, subject: articles.map((article) => article.headline).join(' / '), lang, date: edition.date } } : {}),
  };
  // Again after composing: a photo converted on this page adds the run's folder of converted photos.
  const inputs = { roots: { ...roots, ...pageRoots(project) }, profile: project.press.profile };
  const done = await runner.run(job, inputs, {
    ...input.hooks,
    laidOut(jumps) {
      for (const jump of jumps) {
        const article = articles[jump.story];
        const placed = page.articles[jump.story];
        if (article && placed?.kind === 'article') jumped.set(article.slug, { fromPage: page.number, token: jump.token, dir: placed.dir, headline: article.headline });
      }
      input.hooks.laidOut?.(jumps);
      input.laidOut();
    },
  }, signal);
  for (const problem of done.layout.problems) warnings.push(`page ${page.number}: layout: ${problem.severity}: ${problem.rule}: ${problem.message}`);
  const built: BuiltPage = { number: page.number, ...(page.section ? { section: page.section } : {}), title, pdf: done.pdf, screen: done.screen, ...(done.pdfa ? { pdfa: done.pdfa } : {}), preflight: done.preflight, views: done.views, proofHtml: done.proofHtml, layout: done.layout, files: done.files, articles };
  return { page: built, warnings, chromium: done.chromium };
}

/** Writes the edition PDF, one PDF, proof and layout report per page, and the files the proofs use. */
export async function writeEdition(built: BuiltEdition, outDir?: string, options: { force?: boolean } = {}): Promise<string> {
  const folder = resolve(outDir ?? join('dist', built.slug));
  const files = [{ path: 'edition.pdf', contents: built.pdf }];
  const copies = new Map<string, string>();
  for (const page of built.pages) {
    files.push({ path: `page-${page.number}.pdf`, contents: page.pdf });
    files.push({ path: `page-${page.number}.screen.pdf`, contents: page.screen });
    files.push({ path: `page-${page.number}.preflight.json`, contents: Buffer.from(JSON.stringify(page.preflight, null, 2) + '\n') });
    const viewFiles = (sheet: number) => editionPageViewFiles(page.number, sheet);
    files.push({ path: `page-${page.number}.html`, contents: Buffer.from(withPressViews(page.proofHtml, page.views, built.bleed, viewFiles)) });
    for (const view of page.views) files.push({ path: viewFiles(view.page).softProof, contents: view.softProof }, { path: viewFiles(view.page).ink, contents: view.ink });
    files.push({ path: `page-${page.number}.layout.json`, contents: Buffer.from(JSON.stringify(page.layout, null, 2) + '\n') });
    for (const [path, from] of page.files) copies.set(path, from);
  }
  await writeFolder({ folder, files, copies: [...copies].map(([path, from]) => ({ path, from })), sources: editionSources(built.edition), force: options.force === true });
  return folder;
}

/** An edition's output folder by default: `<output>/<edition file's name>`. */
export const editionOutDir = (output: string, file: string): string => join(output, basename(file, extname(file)));

/** What an edition's output may not be or hold: the edition file and every article folder it names. */
export function editionSources(edition: Edition): string[] {
  return [edition.file, ...edition.pages.flatMap((page) => page.articles.flatMap((article) => (article.kind === 'article' ? [article.dir] : [])))];
}

export function pageTitle(number: number, section: string | undefined, edition: Edition): string {
  const zh = !/^[\x20-\x7e]*$/.test(edition.name + (section ?? ''));
  return zh ? `第${number}版${section ? ` ${section}` : ''}` : `Page ${number}${section ? ` ${section}` : ''}`;
}

/** A page's language: its first story's (continued stories count too), or the paper's. */
function pageLang(articles: readonly BuiltArticle[], requests: readonly StoryRequest[], paperLang: string): string {
  return requests[0]?.lang ?? articles.find((article) => article.manuscript)?.manuscript?.frontMatter.lang ?? paperLang;
}

