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

/**
 * What installed font packages resolve to and reference: read once a process, as the page reads font files once
 * (packages do not change under a running process). A page's CSS and photos are read afresh each time.
 */
const installed = new Map<string, { file: ReturnType<typeof resolvePageFile>; css?: Promise<string> }>();
const isInstalled = (path: string): boolean => path.includes('/node_modules/');

function resolveOnce(url: string, roots: PageRoots): { file: ReturnType<typeof resolvePageFile>; css: () => Promise<string> } {
  const asked = pagePathOf(url);
  const prefix = asked.kind === 'path' ? Object.keys(roots).find((candidate) => asked.urlPath.startsWith(candidate)) : undefined;
  const key = asked.kind === 'path' && prefix !== undefined ? `${roots[prefix] ?? ''}\0${asked.urlPath}` : undefined;
  const known = key === undefined ? undefined : installed.get(key);
  const entry = known ?? { file: resolvePageFile(url, roots) };
  if (!known && key !== undefined && entry.file.kind === 'file' && isInstalled(entry.file.path)) installed.set(key, entry);
  return {
    file: entry.file,
    css: () => {
      if (entry.file.kind !== 'file') return Promise.resolve('');
      if (!isInstalled(entry.file.path)) return readFile(entry.file.path, 'utf8');
      entry.css ??= readFile(entry.file.path, 'utf8');
      return entry.css;
    },
  };
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
    const { file, css } = resolveOnce(url, roots);
    if (file.kind !== 'file' || found.has(file.urlPath)) continue;
    found.set(file.urlPath, file.path);
    if (file.mime.startsWith('text/css')) for (const inner of urlsIn(await css(), [cssUrl, cssImport])) pending.push({ url: inner, base: url });
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
