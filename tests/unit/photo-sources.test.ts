// photoSources(): each photo points at its checked file under the page's manuscript/ path and carries its pixel size; anything else loses its source.
import { describe, expect, it } from 'vitest';
import { h } from 'hastscript';
import { selectAll } from 'hast-util-select';
import type { Root } from 'hast';
import { photoSources } from '../../src/markdown/plugins/photo-sources.ts';
import type { Photo } from '../../src/manuscript/types.ts';

const photo = (url: string, relativePath: string, width: number, height: number): [string, Photo] => [
  url,
  { url, relativePath, absolutePath: `/manuscripts/shanting/${relativePath}`, facts: { format: 'jpeg', width, height } },
];

const photos = new Map<string, Photo>([photo('images/highway.jpg', 'images/highway.jpg', 3600, 2400), photo('./images/山亭 夜景.jpg', 'images/山亭 夜景.jpg', 1600, 900)]);

function images(...sources: string[]): Root {
  const tree: Root = { type: 'root', children: sources.map((src) => h('figure', [h('img', { src, alt: '' })])) };
  photoSources(tree, { photos, base: 'manuscript/' });
  return tree;
}

describe('photoSources', () => {
  it('points a known photo at manuscript/<its path> and gives it its pixel size', () => {
    const [img] = selectAll('img', images('images/highway.jpg'));
    expect(img?.properties).toMatchObject({ src: 'manuscript/images/highway.jpg', width: 3600, height: 2400 });
  });

  it('escapes each part of the path (spaces, Chinese) but keeps its slashes', () => {
    const [img] = selectAll('img', images('./images/山亭 夜景.jpg'));
    expect(img?.properties['src']).toBe(`manuscript/images/${encodeURIComponent('山亭 夜景.jpg')}`);
  });

  it.each(['http://127.0.0.1:9/x', 'file:///etc/passwd', 'images/unknown.jpg', '../outside.jpg'])('takes the source off an image the manuscript stage did not check: %s', (src) => {
    const [img] = selectAll('img', images(src));
    expect(img?.properties['src']).toBeUndefined();
  });
});
