// A warm press's finished pages, kept by what Chromium printed. Chromium prints the same page to the same bytes but
// for its two dates, and everything made after the print (the press copy, its plates, preflight, soft proof and ink
// overlay, the screen copy) depends on nothing else but the page's facts and layout, the press rules and the press
// profile's contents. A page printed again unchanged (a script rebuilding every page of an edition after one moved,
// the proof's Print after its press views were shown) takes the copies finished the first time. Kept in memory only,
// for the life of the press, so neither Broadsheet's code nor its tools can have changed under them; bounded in bytes,
// the copies used longest ago given up first.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export interface FinishedCopies<T> {
  /** The copies finished before under `key`, else `finish`'s (kept, unless it fails). */
  take(key: string, finish: () => Promise<T>): Promise<T>;
  /** Pages taken from what was kept, and pages kept now. */
  readonly hits: number;
  readonly kept: number;
}

/** What a warm press keeps at most: a dozen broadsheet pages' copies (4–5 MB each). */
export const finishedCopiesBytes = 64 * 1024 * 1024;

export function finishedCopies<T>(options: { bytes?: number; sizeOf: (copies: T) => number }): FinishedCopies<T> {
  const most = options.bytes ?? finishedCopiesBytes;
  /** In the order they were last used, the oldest first. */
  const kept = new Map<string, { copies: T; bytes: number }>();
  let total = 0;
  let hits = 0;
  return {
    get hits() {
      return hits;
    },
    get kept() {
      return kept.size;
    },
    async take(key, finish) {
      const found = kept.get(key);
      if (found) {
        hits++;
        kept.delete(key);
        kept.set(key, found);
        return found.copies;
      }
      const copies = await finish();
      const bytes = options.sizeOf(copies);
      if (bytes > most || kept.has(key)) return copies;
      kept.set(key, { copies, bytes });
      total += bytes;
      for (const [oldest, entry] of kept) {
        if (total <= most) break;
        kept.delete(oldest);
        total -= entry.bytes;
      }
      return copies;
    },
  };
}

/** The two dates Chromium stamps in its Info dictionary, at the head of the file. */
const stamped = /\/(CreationDate|ModDate) \(D:[^)]*\)/g;
const headBytes = 4096;
/** Tagged structure elements named after DOM nodes, whose numbers a renderer counts on (structure-ids.ts). */
const nodeNamed = /\(node(\d{8})\)/g;

/**
 * The key of a print's finished copies: Chromium's PDF without its dates and with its node-named structure IDs
 * numbered in the order they appear (a page set again in the same tab has new DOM nodes, so new numbers, and the
 * press copy numbers them again anyway), with `context` (the facts, rules and layout the copies are finished by, as
 * JSON) and the contents of the press `profile` file.
 */
export async function printKey(printed: Uint8Array, context: unknown, profile: string): Promise<string> {
  const text = Buffer.from(printed.buffer, printed.byteOffset, printed.byteLength).toString('latin1');
  const numbers = new Map<string, number>();
  const head = text.slice(0, headBytes).replace(stamped, '/$1 ()');
  const normalised = (head + text.slice(headBytes)).replace(nodeNamed, (_, node: string) => {
    if (!numbers.has(node)) numbers.set(node, numbers.size + 1);
    return `(node#${numbers.get(node) ?? 0})`;
  });
  const hash = createHash('sha256').update(normalised, 'latin1');
  hash.update(`\0${JSON.stringify(context)}\0`);
  hash.update(await readFile(profile));
  return hash.digest('hex');
}
