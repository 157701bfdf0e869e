// `broadsheet archive`: builds an edition and writes it as a new, complete, unchangeable archive entry.
// The entry is written in a staging folder and renamed into place only when complete; an existing entry is never touched.
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { BroadsheetError } from '../errors/catalogue.ts';
import { isAlive } from '../workspace/run-folder.ts';
import { buildEdition, type BuiltEdition } from '../edition/build-edition.ts';
import type { PressBrowser } from '../render/browser.ts';
import { toolFontPackages, type ResolvedProject } from '../project/resolve.ts';
import { catalogueEntries, catalogueNewEntry, entryRecordName, type EntryRecord } from './catalogue.ts';
import { writeArchiveIndex } from './index-page.ts';
import { describeFiles, manifestName, type Manifest } from './manifest.ts';
import { articleText, newsArticle } from './news-article.ts';
import { ghostscriptVersion } from '../pdf/pdfa.ts';
import { pagesAtOnce, sideBySide } from '../edition/side-by-side.ts';
import { timed, withStageClock, type StageSpans, type StageTimes } from '../workspace/stage-clock.ts';
import { selfContained } from './self-contained.ts';

const run = promisify(execFile);

/**
 * Archives an edition; `stages` says where the time went (milliseconds; a stage of every page is their sum), and
 * `spans` when each stage ran, from its first start to its last end (milliseconds since the process started).
 */
export async function archiveEdition(options: Parameters<typeof archiveInStages>[0]): Promise<{ entry: string; path: string; stages: StageTimes; spans: StageSpans }> {
  const { value, stages, spans } = await withStageClock(() => archiveInStages(options));
  return { ...value, stages, spans };
}

async function archiveInStages(options: {
  project: ResolvedProject;
  file: string;
  log?: (line: string) => void;
  press?: PressBrowser;
  signal?: AbortSignal;
  onPage?: (page: number, of: number) => void;
  /** Who sets the pages, and what each page's progress is told to (as for buildEdition). */
  runner?: Parameters<typeof buildEdition>[0]['runner'];
  onJob?: Parameters<typeof buildEdition>[0]['onJob'];
  /** The edition file the entry keeps as its edition.yaml (a re-render's is the archived one, not its working copy). */
  editionCopy?: string;
}): Promise<{ entry: string; path: string }> {
  const { project } = options;
  const archiveDir = resolve(project.archiveDir);
  // What can be checked before anything is built is checked first: Ghostscript, then the edition file.
  const gs = await ghostscriptVersion();
  await mkdir(archiveDir, { recursive: true });
  await removeAbandonedStaging(archiveDir);
  const built = await timed('build the edition', () => buildEdition({
    project,
    file: options.file,
    ...(options.press ? { press: options.press } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onPage ? { onPage: options.onPage } : {}),
    ...(options.runner ? { runner: options.runner } : {}),
    ...(options.onJob ? { onJob: options.onJob } : {}),
    pdfa: true,
  }));
  options.signal?.throwIfAborted();
  const staging = join(archiveDir, `.staging-${process.pid}-${Date.now()}`);
  try {
    const archivedAt = new Date().toISOString();
    // Entries an interrupted run put in place without cataloguing are catalogued first.
    await catalogueEntries(archiveDir);
    const record = await timed('write the entry', () => writeEntry(staging, built, { gs, archivedAt, log: options.log ?? (() => undefined), project, editionCopy: options.editionCopy ?? built.edition.file, ...(options.signal ? { signal: options.signal } : {}) }));
    options.signal?.throwIfAborted();
    const entry = await timed('catalogue', () => catalogueNewEntry(
      archiveDir,
      record,
      () => moveIntoPlace(staging, archiveDir, `${built.edition.date}_${built.slug}`),
      (name) => rename(join(archiveDir, name), staging),
    ));
    // The index page is made from the entries themselves, so one that could not be written is mended by the next run.
    await writeArchiveIndex(archiveDir);
    return { entry, path: join(archiveDir, entry) };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Writes the whole entry into `dir` and makes it read-only; returns its record for the catalogue. */
interface EntryContext {
  readonly gs: string;
  readonly archivedAt: string;
  readonly log: (line: string) => void;
  readonly project: ResolvedProject;
  readonly editionCopy: string;
  readonly signal?: AbortSignal;
}

async function writeEntry(dir: string, built: BuiltEdition, context: EntryContext): Promise<EntryRecord> {
  const { gs, archivedAt, log, project, signal, editionCopy } = context;
  const put = async (path: string, contents: Uint8Array | string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), contents);
  };
  const { edition } = built;
  // The reading copy of the whole edition (screen colours, bookmarks); the plant's files are under press/.
  await put('edition.pdf', built.pdf);
  // Pages side by side, one a core: each page's proof is made self-contained (its fonts and photos inlined).
  const stop = new AbortController();
  const pageSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  await sideBySide(built.pages, pagesAtOnce(built.pages.length), stop, async (page) => {
    pageSignal.throwIfAborted();
    await put(`press/page-${page.number}.pdf`, page.pdf);
    await put(`press/page-${page.number}.preflight.json`, JSON.stringify(page.preflight, null, 2) + '\n');
    await timed('self-contained proofs', async () => put(`proof/page-${page.number}.html`, await selfContained(page.proofHtml, page.files)));
    // Made as the page was set (where it was set): PDF/A keeps what readers see, the screen copy, not the press's CMYK.
    if (!page.pdfa) throw new Error(`page ${page.number} was built without its PDF/A copy`);
    await put(`pdfa/page-${page.number}.pdf`, page.pdfa);
    log(`page ${page.number}: press copy, preflight, self-contained proof and PDF/A-2b copy written`);
  });
  signal?.throwIfAborted();
  await copyFile(editionCopy, join(dir, 'edition.yaml'));

  const articles: EntryRecord['articles'][number][] = [];
  for (const page of built.pages) {
    for (const article of page.articles) {
      const manuscript = article.manuscript;
      if (!manuscript) continue;
      const pages = built.pages.filter((candidate) => candidate.articles.some((placed) => placed.slug === article.slug)).map((candidate) => candidate.number);
      await put(`manuscripts/${article.slug}/article.md`, String(manuscript.file.value));
      const photos: string[] = [];
      for (const photo of manuscript.photos.values()) {
        const target = `manuscripts/${article.slug}/${photo.relativePath}`;
        await mkdir(dirname(join(dir, target)), { recursive: true });
        await copyFile(photo.absolutePath, join(dir, target));
        photos.push(target);
      }
      const issue = { paper: built.paper, date: edition.date, edition: edition.name, ...(edition.number === undefined ? {} : { editionNumber: edition.number }) };
      await put(`articles/${article.slug}.jsonld`, JSON.stringify(newsArticle({ manuscript, issue, pages, photos, pdf: `press/page-${pages[0] ?? 1}.pdf` }), null, 2) + '\n');
      const { frontMatter } = manuscript;
      // Catalogued under the day it was printed: the edition's date, whatever the manuscript says it was written.
      articles.push({ slug: article.slug, pages, headline: frontMatter.headline, byline: frontMatter.byline.join('; '), date: edition.date, lang: frontMatter.lang, body: articleText(manuscript) });
    }
  }
  await timed('thumbnail', () => run('pdftoppm', ['-png', '-r', '20', '-singlefile', join(dir, `pdfa/page-${built.pages[0]?.number ?? 1}.pdf`), join(dir, 'thumbnail')], { timeout: 120_000 }));
  const record: EntryRecord = { paper: built.paper, edition: edition.name, date: edition.date, archivedAt, articles };
  await put(entryRecordName, JSON.stringify(record, null, 2) + '\n');

  const manifest: Manifest = {
    format: 'broadsheet-archive-entry/1',
    archivedAt,
    edition: { paper: built.paper, name: edition.name, date: edition.date, ...(edition.number === undefined ? {} : { number: edition.number }), pages: built.pages.map((page) => page.number) },
    build: await buildFacts(built.chromium, gs, project),
    files: await timed('manifest (hashing every file)', () => describeFiles(dir)),
  };
  await put(manifestName, JSON.stringify(manifest, null, 2) + '\n');
  await makeReadOnly(dir);
  return record;
}

