// The Markdown stage refuses raw HTML: scripts, iframes, objects and the files they name never reach the story's HTML tree,
// and the editor is told where each piece was.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectAll } from 'hast-util-select';
import { visit } from 'unist-util-visit';
import type { Root } from 'hast';
import { loadManuscript } from '../../src/manuscript/load.ts';
import type { Manuscript } from '../../src/manuscript/types.ts';
import { toStory } from '../../src/markdown/to-story.ts';
import { formatMessages } from '../../src/manuscript/diagnostics.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { textOf } from '../helpers/text.ts';

const article = `---
headline: 原始网页代码
---

开头一段。

<script>alert('脚本')</script>

<iframe src=file:///etc/passwd>

<object data="file:///etc/passwd" type="text/plain"></object>

句中<span onclick="alert(1)">有</span>标签，还有<img src="http://127.0.0.1:9/x">图片。

结尾一段。
`;

let temp: TempFolder;
let manuscript: Manuscript;
let story: Root;

beforeAll(async () => {
  temp = await tempFolder('raw-html');
  await writeFile(join(temp.path, 'article.md'), article);
  manuscript = await loadManuscript({ dir: temp.path });
  story = (await toStory({ input: { tree: manuscript.tree, file: manuscript.file, lang: manuscript.frontMatter.lang, photos: manuscript.photos } })).body;
});
afterAll(async () => temp?.remove());

/** Every string the tree holds: text, comments, raw nodes and property values. */
function everyString(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, (node) => {
    if ('value' in node && typeof node.value === 'string') found.push(node.value);
    if (node.type === 'element') for (const value of Object.values(node.properties)) found.push(String(value));
  });
  return found;
}

describe('raw HTML in the Markdown', () => {
  it('keeps the Markdown text around it', () => {
    expect(textOf(story)).toContain('开头一段。');
    expect(textOf(story)).toContain('句中有标签，还有图片。');
    expect(textOf(story)).toContain('结尾一段。');
  });

  it('puts no raw HTML node in the story tree', () => {
    const types = new Set<string>();
    visit(story, (node) => void types.add(node.type));
    expect([...types].filter((type) => type === 'raw')).toEqual([]);
  });

  it('puts no script, iframe, object, img or span with a handler in the story tree', () => {
    expect(selectAll('script, iframe, object, embed, img, [onclick], [onClick]', story)).toEqual([]);
  });

  it('lets nothing it named through: no file:///etc/passwd, no 127.0.0.1, no script text', () => {
    const strings = everyString(story).join('\n');
    for (const words of ['etc/passwd', '127.0.0.1', 'alert', '脚本', 'onclick']) expect(strings).not.toContain(words);
  });

  it('warns at each place raw HTML stood', () => {
    const warnings = formatMessages(manuscript.file.messages.filter((message) => message.ruleId === 'raw-html'));
    for (const line of [7, 9, 11, 13]) {
      expect(warnings.some((warning) => warning.includes(`article.md:${line}:`)), `line ${line} in\n${warnings.join('\n')}`).toBe(true);
    }
  });
});
