// The content store a coordinator fills and workers read: every input of a page job (photos, styles, fonts, the press
// profile) and every output (PDFs, proofs, reports) kept in Redis under its SHA-256, so a worker on another machine
// never needs the coordinator's disk. A blob is written once and read back checked against its name.
import { readFile, stat } from 'node:fs/promises';
import { cachedWork } from '../workspace/work-cache.ts';
import type { Redis } from 'ioredis';
import { BroadsheetError } from '../errors/catalogue.ts';
import { contentHash } from './page-job.ts';
import { keyPrefix } from './connection.ts';

/** How long a blob is kept after it was last put: longer than any edition or re-render takes. */
const keepSeconds = 7 * 24 * 3600;

export interface ContentStore {
  /** Puts bytes (once: a blob already there is only kept longer); returns their hash. */
  put(bytes: Uint8Array): Promise<string>;
  /** Puts a file of this machine (read only when the store does not hold it yet); returns its hash. */
  putFile(path: string): Promise<string>;
  /** The bytes of a hash, checked; an error names a blob that is gone or damaged. */
  get(hash: string): Promise<Buffer>;
}

/** How long a blob this process put or found is trusted to be there without asking again (blobs are kept 7 days). */
const trustMs = 3600 * 1000;

export function redisStore(redis: Redis): ContentStore {
  /** Inputs this process put or found in the store lately: each file is sent once an edition, not once a page. */
  const known = new Map<string, number>();
  const key = (hash: string) => `${keyPrefix}:blob:${hash}`;
  const store: ContentStore = {
    async put(bytes) {
      // Always sent: Redis may have lost what it held (restarted without its data, flushed), and a page's outputs
      // are its own anyway. NX keeps the blob there; EX keeps it longer.
      const hash = contentHash(bytes);
      const added = await redis.set(key(hash), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'EX', keepSeconds, 'NX');
      if (added === null) await redis.expire(key(hash), keepSeconds);
      known.set(hash, Date.now());
      return hash;
    },
    async putFile(path) {
      const hash = await fileHash(path);
      if (Date.now() - (known.get(hash) ?? 0) < trustMs) return hash;
      // Already there (another coordinator's, an earlier run's): kept longer, not sent again.
      if ((await redis.expire(key(hash), keepSeconds)) === 1) {
        known.set(hash, Date.now());
        return hash;
      }
      const put = await store.put(await readFile(path));
      if (put !== hash) throw new Error(`${path} changed while it was being sent`);
      return hash;
    },
    async get(hash) {
      const bytes = await redis.getBuffer(key(hash));
      if (!bytes) throw new BroadsheetError('QueuePageFailed', `The content store has no blob ${hash}: Redis lost it (restarted without its data, flushed, or it was kept longer than ${keepSeconds / 86400} days). Send the edition again: its files are put in the store afresh.`);
      if (contentHash(bytes) !== hash) throw new BroadsheetError('QueuePageFailed', `The content store's blob ${hash} is damaged (its bytes have another hash).`);
      return bytes;
    },
  };
  return store;
}

/**
 * A worker's copies of blobs, in Broadsheet's work cache (kept under its size limit, the blobs used longest ago
 * dropped first), fetched the first time a page asks for one: fonts and styles are fetched once, not once a page.
 */
export function blobCopies(store: ContentStore): { path(hash: string): Promise<string> } {
  const fetching = new Map<string, Promise<string>>();
  return {
    path(hash) {
      if (!/^[0-9a-f]{64}$/.test(hash)) return Promise.reject(new Error(`${hash} is not a content hash`));
      let found = fetching.get(hash);
      if (!found) {
        found = cachedWork(['content-store blob', hash], 'blob', () => store.get(hash)).then((work) => work.path);
        // Asked for again while it is fetched, it is fetched once; later asks look in the cache again.
        void found.finally(() => fetching.delete(hash)).catch(() => undefined);
        fetching.set(hash, found);
      }
      return found;
    },
  };
}

/** Reads a local file's hash once per process (fonts and styles do not change under a running build). */
const hashes = new Map<string, { size: number; mtimeMs: number; hash: Promise<string> }>();

export async function fileHash(path: string): Promise<string> {
  const facts = await stat(path);
  const cached = hashes.get(path);
  if (cached && cached.size === facts.size && cached.mtimeMs === facts.mtimeMs) return cached.hash;
  const hash = readFile(path).then(contentHash);
  hashes.set(path, { size: facts.size, mtimeMs: facts.mtimeMs, hash });
  return hash;
}