async function buildFacts(chromium: string, gs: string, project: ResolvedProject): Promise<Record<string, string>> {
  const require = createRequire(join(project.toolRoot, 'package.json'));
  const version = (name: string): string => {
    try {
      const manifest: unknown = require(`${name}/package.json`);
      return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
    } catch {
      return 'unknown';
    }
  };
  const facts: Record<string, string> = { broadsheet: project.version, chromium, ghostscript: gs, node: process.version, puppeteer: version('puppeteer-core'), 'pdf-lib': version('pdf-lib') };
  for (const name of toolFontPackages) facts[name] = version(name);
  return facts;
}

/** Renames the finished staging folder to the first free revision name: `<date>_<edition>_r1`, `_r2`, … */
async function moveIntoPlace(staging: string, archiveDir: string, stem: string): Promise<string> {
  for (let revision = 1; revision < 10_000; revision++) {
    const entry = `${stem}_r${revision}`;
    const target = join(archiveDir, entry);
    if (await stat(target).then(() => true, () => false)) continue;
    try {
      // rename() of a folder onto an existing non-empty folder fails, so a finished entry can never be replaced.
      await rename(staging, target);
      return entry;
    } catch (error) {
      if (isCode(error, 'ENOTEMPTY') || isCode(error, 'EEXIST')) continue;
      throw new BroadsheetError('OutputFailed', `Could not move the new archive entry into ${target}: ${String(error)}`, { cause: error });
    }
  }
  throw new BroadsheetError('OutputFailed', `Too many revisions of ${stem} in ${archiveDir}.`);
}

async function makeReadOnly(dir: string): Promise<void> {
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) await makeReadOnly(path);
    else await chmod(path, 0o444);
  }
  await chmod(dir, 0o555);
}

/** Staging folders of runs that died (their process is gone) are removed; a running archive's are left alone. */
async function removeAbandonedStaging(archiveDir: string): Promise<void> {
  for (const item of await readdir(archiveDir, { withFileTypes: true })) {
    const pid = /^\.staging-(\d+)-/.exec(item.name)?.[1];
    if (!pid || isAlive(Number(pid))) continue;
    const path = join(archiveDir, item.name);
    await chmodTree(path);
    await rm(path, { recursive: true, force: true });
  }
}

async function chmodTree(path: string): Promise<void> {
  await chmod(path, 0o755).catch(() => undefined);
  for (const item of await readdir(path, { withFileTypes: true }).catch(() => [])) {
    if (item.isDirectory()) await chmodTree(join(path, item.name));
  }
}

const isCode = (error: unknown, code: string): boolean => typeof error === 'object' && error !== null && 'code' in error && error.code === code;
