// Typewriter quotes become printed quotes in the article's language; apostrophes stay apostrophes; code is untouched.
import { describe, expect, it } from 'vitest';
import { h } from 'hastscript';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { smartQuotes } from '../../src/markdown/plugins/smart-quotes.ts';

const set = (lang: string, ...children: Parameters<typeof h>[2][]): string => {
  const tree: Root = { type: 'root', children: [h('p', children.flat())] };
  smartQuotes(tree, { lang });
  return toHtml(tree);
};

describe('smart quotes', () => {
  it.each([
    ['"most of my working life" for the', '“most of my working life” for the'],
    ["it's the harbour's boat", 'it’s the harbour’s boat'],
    ["she said 'no' twice", 'she said ‘no’ twice'],
    ["back in the '90s", 'back in the ’90s'],
    ['("quoted")', '(“quoted”)'],
  ])('sets %s as %s in English', (input, output) => {
    expect(set('en', input)).toBe(`<p>${output}</p>`);
  });

  it('follows a quote across an inline element', () => {
    expect(set('en', '"', h('em', 'really'), '" he said')).toBe('<p>“<em>really</em>” he said</p>');
  });

  it('uses the language’s own marks', () => {
    expect(set('de', '"Ja" sagte er')).toBe('<p>„Ja“ sagte er</p>');
    expect(set('zh-CN', '他说"好"')).toBe('<p>他说“好”</p>');
  });

  it('leaves code as written', () => {
    expect(set('en', h('code', '"x"'), ' and "y"')).toBe('<p><code>"x"</code> and “y”</p>');
  });
});
