// The render stage: loads the filled page into Chromium behind an allowlist, lays it out, and keeps it open to print the PDF of exactly what the proof shows.
import { readFile } from 'node:fs/promises';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { BroadsheetError } from '../errors/catalogue.ts';
import { layOutPage } from './lay-out-page.ts';
import type { LayoutReport, LayoutRequest } from '../layout/report.ts';
import { pageOrigin, resolvePageFile, type PageRoots } from './page-files.ts';
import { fitPhotos } from './fit-photos.ts';
import { timed } from '../workspace/stage-clock.ts';

export interface RenderInput {
  readonly browser: Browser;
  /** The filled template, serialised. */
  readonly html: string;
  readonly roots: PageRoots;
  readonly layout: LayoutRequest;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface SetPage {
  /** The laid-out page without scripts: opens in a browser as it is and shows the PDF's lines. */
  readonly proofHtml: string;
  /** Every file the page loaded, by URL path, so the proof can carry copies of them. */
  readonly files: ReadonlyMap<string, string>;
  readonly layout: LayoutReport;
  /** What the page was asked to lay out (its grid, folio, stories). */
  readonly request: LayoutRequest;
  /** Prints the page as it stands: the same DOM the proof was taken from. */
  print(): Promise<Uint8Array>;
  /**
   * Sets new text in the same page, keeping its loaded fonts, styles and photos: a proof's fast path after an edit
   * of the text alone. The returned page replaces this one (which must then not be printed or closed).
   */
  relayout(html: string, layout: LayoutRequest): Promise<SetPage>;
  close(): Promise<void>;
}

const documentPath = '/index.html';

/** Font files never change under a running process (they are installed packages): read each once. */
const fontCache = new Map<string, Promise<Buffer>>();

function readPageFile(path: string): Promise<Buffer> {
  if (!path.includes('/node_modules/@fontsource/')) return readFile(path);
  let cached = fontCache.get(path);
  if (!cached) {
    cached = readFile(path);
    fontCache.set(path, cached);
  }
  return cached;
}

export async function setPage(input: RenderInput): Promise<SetPage> {
  const timeoutMs = input.timeoutMs ?? 60_000;
  const page: Page = await input.browser.newPage();
  const files = new Map<string, string>();
  const refused: string[] = [];
  /** Files Broadsheet made for this page (resampled photos), answered before the allowlist. */
  const made = new Map<string, string>();
  try {
    await page.setRequestInterception(true);
    const answer = async (request: HTTPRequest) => {
      const url = request.url();
      if (url === pageOrigin + documentPath) {
        return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: input.html });
      }
      if (url.startsWith('data:')) return request.continue();
      const own = made.get(decodeURIComponent(new URL(url).pathname.slice(1)));
      if (own) return request.respond({ status: 200, contentType: own.endsWith('.png') ? 'image/png' : 'image/jpeg', body: await readFile(own) });
      const file = resolvePageFile(url, input.roots);
      if (file.kind === 'refused') {
        refused.push(`${url.slice(0, 200)}: ${file.reason}`);
        return request.abort('blockedbyclient');
      }
      files.set(file.urlPath, file.path);
      return request.respond({ status: 200, contentType: file.mime, body: await readPageFile(file.path) });
    };
    page.on('request', (request) => void answer(request).catch(() => request.abort('failed').catch(() => undefined)));

    await timed('load page', () => page.goto(pageOrigin + documentPath, { waitUntil: 'load', timeout: timeoutMs, ...(input.signal ? { signal: input.signal } : {}) }));
    const settle = async (request: LayoutRequest): Promise<SetPage> => {
      const layout = await timed('lay out', () => layOutPage({ page, request, timeoutMs, ...(input.signal ? { signal: input.signal } : {}) }));
      if (refused.length > 0) {
        throw new BroadsheetError('RequestBlocked', `The page asked for ${refused.length} file${refused.length === 1 ? '' : 's'} it may not load:`, { details: refused });
      }
      const unreadable = layout.problems.filter((problem) => problem.rule === 'photo-unreadable');
      if (unreadable.length > 0) {
        throw new BroadsheetError('PhotoInvalid', 'Chromium could not decode these photos:', { details: unreadable.map((problem) => problem.message) });
      }
      const proofHtml = await page.evaluate(() => {
        for (const script of Array.from(document.querySelectorAll('script'))) script.remove();
        return '<!doctype html>\n' + document.documentElement.outerHTML;
      });
      return {
        proofHtml,
        files,
        layout,
        request,
        async print() {
          await timed('fit photos', () => fitPhotos(page, files, (urlPath, path) => void made.set(urlPath, path)));
          return timed('print', () => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: timeoutMs }));
        },
        async relayout(html, next) {
          await page.evaluate((markup) => {
            const fresh = new DOMParser().parseFromString(markup, 'text/html');
            document.title = fresh.title;
            document.documentElement.lang = fresh.documentElement.lang;
            document.body.replaceWith(document.importNode(fresh.body, true));
          }, html);
          return settle(next);
        },
        close: () => page.close().catch(() => undefined),
      };
    };
    return await settle(input.layout);
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}
