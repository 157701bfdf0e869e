// A proof session: rebuilds the article whenever asked, keeps the last good page open in Chromium, and prints exactly what was shown.
import { basename, resolve } from 'node:path';
import { composeArticle, type ComposedArticle, type ComposeOptions } from '../compose.ts';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { Diagnostic } from '../errors/diagnostic.ts';
import { layoutDiagnostics } from '../layout/diagnostics.ts';
import type { LayoutReport } from '../layout/report.ts';
import { toDiagnostics } from '../manuscript/diagnostics.ts';
import { defaultOutDir, publishArticle, type Published } from '../output/publish.ts';
import type { PressBrowser } from '../render/browser.ts';
import { pageRoots, type PageRoots } from '../render/page-files.ts';
import { setPage, type SetPage } from '../render/set-page.ts';

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
  rebuild(): Promise<ProofState>;
  /** Writes the PDF of build `id`, which must be the one on show. */
  printShown(id: number): Promise<Published>;
  close(): Promise<void>;
}

export async function openSession(options: ComposeOptions & { press: PressBrowser; outDir?: string }): Promise<ProofSession> {
  const dir = resolve(options.dir);
  const outDir = resolve(options.outDir ?? defaultOutDir(basename(dir)));
  const chromium = await options.press.browser.version();
  let shown: { id: number; article: ComposedArticle; set: SetPage } | undefined;
  let state: ProofState = { id: 0, builtAt: new Date().toISOString(), title: basename(dir), diagnostics: [], layout: null, proofHtml: null };
  let running: Promise<ProofState> | undefined;
  let again = false;

  const once = async (): Promise<ProofState> => {
    const id = state.id + 1;
    const builtAt = new Date().toISOString();
    try {
      const article = await composeArticle({ ...options, dir });
      // Start copyfitting from the photo sizes of the proof on screen: a small edit rarely changes them.
      const hints = state.layout?.stories.map((story) => story.scale) ?? [];
      const layout = { ...article.layout, stories: article.layout.stories.map((story, index) => (hints[index] === undefined ? story : { ...story, scaleHint: hints[index] })) };
      const set = await setPage({ browser: options.press.browser, html: article.html, roots: pageRoots(article.manuscript.dir), layout });
      const previous = shown;
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
  };

  const rebuild = (): Promise<ProofState> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result = await once();
      while (again) {
        again = false;
        result = await once();
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
    roots: () => pageRoots(dir),
    rebuild,
    async printShown(id) {
      if (!shown || shown.id !== id || id !== state.id || state.proofHtml === null) {
        throw new BroadsheetError('OutputFailed', `The proof on screen (build ${id}) is not the current one (build ${state.id}); reload the proof and print again.`);
      }
      const printed = await shown.set.print();
      return publishArticle({ article: shown.article, set: shown.set, printed, chromium, outDir });
    },
    async close() {
      await running?.catch(() => undefined);
      await shown?.set.close();
      shown = undefined;
    },
  };
}

function diagnosticsOf(error: unknown): Diagnostic[] {
  if (error instanceof BroadsheetError) {
    if (error.diagnostics.length > 0) return [...error.diagnostics];
    return [{ severity: 'error', rule: `broadsheet:${error.entry.code}`, message: [error.message, ...error.details].join(' ') }];
  }
  return [{ severity: 'error', rule: 'broadsheet:internal', message: error instanceof Error ? error.message : String(error) }];
}
