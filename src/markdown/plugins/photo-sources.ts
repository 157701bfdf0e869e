// Points each photo at its checked file and gives it its pixel size (the layout request carries that too).
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { photoKey } from '../photo-key.ts';

/** What this stage needs of a checked photo: where it is in the folder and its pixel size. */
export interface PhotoFile {
  readonly relativePath: string;
  readonly facts: { readonly width: number; readonly height: number };
  /** A converted copy's name: the page loads it from `prepared/`. */
  readonly converted?: { readonly name: string };
}

/** URL prefix of converted photos (page-files.ts serves it from the run's folder). */
export const convertedBase = 'prepared/';

export interface PhotoSourceOptions {
  /** Checked photos by their key (photoKey of the manuscript's path). */
  readonly photos: ReadonlyMap<string, PhotoFile>;
  /** URL prefix under which the manuscript folder is served to the page. */
  readonly base: string;
}

export function photoSources(tree: Root, options: PhotoSourceOptions): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'img') return;
    const src = node.properties['src'];
    const key = typeof src === 'string' ? photoKey(src) : undefined;
    const photo = key === undefined ? undefined : options.photos.get(key);
    if (!photo) {
      // The manuscript stage already refused unknown photos; anything left is not ours to load.
      delete node.properties['src'];
      return;
    }
    node.properties['src'] = photo.converted
      ? `${convertedBase}${photo.converted.name}`
      : `${options.base}${photo.relativePath.split('/').map(encodeURIComponent).join('/')}`;
    node.properties['width'] = photo.facts.width;
    node.properties['height'] = photo.facts.height;
    node.properties['decoding'] = 'sync';
  });
}

export default function rehypePhotoSources(options: PhotoSourceOptions) {
  return (tree: Root) => photoSources(tree, options);
}
