// What the manuscript stage hands on: the article's tree, its front matter, its photos, its diagnostics.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { FrontMatter } from './front-matter.ts';
import type { PhotoFacts } from './photo-file.ts';

export interface Photo {
  /** The path as written in the manuscript, e.g. `images/highway.jpg`. */
  readonly url: string;
  /** Path inside the manuscript folder, with `/` separators. */
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly facts: PhotoFacts;
}

export interface Manuscript {
  /** Absolute, symlink-free path of the manuscript folder. */
  readonly dir: string;
  /** The folder's name: names the PDF and the output folder. */
  readonly slug: string;
  /** article.md, carrying every diagnostic found so far. */
  readonly file: VFile;
  readonly tree: Root;
  readonly frontMatter: FrontMatter;
  readonly photos: ReadonlyMap<string, Photo>;
}
