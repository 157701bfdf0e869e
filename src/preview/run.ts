// `broadsheet preview`: one browser, one proof session, the server, and a watcher that rebuilds on every save.
import { join, sep } from 'node:path';
import { launchBrowser } from '../render/browser.ts';
import type { ComposeOptions } from '../compose.ts';
import { claimOutputFolder } from '../output/ownership.ts';
import { openSession, printOutDir, type ProofChange } from './session.ts';
import { startProofServer } from './server.ts';
import { watchFolders } from './watch.ts';

export interface PreviewOptions extends ComposeOptions {
  readonly port: number;
  readonly outDir?: string;
  /** Print may rebuild an output folder Broadsheet made even if files were added to it (they are kept). */
  readonly force?: boolean;
  /** Called with each line the preview has to say (URL, rebuilds). */
  readonly log: (line: string) => void;
}

export interface RunningPreview {
  readonly url: string;
  stop(): Promise<void>;
}

/** What the saved paths change: the manuscript's body, the stylesheets, or more. */
export function changeOf(paths: readonly string[], manuscriptDir: string, article: string): ProofChange {
  if (paths.every((path) => path === article || (path.startsWith(manuscriptDir + sep) && !/\.(css|html?)$/i.test(path)))) return 'body';
  if (paths.every((path) => path === article || /\.css$/i.test(path) || (path.startsWith(manuscriptDir + sep) && !/\.html?$/i.test(path)))) return 'styles';
  return 'all';
}

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  // Print would be refused later: say so now, before Chromium starts.
  await claimOutputFolder({ folder: printOutDir(options), sources: [options.dir], force: options.force === true });
  const press = await launchBrowser({ project: options.project });
  try {
    const session = await openSession({ ...options, press });
    const first = await session.rebuild();
    const server = await startProofServer({ session, port: options.port, proofCss: join(options.project.toolRoot, 'styles/proof.css') });
    options.log(`proof of ${first.title} at ${server.url} (127.0.0.1 only; Ctrl-C stops)`);
    const article = join(session.dir, 'article.md');
    const stopWatching = watchFolders([session.dir, ...options.project.watched], (paths) => {
      const started = performance.now();
      // The manuscript's text or photos, or a stylesheet: the open page takes the new body (photos and stylesheets
      // under URLs of their own version); a template: the page is loaded again.
      const change = changeOf(paths, session.dir, article);
      void session.rebuild({ change }).then((state) => {
        const errors = state.diagnostics.filter((d) => d.severity === 'error').length;
        options.log(`build ${state.id} after ${paths.join(', ')}: ${errors === 0 ? 'ok' : `${errors} errors`} in ${Math.round(performance.now() - started)} ms`);
        server.announce(state.id, change === 'all');
      });
    });
    return {
      url: server.url,
      async stop() {
        stopWatching();
        await server.close();
        await session.close();
        await press.close();
      },
    };
  } catch (error) {
    await press.close();
    throw error;
  }
}
