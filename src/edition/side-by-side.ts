// An edition's pages set side by side: as many at once as the machine has cores (and memory for), started in page
// order. A page that takes up a jump waits for the layout (not the printing) of the page the story jumps from, which
// started before it, so no page ever waits for one that is waiting for a free place.
import { availableParallelism, freemem } from 'node:os';

/** What one page of Chromium, its Ghostscript run and its copies hold at most, measured on a broadsheet page. */
const bytesPerPage = 250 * 1024 * 1024;

/** How many pages at once: one a core, no more than free memory holds, at least one. */
export function pagesAtOnce(pages: number): number {
  return Math.max(1, Math.min(pages, availableParallelism(), Math.floor(freemem() / bytesPerPage)));
}

/**
 * Runs `work` for every item, at most `atOnce` at a time, starting them in order. The first failure stops the
 * rest from starting and aborts `stop` (for the ones running); it is thrown once every running item has ended.
 */
export async function sideBySide<T, R>(items: readonly T[], atOnce: number, stop: AbortController, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failure: { reason: unknown } | undefined;
  const lane = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (reason) {
        failure ??= { reason };
        stop.abort(reason);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(atOnce, items.length)) }, lane));
  if (failure) throw failure.reason;
  return results;
}

/** At most `count` of the works given it run at once, the others waiting their turn in the order they came. */
export function slots(count: number): <T>(work: () => Promise<T>) => Promise<T> {
  let free = Math.max(1, count);
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (free > 0) free--;
    else await new Promise<void>((turn) => waiting.push(turn));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
