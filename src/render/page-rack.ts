// Pages kept open between layouts, as a warm press and an edition's lanes use them: a page whose head (template,
// styles, grid) is the same as the next article's takes that article in (its fonts and styles stay loaded); a page
// that has carried `reuses` layouts is closed and a fresh one opened, so a long-running press never grows.
import type { Browser } from 'puppeteer-core';
import type { LayoutRequest } from '../layout/report.ts';
import type { PageFiles } from './page-files.ts';
import { setPage, type SetPage } from './set-page.ts';

export interface RackedPageInput {
  readonly browser: Browser;
  readonly html: string;
  readonly roots: PageFiles;
  readonly request: LayoutRequest;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface PageRack {
  /** A page laid out with `input`: a kept page of the same head when there is one, else a new page. */
  open(input: RackedPageInput): Promise<SetPage>;
  /** Gives a page back when its work is done: kept for the next layout, or closed when it has done its share. */
  release(set: SetPage): Promise<void>;
  /** Closes every kept page. */
  close(): Promise<void>;
  /** Pages kept now. */
  readonly kept: number;
}

/**
 * The document's head without its title and the language on <html> (a relayout sets both): what decides whether a
 * page can take another article in.
 */
export const headOf = (html: string): string =>
  (html.split(/<body[\s>]/)[0] ?? '').replace(/<title>[\s\S]*?<\/title>/, '').replace(/<html\b[^>]*>/i, '<html>');

export function pageRack(options: { reuses?: number; keep?: number } = {}): PageRack {
  const reuses = options.reuses ?? 20;
  /** Pages open at most, busy and idle together, as long as no more are busy at once: each is a renderer's memory. */
  const keep = options.keep ?? 4;
  const idle: Array<{ head: string; set: SetPage }> = [];
  let busy = 0;
  const heads = new WeakMap<SetPage, string>();
  return {
    get kept() {
      return idle.length;
    },
    async open(input) {
      const head = headOf(input.html);
      const at = idle.findIndex((entry) => entry.head === head);
      const found = at >= 0 ? idle.splice(at, 1)[0] : undefined;
      busy++;
      try {
        let set: SetPage;
        if (found) {
          set = await found.set.relayout(input.html, input.request, input.roots).catch(async (error: unknown) => {
            await found.set.close();
            throw error;
          });
        } else {
          // A page of another head cannot take this one in: the idle page kept longest gives its place up.
          while (idle.length > 0 && idle.length + busy > keep) await idle.shift()?.set.close();
          set = await setPage({ browser: input.browser, html: input.html, roots: input.roots, layout: input.request, timeoutMs: input.timeoutMs, ...(input.signal ? { signal: input.signal } : {}) });
        }
        heads.set(set, head);
        return set;
      } catch (error) {
        busy--;
        throw error;
      }
    },
    async release(set) {
      const head = heads.get(set);
      if (head !== undefined) busy--;
      heads.delete(set);
      if (head === undefined || set.layouts >= reuses || idle.length + busy >= keep) return set.close();
      idle.push({ head, set });
    },
    async close() {
      await Promise.all(idle.splice(0).map((entry) => entry.set.close()));
    },
  };
}
