// Pages kept open between layouts, as a warm press and an edition's lanes use them: a page whose head (template,
// styles, grid) is the same as the next article's takes that article in (its fonts and styles stay loaded); a page
// that has carried `reuses` layouts is closed and a fresh one opened, so a long-running press never grows.
import type { Browser } from 'puppeteer-core';
import type { LayoutRequest } from '../layout/report.ts';
import type { PageRoots } from './page-files.ts';
import { setPage, type SetPage } from './set-page.ts';

export interface RackedPageInput {
  readonly browser: Browser;
  readonly html: string;
  readonly roots: PageRoots;
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

/** The document's head without its title: what decides whether a page can take another article in. */
export const headOf = (html: string): string => (html.split(/<body[\s>]/)[0] ?? '').replace(/<title>[\s\S]*?<\/title>/, '');

export function pageRack(options: { reuses?: number; keep?: number } = {}): PageRack {
  const reuses = options.reuses ?? 20;
  const keep = options.keep ?? 4;
  const idle: Array<{ head: string; set: SetPage }> = [];
  const heads = new WeakMap<SetPage, string>();
  return {
    get kept() {
      return idle.length;
    },
    async open(input) {
      const head = headOf(input.html);
      const at = idle.findIndex((entry) => entry.head === head);
      const found = at >= 0 ? idle.splice(at, 1)[0] : undefined;
      let set: SetPage;
      if (found) {
        try {
          set = await found.set.relayout(input.html, input.request, input.roots);
        } catch (error) {
          await found.set.close();
          throw error;
        }
      } else {
        set = await setPage({ browser: input.browser, html: input.html, roots: input.roots, layout: input.request, timeoutMs: input.timeoutMs, ...(input.signal ? { signal: input.signal } : {}) });
      }
      heads.set(set, head);
      return set;
    },
    async release(set) {
      const head = heads.get(set);
      if (head === undefined || set.layouts >= reuses || idle.length >= keep) return set.close();
      idle.push({ head, set });
    },
    async close() {
      await Promise.all(idle.splice(0).map((entry) => entry.set.close()));
    },
  };
}
