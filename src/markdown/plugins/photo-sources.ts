// Points each photo at its checked file and records its pixel size, so layout can crop and check resolution.
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Photo } from '../../manuscript/types.ts';

export interface PhotoSourceOptions {
  readonly photos: ReadonlyMap<string, Photo>;
  /** URL prefix under which the manuscript folder is served to the page. */
  readonly base: string;
}

export function photoSources(tree: Root, options: PhotoSourceOptions): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'img') return;
    const src = node.properties['src'];
    const photo = typeof src === 'string' ? options.photos.get(src) : undefined;
    if (!photo) {
      // The manuscript stage already refused unknown photos; anything left is not ours to load.
      delete node.properties['src'];
      return;
    }
    node.properties['src'] = `${options.base}${photo.relativePath.split('/').map(encodeURIComponent).join('/')}`;
    node.properties['width'] = photo.facts.width;
    node.properties['height'] = photo.facts.height;
    node.properties['decoding'] = 'sync';
    node.properties['dataPixelWidth'] = photo.facts.width;
    node.properties['dataPixelHeight'] = photo.facts.height;
  });
}

export default function rehypePhotoSources(options: PhotoSourceOptions) {
  return (tree: Root) => photoSources(tree, options);
}
