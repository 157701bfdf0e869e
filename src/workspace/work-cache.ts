// Work that depends on nothing but bytes (a photo resampled to a size, a photo converted through a profile) is kept
// between runs, named by the hash of everything that went into it: the desk rebuilds the same article many times an
// evening, and its photos need that work once. The cache is Broadsheet's own folder (BROADSHEET_CACHE, by default
// $XDG_CACHE_HOME/broadsheet or ~/.cache/broadsheet, where caches live, never the temporary folder); each file is written beside and renamed, so it is whole or absent, and the folder is kept
// under its size limit by removing the files used longest ago.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The cache's folder. */
export function cacheRoot(): string {
  const named = process.env['BROADSHEET_CACHE'];
  if (named) return named;
  const xdg = process.env['XDG_CACHE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'broadsheet');
  return join(homedir(), '.cache', 'broadsheet');
}

/** Above this the files used longest ago are removed, down to three quarters of it. */
const limitBytes = 512 * 1024 * 1024;

/** A cached file: where it is, and its bytes. */
export interface CachedWork {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const named = /^[0-9a-f]{40}\.[a-z]{2,4}$/;

/**
 * The result of `make` for these `inputs`: read from the cache when it was made before, else made and kept.
 * `extension` names the kind of file (jpg, png). A cache that cannot be written is no failure: the work is made.
 */
export async function cachedWork(inputs: ReadonlyArray<string | Uint8Array>, extension: string, make: () => Promise<Uint8Array>): Promise<CachedWork> {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(typeof input === 'string' ? `s${input.length}:${input}` : `b${input.length}:`).update(input);
  const root = cacheRoot();
  const path = join(root, `${hash.digest('hex').slice(0, 40)}.${extension}`);
  const found = await readFile(path).catch(() => undefined);
  if (found) {
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
    return { path, bytes: found };
  }
  const bytes = await make();
  try {
    await mkdir(root, { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, path);
    keepUnderLimit(root);
  } catch {
    // A read-only or full cache folder: the work is still made, only not kept.
  }
  return { path, bytes };
}

let pruning: Promise<void> | undefined;

function keepUnderLimit(root: string): void {
  pruning ??= prune(root).catch(() => undefined).finally(() => (pruning = undefined));
}

async function prune(root: string): Promise<void> {
  const files = await Promise.all(
    (await readdir(root))
      .filter((name) => named.test(name))
      .map(async (name) => ({ path: join(root, name), ...(await stat(join(root, name)).then((facts) => ({ size: facts.size, used: facts.mtimeMs }))) })),
  );
  let total = files.reduce((sum, file) => sum + file.size, 0);
  if (total <= limitBytes) return;
  for (const file of files.sort((a, b) => a.used - b.used)) {
    if (total <= limitBytes * 0.75) break;
    await rm(file.path, { force: true });
    total -= file.size;
  }
}
