// A proof session: rebuilds the article whenever asked, keeps the last good page open in Chromium, and prints exactly what was shown.
import { basename, resolve } from 'node:path';
import { composeArticle, type ComposedArticle, type ComposeOptions } from '../compose.ts';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { Diagnostic } from '../errors/diagnostic.ts';
import { layoutDiagnostics } from '../layout/diagnostics.ts';
import type { LayoutReport } from '../layout/report.ts';
import { toDiagnostics } from '../manuscript/diagnostics.ts';
import { articleOutDir, publishArticle, type Published } from '../output/publish.ts';
import { articleFacts } from '../pdf/finish.ts';
import type { PressBrowser } from '../render/browser.ts';
import { pageRoots, type PageRoots } from '../render/page-files.ts';
import { copiesBytes, openPage, pressCopies, printPage, type PrintedPage } from '../render/press.ts';
import { finishedCopies } from '../render/finished-copies.ts';
import type { PreflightReport } from '../preflight/preflight.ts';
import type { PressView } from '../preflight/press-views.ts';
import type { SetPage } from '../render/set-page.ts';
import { headOf } from '../render/page-rack.ts';

export interface ProofState {
  /** Counts builds; the proof page knows which one it shows. */
  readonly id: number;
  readonly builtAt: string;
  readonly title: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly layout: LayoutReport | null;
  /** The laid-out page, or null when this build failed (the diagnostics say why). */
  readonly proofHtml: string | null;
}

export interface ProofSession {
  readonly dir: string;
  readonly outDir: string;
  state(): ProofState;
  roots(): PageRoots;
  /**
   * What changed: `body` (the manuscript's text or photos) or `styles` (a stylesheet), and the open page takes the
   * new body in place, its fonts loaded, its photos (and for `styles` its stylesheets) loaded afresh; `all` (a
   * template, or not known) loads a new page.
   */
  rebuild(options?: { change?: ProofChange }): Promise<ProofState>;
  /** Writes the PDF of build `id`, which must be the one on show. */
  printShown(id: number): Promise<Published>;
  /**
   * The soft proof and ink overlay of build `id` (the one on show), made from its press copy whatever the
   * preflight says, and kept until the next build; nothing is written.
   */
  pressViews(id: number): Promise<ShownPressViews>;
  close(): Promise<void>;
}

export interface ShownPressViews {
  readonly build: number;
  readonly views: readonly PressView[];
  readonly preflight: PreflightReport;
  readonly bleed: number;
}

/** Where the proof's Print writes: `outDir`, or the house output folder's `<folder name>`. */
export const printOutDir = (options: Pick<ComposeOptions, 'dir' | 'project'> & { outDir?: string }): string => resolve(options.outDir ?? articleOutDir(options.project.outDir, basename(resolve(options.dir))));

