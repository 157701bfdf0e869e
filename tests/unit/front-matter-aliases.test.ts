// Front matter written with the names Pandoc, Jekyll and Hugo use is read as Broadsheet's own, with a note saying so.
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../src/manuscript/front-matter.ts';

const read = (yaml: string) => {
  const file = new VFile({ path: 'article.md' });
  const frontMatter = readFrontMatter({ value: yaml, firstLine: 2 }, file, { guessLang: () => ({ lang: 'en', name: 'English' }) });
  return { frontMatter, file };
};

describe('front matter from other tools', () => {
  it('reads title, subtitle and author as headline, deck and byline, with a note each', () => {
    const { frontMatter, file } = read('title: Ferry returns\nsubtitle: After forty years\nauthor: Mara Ellison\nlang: en\n');
    expect(frontMatter).toMatchObject({ headline: 'Ferry returns', deck: 'After forty years', byline: ['Mara Ellison'] });
    const notes = file.messages.filter((message) => message.ruleId === 'field-alias');
    expect(notes).toHaveLength(3);
    expect(notes.every((message) => message.fatal === undefined)).toBe(true);
    expect(notes.map((message) => message.line)).toEqual([2, 3, 4]);
  });

  it('reads summary as the deck, and keeps Broadsheet’s own field where both are given', () => {
    const { frontMatter, file } = read('headline: Ours\ntitle: Theirs\nsummary: A summary\nlang: en\n');
    expect(frontMatter).toMatchObject({ headline: 'Ours', deck: 'A summary' });
    expect(file.messages.some((message) => message.reason.includes('`title` is left out'))).toBe(true);
  });

  it('warns of a CMS export’s own fields (tags, slug, id) and builds', () => {
    const { frontMatter, file } = read('headline: H\ntags: [a, b]\nslug: h\nid: 42\nlang: en\n');
    expect(frontMatter?.headline).toBe('H');
    expect(file.messages.filter((message) => message.ruleId === 'unknown-field' && message.fatal === false)).toHaveLength(3);
  });
});
