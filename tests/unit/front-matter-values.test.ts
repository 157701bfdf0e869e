// What readFrontMatter makes of valid front matter: text kept exactly as written, bylines as lists, languages canonical.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { readFrontMatter, type FrontMatter } from '../../src/manuscript/front-matter.ts';
import { loadManuscript } from '../../src/manuscript/load.ts';
import { tempFolder } from '../helpers/paths.ts';

/** Reads `yaml` as if it stood between `---` lines starting at line 1 of article.md. */
function read(yaml: string, firstLine = 2): { frontMatter: FrontMatter | undefined; file: VFile } {
  const file = new VFile({ path: 'article.md' });
  return { frontMatter: readFrontMatter({ value: yaml, firstLine }, file), file };
}

describe('readFrontMatter', () => {
  it('keeps an unquoted date exactly as written, as text (no Date, no time zone shift)', () => {
    const { frontMatter } = read('headline: 改革攻坚\ndate: 2021-01-08');
    expect(frontMatter?.date).toBe('2021-01-08');
    expect(typeof frontMatter?.date).toBe('string');
  });

  it('accepts a leap day and refuses the 29th of February of a common year', () => {
    expect(read('headline: h\ndate: 2020-02-29').frontMatter?.date).toBe('2020-02-29');
    const { frontMatter, file } = read('headline: h\ndate: 2021-02-29');
    expect(frontMatter?.date).toBeUndefined();
    expect(file.messages.filter((message) => message.fatal).map((message) => message.reason)).toEqual(['front matter field `date` is not a real day: 2021-02-29']);
  });

  it('reads the sample article’s fields', () => {
    const { frontMatter, file } = read('headline: 『改革攻坚 蓄势蝶变』\ndeck: 高质量发展的山亭实践\nkicker: 枣庄·山亭\nbyline: ["通讯员 侯化成 孙海锋 宋伟", "记者 秦政"]\ndate: "2021-01-08"\nsection: 专版\nlang: zh-CN');
    expect(file.messages).toEqual([]);
    expect(frontMatter).toEqual({
      headline: '『改革攻坚 蓄势蝶变』',
      deck: '高质量发展的山亭实践',
      kicker: '枣庄·山亭',
      byline: ['通讯员 侯化成 孙海锋 宋伟', '记者 秦政'],
      date: '2021-01-08',
      section: '专版',
      lang: 'zh-CN',
    });
  });

  it('makes a single byline a list of one name, and no byline an empty list', () => {
    expect(read('headline: h\nbyline: 记者 秦政').frontMatter?.byline).toEqual(['记者 秦政']);
    expect(read('headline: h').frontMatter?.byline).toEqual([]);
  });

  it('defaults the language to zh-CN and writes language tags in their canonical case', () => {
    expect(read('headline: h').frontMatter?.lang).toBe('zh-CN');
    expect(read('headline: h\nlang: zh-hant-tw').frontMatter?.lang).toBe('zh-Hant-TW');
  });

  it('refuses YAML numbers where text belongs instead of printing 31 for 0x1F', () => {
    const { frontMatter, file } = read('headline: h\ndeck: 0x1F');
    expect(frontMatter?.deck).toBeUndefined();
    expect(file.messages[0]?.fatal).toBe(true);
    expect(file.messages[0]?.reason).toContain('`deck` must be text');
  });

  it('places problems on article.md’s own lines, counting from the line after the opening ---', () => {
    const { file } = read('headline: h\n\n\nlang: "not a language tag"', 5);
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]?.line).toBe(8);
    expect(file.messages[0]?.fatal).toBe(true);
  });

  it('reports every problem at once, each at its own line', () => {
    const { file } = read('headline: [a]\ndate: 2021/01/08\nlang: zh_CN\nhedline: x');
    expect(file.messages.map((message) => message.line).sort()).toEqual([2, 3, 4, 5]);
  });
});

describe('loadManuscript', () => {
  it('hands on an unquoted date as the string written in article.md', async () => {
    const temp = await tempFolder('date');
    try {
      await writeFile(join(temp.path, 'article.md'), '---\nheadline: 改革攻坚\ndate: 2021-01-08\n---\n\n正文。\n');
      const manuscript = await loadManuscript({ dir: temp.path });
      expect(manuscript.frontMatter.date).toBe('2021-01-08');
    } finally {
      await temp.remove();
    }
  });
});
