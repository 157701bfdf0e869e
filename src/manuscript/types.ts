// What the manuscript stage hands on: the article's tree, its front matter, its photos, its diagnostics.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { FrontMatter } from './front-matter.ts';
import type { PhotoFacts } from './photo-file.ts';
import type { ConvertedPhoto } from './photo-convert.ts';

export interface Photo {
  /** The path as written in the manuscript, e.g. `images/highway.jpg`. */
  readonly url: string;
  /** Path inside the manuscript folder, with `/` separators. */
  readonly relativePath: string;
  readonly absolutePath: string;
  /** The size the page prints: the converted copy's when there is one. */
  readonly facts: PhotoFacts;
  /** The copy the page loads instead of the manuscript's file, when that could not be printed as it is. */
  readonly converted?: ConvertedPhoto;
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
