// The markdown stage: turns the checked manuscript tree into the HTML tree of the story body.
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkFigures from './plugins/figures.ts';
import rehypeSafeLinks from './plugins/safe-links.ts';
import rehypePhotoSources from './plugins/photo-sources.ts';
import rehypeHyphenate from './plugins/hyphenate.ts';
import rehypeSmartQuotes from './plugins/smart-quotes.ts';
import rehypeSourceLines from './plugins/source-lines.ts';
import { hyphenatorFor } from './hyphenation.ts';
import type { Manuscript } from '../manuscript/types.ts';

/** Where the page finds the manuscript folder's files. */
export const manuscriptBase = 'manuscript/';

export async function toStory(options: { manuscript: Manuscript; signal?: AbortSignal; photoBase?: string }): Promise<HastRoot> {
  const { manuscript } = options;
  const processor = unified()
    .use(remarkFigures)
    // Raw HTML stays out: allowDangerousHtml is left off on purpose.
    .use(remarkRehype, { footnoteLabel: manuscript.frontMatter.lang.startsWith('zh') ? '注释' : 'Notes' })
    .use(rehypeSafeLinks)
    .use(rehypeSourceLines)
    .use(rehypeSmartQuotes, { lang: manuscript.frontMatter.lang })
    .use(rehypePhotoSources, { photos: manuscript.photos, base: options.photoBase ?? manuscriptBase })
    .use(rehypeHyphenate, { hyphenator: hyphenatorFor(manuscript.frontMatter.lang) });
  const tree: MdastRoot = structuredClone(manuscript.tree);
  const story = await processor.run(tree, manuscript.file);
  options.signal?.throwIfAborted();
  return story;
}
