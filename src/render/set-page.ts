// The render stage: loads the filled page into Chromium behind an allowlist, lays it out, and keeps it open to print the PDF of exactly what the proof shows.
import { readFile } from 'node:fs/promises';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { BroadsheetError } from '../errors/catalogue.ts';
import { layOutPage } from './lay-out-page.ts';
import type { LayoutReport, LayoutRequest } from '../layout/report.ts';
import { findPageFile, pageOrigin, type PageFiles, type PageRoots } from './page-files.ts';
import { fitPhotos } from './fit-photos.ts';
import { timed } from '../workspace/stage-clock.ts';

export interface RenderInput {
  readonly browser: Browser;
  /** The filled template, serialised. */
  readonly html: string;
  readonly roots: PageFiles;
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
   * Sets another body (new text, other photos, even another article with the same head) in the same page, keeping
   * its loaded fonts and styles: a proof's fast path after an edit, and a warm press's next article. Photos are
   * loaded afresh (a new URL a layout), so a photo replaced under the same name shows as it is now. `roots` replaces
   * the page's allowlist (another manuscript's folder). The returned page replaces this one (which must then not be
   * printed or closed). `restyle` loads the stylesheets again first (a style was saved): the page keeps its fonts.
   */
  relayout(html: string, layout: LayoutRequest, roots?: PageFiles, options?: { restyle?: boolean }): Promise<SetPage>;
  /** How many layouts this page has carried (1 for a new page). */
  readonly layouts: number;
  close(): Promise<void>;
}

const documentPath = '/index.html';

/** The query parameter a relayout gives its photos' URLs, and what takes it out of the report and the proof again. */
const layoutParameter = 'broadsheet-layout';
/** The parameter as a URL carries it, written in HTML (`&amp;`) or not. */
const layoutQuery = new RegExp(`(?:\\?|&amp;|&)${layoutParameter}=\\d+`, 'g');
const withoutLayoutParameter = (report: LayoutReport): LayoutReport => JSON.parse(JSON.stringify(report).replace(layoutQuery, '')) as LayoutReport;

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
  // A tab in the background, never painted: nobody looks at Chromium's screen, and painting it decoded every photo
  // in view (the sample's four, 20 MP, 0.3 s of a 2-core machine). Nothing on the page waits for a paint (no
  // decode(), no animation frame), so pages set side by side in one browser never wait for each other's turn in front.
  // The tab Chromium opened at start stays open: without it this page is the tab in front, painted after all (the
  // sample's build peaked 100 MB higher when it was closed).
  const page: Page = await input.browser.newPage({ background: true });
  let files = new Map<string, string>();
  let refused: string[] = [];
  let roots: PageFiles = input.roots;
  let layouts = 0;
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
      const file = await findPageFile(url, roots);
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
      layouts++;
      const report = await timed('lay out', () => layOutPage({ page, request, timeoutMs, ...(input.signal ? { signal: input.signal } : {}) }));
      // Only a page laid out again names its photos with the parameter.
      const layout = layouts > 1 ? withoutLayoutParameter(report) : report;
      if (refused.length > 0) {
        throw new BroadsheetError('RequestBlocked', `The page asked for ${refused.length} file${refused.length === 1 ? '' : 's'} it may not load:`, { details: refused });
      }
      const unreadable = layout.problems.filter((problem) => problem.rule === 'photo-unreadable');
      if (unreadable.length > 0) {
        throw new BroadsheetError('PhotoInvalid', 'Chromium could not decode these photos:', { details: unreadable.map((problem) => problem.message) });
      }
      const proofHtml = (
        await page.evaluate(() => {
          for (const script of Array.from(document.querySelectorAll('script'))) script.remove();
          return '<!doctype html>\n' + document.documentElement.outerHTML;
        })
      ).replace(layoutQuery, '');
      return {
        proofHtml,
        files,
        layout,
        request,
        async print() {
          await timed('fit photos', () => fitPhotos(page, files, (urlPath, path) => void made.set(urlPath, path)));
          return timed('print', () => page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: timeoutMs }));
        },
        layouts,
        async relayout(html, next, nextRoots, how = {}) {
          if (nextRoots) roots = nextRoots;
          refused = [];
          // The fonts, styles and scripts the head loaded stay; the photos of the last layout go with its body.
          files = new Map([...files].filter(([urlPath]) => !/\.(jpe?g|png|svg)$/i.test(urlPath)));
          await page.evaluate(
            async (markup, parameter, restyle) => {
              if (restyle) {
                // Each stylesheet again under a URL of this layout's, the old one removed once the new one is in.
                const sheets = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]'));
                await Promise.all(
                  sheets.map(
                    (link) =>
                      new Promise<void>((done) => {
                        const again = link.cloneNode() as HTMLLinkElement;
                        // The attribute as written (relative), so the proof taken from this page keeps its own URLs.
                        const written = link.getAttribute('href') ?? '';
                        again.setAttribute('href', `${written.split('?')[0] ?? written}?${parameter}`);
                        again.onload = again.onerror = () => {
                          link.remove();
                          done();
                        };
                        link.after(again);
                      }),
                  ),
                );
              }
              const fresh = new DOMParser().parseFromString(markup, 'text/html');
              // A parsed document loads nothing: its photos get a URL of this layout's before they join the page.
              for (const image of Array.from(fresh.images)) {
                const src = image.getAttribute('src');
                if (src && !src.startsWith('data:')) image.setAttribute('src', `${src}${src.includes('?') ? '&' : '?'}${parameter}`);
              }
              document.title = fresh.title;
              document.documentElement.lang = fresh.documentElement.lang;
              document.body.replaceWith(document.importNode(fresh.body, true));
            },
            html,
            `${layoutParameter}=${layouts}`,
            how.restyle === true,
          );
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
