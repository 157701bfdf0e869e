// Resolves every photo a manuscript names to a checked file inside the manuscript folder.
import { readFile, realpath, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Root, Image, Definition } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { inspectPhoto } from './photo-file.ts';
import type { Photo } from './types.ts';
import { closest } from '../errors/closest.ts';

/** A photo larger than this is refused before it is read whole. */
const maxPhotoBytes = 60 * 1024 * 1024;

export async function collectPhotos(tree: Root, dir: string, file: VFile): Promise<Map<string, Photo>> {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node) => void definitions.set(node.identifier, node));
  const wanted: Array<Image | Definition> = [];
  visit(tree, (node) => {
    if (node.type === 'image') wanted.push(node);
    if (node.type === 'imageReference') {
      const definition = definitions.get(node.identifier);
      if (definition) wanted.push(definition);
    }
  });

  const photos = new Map<string, Photo>();
  const known = await listFiles(dir);
  for (const node of wanted) {
    if (photos.has(node.url)) continue;
    const photo = await resolvePhoto(node, dir, file, known);
    if (photo) photos.set(node.url, photo);
  }
  return photos;
}

async function resolvePhoto(node: Image | Definition, dir: string, file: VFile, known: readonly string[]): Promise<Photo | undefined> {
  const place = node.position;
  const fail = (reason: string, rule: string) => {
    const message = file.message(reason, { place, source: 'photos', ruleId: rule });
    message.fatal = true;
    return undefined;
  };
  const url = node.url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    return fail(`photo \`${url}\` is not a file in the manuscript folder; download it next to article.md and name it by its path, e.g. \`images/photo.jpg\``, 'photo-remote');
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.split(/[?#]/)[0] ?? '');
  } catch {
    return fail(`photo path \`${url}\` has a broken %-escape`, 'photo-path');
  }
  const candidate = resolve(dir, decoded);
  if (isAbsolute(decoded) || !isInside(dir, candidate)) {
    return fail(`photo \`${url}\` lies outside the manuscript folder; copy it into the folder and use a path like \`images/photo.jpg\``, 'photo-outside');
  }
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    const suggestion = closest(decoded, known);
    return fail(`photo \`${url}\` does not exist${suggestion ? `; did you mean \`${suggestion}\`?` : '; put the photo in the manuscript folder'}`, 'photo-missing');
  }
  if (!isInside(dir, real)) {
    return fail(`photo \`${url}\` is a link to a file outside the manuscript folder; copy the file itself into the folder`, 'photo-outside');
  }
  let bytes: Buffer;
  try {
    const handle = await stat(real);
    if (!handle.isFile()) return fail(`photo \`${url}\` is not a file`, 'photo-missing');
    if (handle.size > maxPhotoBytes) return fail(`photo \`${url}\` is ${Math.round(handle.size / 1024 / 1024)} MB; the limit is ${maxPhotoBytes / 1024 / 1024} MB`, 'photo-too-large');
    bytes = await readFile(real);
  } catch (error) {
    return fail(`photo \`${url}\` cannot be read: ${String(error)}`, 'photo-unreadable');
  }
  const verdict = inspectPhoto(bytes);
  if (!verdict.ok) return fail(`photo \`${url}\` ${verdict.reason}`, 'photo-invalid');
  return { url, relativePath: relative(dir, real).split(sep).join('/'), absolutePath: real, facts: verdict.facts };
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Photo-like files in the folder, for "did you mean" hints. */
async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > 3 || found.length > 500) return;
    for (const entry of await readdir(join(dir, folder), { withFileTypes: true })) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path, depth + 1);
      else if (/\.(jpe?g|png)$/i.test(entry.name)) found.push(path);
    }
  };
  await walk('', 0);
  return found;
}
