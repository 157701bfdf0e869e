// A page job's files for a worker on another machine: every file the page document can load (its stylesheets and
// photos, what the stylesheets import, their fonts), found by reading the document and its stylesheets, each named by
// URL path and content hash and put in the content store. A worker serves the page exactly these files, so it loads
// what it would load here and is refused what would be refused here.
import { readFile } from 'node:fs/promises';
import { mimeOf, pageOrigin, pagePathOf, resolvePageFile, unservedType, type PageFinder, type PageRoots } from '../render/page-files.ts';
import type { ContentStore } from './content-store.ts';
import type { LocalInputs } from './runner.ts';

export interface StoredFile {
  readonly hash: string;
  readonly mime: string;
}

/** A job's inputs in the content store: its files by URL path, and the press profile's hash. */
export interface StoredInputs {
  readonly files: Readonly<Record<string, StoredFile>>;
  readonly profile: string;
}

/** Attribute values that name a file (href, src) and CSS url() and @import, in a document or a stylesheet. */
const attributeUrl = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const cssUrl = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)/gi;
const cssImport = /@import\s+(?:"([^"]*)"|'([^']*)')/gi;

const entities: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
const unescapeHtml = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
    name.startsWith('#x') || name.startsWith('#X') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (entities[name.toLowerCase()] ?? whole),
  );

function* urlsIn(text: string, patterns: readonly RegExp[]): Generator<string> {
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) yield match[1] ?? match[2] ?? match[3] ?? '';
}

/** Every file under `roots` the document can load, by URL path → this machine's path. */
export async function referencedFiles(html: string, roots: PageRoots): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const pending: Array<{ url: string; base: string }> = [];
  const base = `${pageOrigin}/index.html`;
  for (const url of urlsIn(html, [attributeUrl, cssUrl])) pending.push({ url: unescapeHtml(url), base });
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next || next.url === '' || next.url.startsWith('data:') || next.url.startsWith('#')) continue;
    let url: string;
    try {
      url = new URL(next.url, next.base).href.split('#')[0]?.split('?')[0] ?? '';
    } catch {
      continue;
    }
    const file = resolvePageFile(url, roots);
    if (file.kind !== 'file' || found.has(file.urlPath)) continue;
    found.set(file.urlPath, file.path);
    if (file.mime.startsWith('text/css')) {
      const css = await readFile(file.path, 'utf8');
      for (const inner of urlsIn(css, [cssUrl, cssImport])) pending.push({ url: inner, base: url });
    }
  }
  return found;
}

/** Hashes a job's files and profile and puts them in the store; returns their names and where each is here. */
export async function storeInputs(html: string, inputs: LocalInputs, store: ContentStore): Promise<{ stored: StoredInputs; here: Map<string, string> }> {
  const here = await referencedFiles(html, inputs.roots);
  const files: Record<string, StoredFile> = {};
  // Sorted, so the same page names its files in the same order (the job's hash is taken of it).
  for (const urlPath of [...here.keys()].sort()) {
    const hash = await store.putFile(here.get(urlPath) ?? '');
    files[urlPath] = { hash, mime: mimeOf(urlPath) ?? 'application/octet-stream' };
  }
  const profile = await store.putFile(inputs.profile);
  return { stored: { files, profile }, here };
}

/** A worker's finder for a job: a URL the job names is served from the worker's copy of its blob; nothing else is. */
export function storedFinder(files: StoredInputs['files'], blobPath: (hash: string) => Promise<string>): PageFinder {
  return async (url) => {
    const asked = pagePathOf(url);
    if (asked.kind === 'refused') return asked;
    const file = files[asked.urlPath];
    if (!file) return mimeOf(asked.urlPath) ? { kind: 'refused', reason: 'not a file the page may load' } : unservedType(asked.urlPath);
    return { kind: 'file', urlPath: asked.urlPath, path: await blobPath(file.hash), mime: file.mime };
  };
}
