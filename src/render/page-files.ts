// The allowlist of files a page may load: each URL path maps to one folder; everything else is refused.
import { realpathSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { ResolvedProject } from '../project/resolve.ts';
import { convertedFolder } from '../manuscript/photo-convert.ts';
import { convertedBase } from '../markdown/plugins/photo-sources.ts';

/** The page's origin. `.invalid` never resolves, so nothing could reach a network even if interception failed. */
export const pageOrigin = 'https://press.broadsheet.invalid';

export interface PageRoots {
  /** URL path prefix (no leading slash, ending in `/`) → absolute folder. */
  readonly [prefix: string]: string;
}

/**
 * The project's folders (Broadsheet's styles, templates and fonts; the house's own), the run's converted photos when
 * there are any, and, when given, the manuscript's.
 */
export function pageRoots(project: ResolvedProject, manuscriptDir?: string): PageRoots {
  const converted = convertedFolder();
  return { ...project.pageRoots, ...(converted ? { [convertedBase]: converted } : {}), ...(manuscriptDir ? { 'manuscript/': manuscriptDir } : {}) };
}

export type PageFile = { kind: 'file'; urlPath: string; path: string; mime: string } | { kind: 'refused'; reason: string };

const mimeTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Where a page's files come from: folders by URL path (a build's, a proof's), or a finder that answers each URL
 * itself (a queue worker's, from the files a job names by content hash).
 */
export type PageFiles = PageRoots | PageFinder;
export type PageFinder = (url: string) => Promise<PageFile>;

/** The file a URL asks for, from folders or a finder. */
export const findPageFile = (url: string, files: PageFiles): Promise<PageFile> => (typeof files === 'function' ? files(url) : Promise.resolve(resolvePageFile(url, files)));

/** The path a URL of the page asks for (no leading slash), or why it is refused before any folder is looked at. */
export function pagePathOf(url: string): { kind: 'path'; urlPath: string } | { kind: 'refused'; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', reason: 'not a URL' };
  }
  if (parsed.origin !== pageOrigin) return { kind: 'refused', reason: `outside the page (${parsed.protocol}//${parsed.host})` };
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
  } catch {
    return { kind: 'refused', reason: 'broken %-escape' };
  }
  if (urlPath.includes('\0') || urlPath.split('/').includes('..')) return { kind: 'refused', reason: 'path climbs out of its folder' };
  return { kind: 'path', urlPath };
}

/** The type a file is served as, or undefined for a kind of file a page never loads. */
export const mimeOf = (urlPath: string): string | undefined => mimeTypes[extname(urlPath).toLowerCase()];

export const unservedType = (urlPath: string): { kind: 'refused'; reason: string } => ({ kind: 'refused', reason: `files of type ${extname(urlPath) || '(none)'} are not loaded` });

/** Maps a request URL to a file under one of the roots, or says why it is refused. */
export function resolvePageFile(url: string, roots: PageRoots): PageFile {
  const asked = pagePathOf(url);
  if (asked.kind === 'refused') return asked;
  const { urlPath } = asked;
  const prefix = Object.keys(roots).find((candidate) => urlPath.startsWith(candidate));
  const root = prefix === undefined ? undefined : roots[prefix];
  if (prefix === undefined || root === undefined) return { kind: 'refused', reason: 'not a file the page may load' };
  const mime = mimeOf(urlPath);
  if (!mime) return unservedType(urlPath);
  const path = resolve(root, urlPath.slice(prefix.length));
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { kind: 'refused', reason: 'no such file' };
  }
  const inside = relative(realpathSync(root), real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { kind: 'refused', reason: 'a link to a file outside its folder' };
  return { kind: 'file', urlPath, path: real, mime };
}
