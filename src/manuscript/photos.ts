// Resolves every photo a manuscript names to a checked file inside the manuscript folder.
import { readFile, realpath, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Root, Image, Definition } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { inspectPhoto, type PhotoVerdict } from './photo-file.ts';
import { convertPhoto } from './photo-convert.ts';
import { convertibleFormats } from './photo-format.ts';
import type { Photo } from './types.ts';
import { closest } from '../errors/closest.ts';
import { photoKey } from '../markdown/photo-key.ts';
import { raiseLimit, type ManuscriptLimits } from './guards.ts';

/** A photo larger than this is refused before it is read whole. */
const maxPhotoBytes = 60 * 1024 * 1024;

export async function collectPhotos(tree: Root, dir: string, file: VFile, limits: ManuscriptLimits): Promise<Map<string, Photo>> {
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

  // Keyed by photoKey: the HTML's encoded src finds the photo the manuscript named.
  const photos = new Map<string, Photo>();
  const known = await listFiles(dir);
  let pixels = 0;
  for (const node of wanted) {
    const key = photoKey(node.url);
    if (key !== undefined && photos.has(key)) continue;
    if (photos.size === limits.maxPhotos) {
      const message = file.message(`this is photo ${photos.size + 1}; an article may have at most ${limits.maxPhotos}: choose the best, or make a picture page of its own${raiseLimit('maxPhotos')}`, { place: node.position, source: 'photos', ruleId: 'photo-count' });
      message.fatal = true;
      break;
    }
    const photo = await resolvePhoto(node, dir, file, known);
    if (!photo || key === undefined) continue;
    photos.set(key, photo);
    pixels += photo.facts.width * photo.facts.height;
    if (pixels > limits.maxMegapixels * 1e6) {
      const message = file.message(`with photo \`${node.url}\` the article's photos hold ${Math.round(pixels / 1e6)} megapixels; at most ${limits.maxMegapixels} can be laid out: scale the photos down (3,000 px across prints a five-column photo at 300 ppi) or use fewer${raiseLimit('maxMegapixels')}`, { place: node.position, source: 'photos', ruleId: 'photo-pixels' });
      message.fatal = true;
      break;
    }
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
  const decoded = photoKey(url);
  if (decoded === undefined) return fail(`photo path \`${url}\` has a broken %-escape: write a % sign in a name as %25`, 'photo-path');
  const candidate = await onDisk(dir, decoded);
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
  const relativePath = relative(dir, real).split(sep).join('/');
  const conversion = conversionNeeded(verdict);
  if (!verdict.ok && !conversion) return fail(`photo \`${url}\` ${verdict.reason}`, 'photo-invalid');
  if (verdict.ok && !conversion) return { url, relativePath, absolutePath: real, facts: verdict.facts };
  const converted = await convertPhoto(bytes, conversion ?? 'a photo');
  if (!converted.ok) return fail(`photo \`${url}\` ${converted.reason}`, 'photo-invalid');
  file.info(`photo \`${url}\` is ${converted.photo.from}: printed from an upright sRGB JPEG copy`, { place, source: 'photos', ruleId: 'photo-converted' });
  return { url, relativePath, absolutePath: real, facts: converted.photo.facts, converted: converted.photo };
}

/** What the photo is, when it must be converted before the page can print it; undefined when it prints as it is. */
function conversionNeeded(verdict: PhotoVerdict): string | undefined {
  if (!verdict.ok) return verdict.found !== undefined && convertibleFormats.has(verdict.found) ? verdict.found : undefined;
  if (verdict.traits?.components === 4) return 'a CMYK JPEG';
  if ((verdict.traits?.orientation ?? 1) !== 1) return 'a JPEG stored turned, with an EXIF orientation';
  return undefined;
}

/**
 * The file a decoded, NFC path names: as written if it exists, otherwise the entry of each folder whose NFC name is
 * the same (a file saved on macOS is named in NFD; `café` typed in the manuscript is NFC).
 */
async function onDisk(dir: string, path: string): Promise<string> {
  const direct = resolve(dir, path);
  if (await stat(direct).then(() => true, () => false)) return direct;
  let at = resolve(dir);
  for (const part of path.split('/')) {
    if (part === '' || part === '.' || part === '..') {
      at = resolve(at, part || '.');
      continue;
    }
    const entries = await readdir(at).catch(() => [] as string[]);
    at = join(at, entries.find((entry) => entry.normalize('NFC') === part) ?? part);
  }
  return at;
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
