// Owns the one Chromium process a build uses: finds Debian's binary, launches it offline, closes it.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { ResolvedProject } from '../project/resolve.ts';

const candidateBinaries = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const chromiumFlags = [
  '--headless=new',
  '--disable-gpu', // no GPU here; software rendering gives the same PDF everywhere
  '--disable-background-networking', // otherwise Chromium keeps calling home on a closed network
  '--disable-component-update', // no component downloads
  '--disable-sync', // no account sync
  '--no-first-run', // no first-run wizard or its network calls
  '--disable-default-apps', // nothing preinstalled that could fetch
  '--font-render-hinting=none', // the same glyph advances on screen and in print
  '--disable-dev-shm-usage', // /dev/shm is small in containers
];

export interface PressBrowser {
  readonly browser: Browser;
  readonly executablePath: string;
  close(): Promise<void>;
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
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
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
    throw new BroadsheetError('ChromiumLaunchFailed', `${executablePath} did not start: ${String(cause)}`, { cause });
  }
  let closed = false;
  return {
    browser,
    executablePath,
    async close() {
      if (closed) return;
      closed = true;
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    },
  };
}
