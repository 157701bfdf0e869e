// A press that stays up between builds, for scripts and newsrooms that build article after article: Chromium is
// launched once, Ghostscript compiled once, and pages are kept open with their fonts and styles loaded (a page takes
// the next article with the same template in). A page is closed after `reuses` layouts and at most `keep` are kept
// idle, so memory stays bounded however long it runs; a Chromium that died is started again for the next build. A page
// printed again unchanged takes the copies finished the first time (finished-copies.ts; 64 MB of them at most).
import { readyPressTools } from './press-tools.ts';
import type { ResolvedProject } from '../project/resolve.ts';
import { launchBrowser, type PressBrowser } from './browser.ts';
import { pageRack, type PageRack } from './page-rack.ts';
import { finishedCopies, type FinishedCopies } from './finished-copies.ts';
import { copiesBytes, type PrintedPage } from './press.ts';

export interface WarmPress extends PressBrowser {
  readonly rack: PageRack;
  readonly finished: FinishedCopies<PrintedPage>;
  /** Builds done through it, and how many times Chromium was started. */
  readonly builds: number;
  readonly launches: number;
  /** A press in working order for the next build: Chromium started again if it died. */
  ready(): Promise<PressBrowser>;
  /** Counts a build done. */
  built(): void;
  /** Closes Chromium with its pages and starts a fresh one (a worker's every N pages, or after a page hung). */
  restart(): Promise<void>;
}

export async function openWarmPress(options: { project: Pick<ResolvedProject, 'chromium' | 'timeouts'>; reuses?: number; keep?: number }): Promise<WarmPress> {
  readyPressTools();
  let press = await launchBrowser({ project: options.project });
  let rack = pageRack({ reuses: options.reuses ?? 20, keep: options.keep ?? 2 });
  // Kept across restarts: the copies depend on what Chromium printed, not on which Chromium printed it.
  const finished = finishedCopies<PrintedPage>({ sizeOf: copiesBytes });
  let builds = 0;
  let launches = 1;
  const warm: WarmPress = {
    get browser() {
      return press.browser;
    },
    get executablePath() {
      return press.executablePath;
    },
    get rack() {
      return rack;
    },
    finished,
    get builds() {
      return builds;
    },
    get launches() {
      return launches;
    },
    async ready() {
      if (press.browser.connected) return warm;
      // Chromium died (killed, out of memory): its pages went with it; a new one takes the next build.
      await press.close().catch(() => undefined);
      rack = pageRack({ reuses: options.reuses ?? 20, keep: options.keep ?? 2 });
      press = await launchBrowser({ project: options.project });
      launches++;
      return warm;
    },
    built() {
      builds++;
    },
    async restart() {
      await rack.close().catch(() => undefined);
      await press.close('at once').catch(() => undefined);
      rack = pageRack({ reuses: options.reuses ?? 20, keep: options.keep ?? 2 });
      press = await launchBrowser({ project: options.project });
      launches++;
    },
    async close(how) {
      await rack.close();
      await press.close(how);
    },
  };
  return warm;
}