export async function openSession(options: ComposeOptions & { press: PressBrowser; outDir?: string; force?: boolean }): Promise<ProofSession> {
  const dir = resolve(options.dir);
  const { project } = options;
  const outDir = printOutDir(options);
  const chromium = await options.press.browser.version();
  let shown: { id: number; article: ComposedArticle; set: SetPage } | undefined;
  let state: ProofState = { id: 0, builtAt: new Date().toISOString(), title: basename(dir), diagnostics: [], layout: null, proofHtml: null };
  let running: Promise<ProofState> | undefined;
  let pressed: ShownPressViews | undefined;
  let again: ProofChange | undefined;
  // The press views and Print finish the same print of the page on show: Print takes the copies the views were made of.
  const finished = options.press.finished ?? finishedCopies<PrintedPage>({ sizeOf: copiesBytes, bytes: 16 * 1024 * 1024 });
  // Printing and rebuilding take turns: a rebuild may reset the very page a print is reading.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work, work);
    turn = result.catch(() => undefined);
    return result;
  };

  const once = (change: ProofChange): Promise<ProofState> => exclusive(async () => {
    const id = state.id + 1;
    const builtAt = new Date().toISOString();
    try {
      const article = await composeArticle({ ...options, dir });
      const { layout } = article;
      const reuse = change !== 'all' && shown !== undefined && headOf(shown.article.html) === headOf(article.html);
      const set = reuse && shown
        ? await shown.set.relayout(article.html, layout, undefined, { restyle: change === 'styles' })
        : await openPage({ browser: options.press.browser, html: article.html, roots: pageRoots(project, article.manuscript.dir), request: layout, what: article.manuscript.slug, timeoutMs: project.timeouts.layoutMs });
      const previous = reuse ? undefined : shown;
      const { manuscript } = article;
      // The page on show and the state that names it change together, before anything else can run.
      shown = { id, article, set };
      state = {
        id,
        builtAt,
        title: manuscript.frontMatter.headline,
        diagnostics: [...toDiagnostics(manuscript.file.messages, manuscript.dir), ...layoutDiagnostics(set.layout)],
        layout: set.layout,
        proofHtml: set.proofHtml,
      };
      await previous?.set.close();
    } catch (error) {
      state = { id, builtAt, title: basename(dir), diagnostics: diagnosticsOf(error), layout: null, proofHtml: null };
    }
    return state;
  });

  const rebuild = (request: { change?: ProofChange } = {}): Promise<ProofState> => {
    const change = request.change ?? 'all';
    if (running) {
      // Saves while a build runs are built once after it, as the widest of their changes.
      again = again === undefined ? change : widest(again, change);
      return running;
    }
    running = (async () => {
      let result = await once(change);
      while (again !== undefined) {
        const next = again;
        again = undefined;
        result = await once(next);
      }
      running = undefined;
      return result;
    })();
    return running;
  };

  return {
    dir,
    outDir,
    state: () => state,
    roots: () => pageRoots(project, dir),
    rebuild,
    printShown(id) {
      return exclusive(async () => {
        if (!shown || shown.id !== id || id !== state.id || state.proofHtml === null) {
          throw new BroadsheetError('OutputFailed', `The proof on screen (build ${id}) is not the current one (build ${state.id}); reload the proof and print again.`);
        }
        // The same press as `broadsheet build`: a page the build would refuse (overset, a photo without room) is refused.
        const { manuscript } = shown.article;
        const printed = await printPage(shown.set, articleFacts(manuscript.frontMatter, `Broadsheet (${chromium})`), `${manuscript.slug} on the ${shown.article.grid.label} page`, project.press, { finished });
        return publishArticle({ article: shown.article, pressed: { ...printed, proofHtml: shown.set.proofHtml, files: shown.set.files, layout: shown.set.layout }, outDir, bleed: project.press.bleed, force: options.force === true });
      });
    },
    pressViews(id) {
      if (pressed?.build === id) return Promise.resolve(pressed);
      return exclusive(async () => {
        if (!shown || shown.id !== id || id !== state.id || state.proofHtml === null) {
          throw new BroadsheetError('OutputFailed', `The proof on screen (build ${id}) is not the current one (build ${state.id}); reload the proof.`);
        }
        const { manuscript } = shown.article;
        const copies = await pressCopies(shown.set, articleFacts(manuscript.frontMatter, `Broadsheet (${chromium})`), project.press, { finished });
        pressed = { build: id, views: copies.views, preflight: copies.preflight, bleed: project.press.bleed };
        return pressed;
      });
    },
    async close() {
      await running?.catch(() => undefined);
      await shown?.set.close();
      shown = undefined;
    },
  };
}

/** The document head without its title: when it is unchanged, the loaded page's fonts and styles still apply. */
/** What a save changed, narrowest first: the manuscript, a stylesheet, anything else. */
export type ProofChange = 'body' | 'styles' | 'all';

const widths: Readonly<Record<ProofChange, number>> = { body: 0, styles: 1, all: 2 };
const widest = (a: ProofChange, b: ProofChange): ProofChange => (widths[a] >= widths[b] ? a : b);

function diagnosticsOf(error: unknown): Diagnostic[] {
  if (error instanceof BroadsheetError) {
    if (error.diagnostics.length > 0) return [...error.diagnostics];
    return [{ severity: 'error', rule: `broadsheet:${error.entry.code}`, message: [error.message, ...error.details].join(' ') }];
  }
  return [{ severity: 'error', rule: 'broadsheet:internal', message: error instanceof Error ? error.message : String(error) }];
}
