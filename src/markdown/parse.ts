// Parses article.md into an mdast tree: CommonMark + GFM, with YAML (and, to refuse it by name, TOML) front matter.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);

export function parseArticle(file: VFile): Root {
  return parser.parse(file);
}
