// The markdown stage: turns the checked manuscript tree into the HTML tree of the story body, and the list of its
// figures with what the desk asked of each.
import { unified } from 'unified';
import { photoKey } from './photo-key.ts';
import remarkRehype from 'remark-rehype';
import { visit } from 'unist-util-visit';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import remarkFigures from './plugins/figures.ts';
import rehypeSafeLinks from './plugins/safe-links.ts';
import rehypePhotoSources, { type PhotoFile } from './plugins/photo-sources.ts';
import rehypeHyphenate from './plugins/hyphenate.ts';
import rehypeSmartQuotes from './plugins/smart-quotes.ts';
import rehypeSourceLines from './plugins/source-lines.ts';
import { hyphenatorFor } from './hyphenation.ts';
import type { StoryFigure } from './figure-spec.ts';

/** Where the page finds the manuscript folder's files. */
export const manuscriptBase = 'manuscript/';

export interface StoryInput {
  readonly tree: MdastRoot;
  readonly file: VFile;
  readonly lang: string;
  /** The manuscript's checked photos, by the URL the Markdown gives them. */
  readonly photos: ReadonlyMap<string, PhotoFile>;
}

export interface Story {
  readonly body: HastRoot;
  /** One entry per figure, in the order the body holds them (`data-figure` is the index). */
  readonly figures: readonly StoryFigure[];
}

export async function toStory(options: { input: StoryInput; signal?: AbortSignal; photoBase?: string }): Promise<Story> {
  const { input } = options;
  const processor = unified()
    .use(remarkFigures)
    // Raw HTML stays out: allowDangerousHtml is left off on purpose.
    .use(remarkRehype, { footnoteLabel: input.lang.startsWith('zh') ? '注释' : 'Notes' })
    .use(rehypeSafeLinks)
    .use(rehypeSourceLines)
    .use(rehypeSmartQuotes, { lang: input.lang })
    .use(rehypePhotoSources, { photos: input.photos, base: options.photoBase ?? manuscriptBase })
    .use(rehypeHyphenate, { hyphenator: hyphenatorFor(input.lang) });
  const tree: MdastRoot = structuredClone(input.tree);
  const body = await processor.run(tree, input.file);
  options.signal?.throwIfAborted();
  // The figures plugin left each figure's settings on its paragraph; the photo's pixels come from its checked file.
  const figures: StoryFigure[] = [];
  visit(tree, 'paragraph', (paragraph) => {
    const spec = paragraph.data?.figureSpec;
    if (!spec) return;
    const image = paragraph.children.find((child) => child.type === 'image');
    const key = image ? photoKey(image.url) : undefined;
    const photo = key === undefined ? undefined : input.photos.get(key);
    figures.push({ ...spec, pixelWidth: photo?.facts.width ?? 0, pixelHeight: photo?.facts.height ?? 0 });
  });
  return { body, figures };
}
