// safeLinks(): only http, https, mailto and in-article # links stay links; any other link is printed as its words.
import { describe, expect, it } from 'vitest';
import { h } from 'hastscript';
import { select, selectAll } from 'hast-util-select';
import { textOf } from '../helpers/text.ts';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Root } from 'hast';
import { safeLinks } from '../../src/markdown/plugins/safe-links.ts';

function paragraphWithLink(href: string): Root {
  return { type: 'root', children: [h('p', ['请', h('a', { href }, ['点击', h('em', '这里')]), '查看。'])] };
}

const refused = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  '  javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
  'images/highway.jpg',
  '../../etc/passwd',
  '/etc/passwd',
  '//evil.example/x',
  'ftp://example.com/file',
];

const kept = ['http://example.com/', 'https://example.com/a?b=1#c', 'mailto:desk@example.com', '#fn-1'];

describe('safeLinks', () => {
  it.each(refused)('prints a link to %j as its words, with no link left', (href) => {
    const tree = paragraphWithLink(href);
    safeLinks(tree);
    expect(select('a', tree)).toBeUndefined();
    expect(selectAll('[href]', tree)).toEqual([]);
    expect(select('span.unlinked', tree)).toBeDefined();
    expect(select('span.unlinked > em', tree)).toBeDefined();
    expect(textOf(tree)).toBe('请点击这里查看。');
  });

  it.each(kept)('keeps a link to %j', (href) => {
    const tree = paragraphWithLink(href);
    safeLinks(tree);
    expect(select('a', tree)?.properties['href']).toBe(href);
    expect(select('span.unlinked', tree)).toBeUndefined();
  });

  it('handles several links in one paragraph, keeping the good and unlinking the bad', () => {
    const tree: Root = { type: 'root', children: [h('p', [h('a', { href: 'javascript:a()' }, '一'), h('a', { href: 'https://example.com/' }, '二'), h('a', { href: 'file:///x' }, '三')])] };
    safeLinks(tree);
    expect(selectAll('a', tree).map((link) => link.properties['href'])).toEqual(['https://example.com/']);
    expect(textOf(tree)).toBe('一二三');
  });

  it('is needed: remark-rehype by itself emits javascript: links from Markdown, and safeLinks removes them', async () => {
    const tree = await unified().use(remarkRehype).run(unified().use(remarkParse).parse('[点击](javascript:alert(1)) 与 [网站](https://example.com/)'));
    expect(selectAll('a', tree).map((link) => link.properties['href'])).toEqual(['javascript:alert(1)', 'https://example.com/']);
    safeLinks(tree);
    expect(selectAll('a', tree).map((link) => link.properties['href'])).toEqual(['https://example.com/']);
  });
});
