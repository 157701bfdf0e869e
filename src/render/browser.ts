// Owns the one Chromium process a build uses: finds Debian's binary, launches it offline, closes it.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import puppeteer, { type Browser } from 'puppeteer-core';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { PageRack } from './page-rack.ts';
import type { FinishedCopies } from './finished-copies.ts';
import type { PrintedPage } from './press.ts';
import type { ResolvedProject } from '../project/resolve.ts';
import { childEnvironment, scratchFolder } from '../workspace/run-folder.ts';

const candidateBinaries = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const chromiumFlags = [
  '--headless=new',
  '--disable-gpu', // no GPU here; software rendering gives the same PDF everywhere
  '--disable-background-networking', // otherwise Chromium keeps calling home on a closed network
  '--disable-component-update', // no component downloads
  '--disable-sync', // no account sync
  '--no-first-run', // no first-run wizard or its network calls
  '--disable-default-apps', // nothing preinstalled that could fetch
  // Nothing leaves the machine: every name, IP literals too, resolves to "not found" but the proof server's
  // 127.0.0.1, and anything that still tries to connect goes to a proxy on the discard port, which refuses it.
  // Loopback is never proxied.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=127.0.0.1:9',
  // WebUIOmniboxPopup, WebUIOmniboxAimPopup: the omnibox's popup is a web page Chromium preloads in a renderer of its
  // own even headless (160 MB, and 1.0 s of Chromium's CPU in a trace of the sample's build).
  '--disable-features=Translate,OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,PrivacySandboxSettings4,NetworkTimeServiceQuerying,WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  '--no-pings', // no hyperlink auditing
  '--disable-domain-reliability', // no reports to Google's reliability monitor
  '--disable-client-side-phishing-detection', // no model download
  '--disable-breakpad', // no crash upload
  '--disable-field-trial-config', // no field trials from the server
  '--metrics-recording-only', // no metrics upload
  '--disable-extensions',
  '--font-render-hinting=none', // the same glyph advances on screen and in print
  '--disable-dev-shm-usage', // /dev/shm is small in containers
];

export interface PressBrowser {
  readonly browser: Browser;
  readonly executablePath: string;
  /** A warm press's pages kept open between builds (warm-press.ts); a plain launch has none. */
  readonly rack?: PageRack;
  /** A warm press's finished copies, for pages printed again unchanged (finished-copies.ts); a plain launch has none. */
  readonly finished?: FinishedCopies<PrintedPage>;
  /** Closes Chromium; `at once` ends it without its orderly shutdown (nothing of its profile is kept anyway). */
  close(how?: 'at once'): Promise<void>;
}

/** The Chromium binary: the one the project names (from BROADSHEET_CHROMIUM, read when it was resolved), or Debian's. */
export function findChromium(named?: string): string {
  if (named) {
    if (existsSync(named)) return named;
    throw new BroadsheetError('ChromiumMissing', `BROADSHEET_CHROMIUM points at ${named}, which does not exist.`);
  }
  const found = candidateBinaries.find((path) => existsSync(path));
  if (found) return found;
  throw new BroadsheetError('ChromiumMissing', `None of ${candidateBinaries.join(', ')} exists.`);
}

/** Launches Chromium over a pipe, so that it dies with this process. */
export async function launchBrowser(options: { project?: Pick<ResolvedProject, 'chromium' | 'timeouts'> } = {}): Promise<PressBrowser> {
  const executablePath = findChromium(options.project?.chromium);
  const args = [...chromiumFlags];
  // Chromium refuses to run its sandbox as root; that is how CI and fresh machines run here.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // Its profile and temporary files live in the run's folder: removed on close, or by the next run after a kill.
  const profile = await scratchFolder('chromium-profile');
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      userDataDir: profile,
      env: await childEnvironment({ sockets: true }),
      pipe: true,
      // Broadsheet's own handlers close the browser and say what happened; Puppeteer's would exit first.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args,
      timeout: options.project?.timeouts.launchMs ?? 30_000,
      protocolTimeout: 120_000,
    });
  } catch (cause) {
    await rm(profile, { recursive: true, force: true });
    throw new BroadsheetError('ChromiumLaunchFailed', `${executablePath} did not start: ${String(cause)}`, { cause });
  }
  let closed = false;
  return {
    browser,
    executablePath,
    async close(how) {
      if (closed) return;
      closed = true;
      const chromium = browser.process();
      if (how === 'at once' && chromium) {
        const ended = new Promise((resolve) => chromium.once('exit', resolve));
        chromium.kill('SIGKILL');
        await ended;
        await browser.disconnect().catch(() => undefined);
      } else {
        await browser.close().catch(() => chromium?.kill('SIGKILL'));
      }
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
