// Hostile and broken manuscripts the parser or the composer would choke on are refused before parsing, each at its
// line, naming the limit and the way out: a 100,000-letter word, a 20,000-character URL, a whole article in one
// paragraph, a table of 200 columns, 950 levels of indented list. Ordinary long features pass.
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../../src/manuscript/guards.ts';
import { loadManuscript } from '../../src/manuscript/load.ts';
import { broadsheetErrorOf } from '../helpers/build.ts';
import { jpegBytes } from '../helpers/images.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
beforeAll(async () => {
  temp = await tempFolder('limits');
});
afterAll(async () => temp?.remove());

const head = '---\nheadline: Limits\nlang: en-GB\n---\n\nAn ordinary first paragraph.\n\n';

async function refused(name: string, body: string) {
  const dir = join(temp.path, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'article.md'), head + body);
  const error = await broadsheetErrorOf(loadManuscript({ dir }));
  expect(error.entry.code).toBe('BS011');
  return error.details.join('\n');
}

describe('refused before parsing, at the line, with the way out', () => {
  it('a word of 100,000 letters', async () => {
    const report = await refused('word', `Before ${'a'.repeat(100_000)} after.\n`);
    expect(report).toMatch(/article\.md:8:1: error: `a{24}…` is one word of 100,000 characters; .*add spaces/);
  });

  it('a bare URL of 20,000 characters printed as text', async () => {
    const report = await refused('url', `See https://example.org/${'x'.repeat(20_000)} now.\n`);
    expect(report).toMatch(/article\.md:8:1: error: `https:\/\/example\.org\/x+…` is one word of 20,0\d\d characters/);
  });

  it('a whole article in one paragraph (100,000 Chinese characters)', async () => {
    const report = await refused('paragraph', `${'新闻'.repeat(50_000)}\n`);
    expect(report).toMatch(/article\.md:8:1: error: this paragraph runs past 20,000 characters; split it/);
  });

  it('a table of 200 columns', async () => {
    const row = (cell: string) => `| ${Array.from({ length: 200 }, () => cell).join(' | ')} |`;
    const report = await refused('table', `${row('h')}\n${row('---')}\n${row('1')}\n`);
    expect(report).toMatch(/article\.md:9:1: error: this table has 200 columns; at most 12 .* split it/);
  });

  it('950 levels of indented list', async () => {
    const list = Array.from({ length: 950 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth + 1}`).join('\n');
    const report = await refused('nesting', `${list}\n`);
    expect(report).toMatch(/article\.md:\d+:1: error: quotes or lists are nested 3\d deep here; at most 32/);
  });
});

describe('photo limits, checked before any photo is laid out', () => {
  const withPhotos = async (name: string, count: number, size: number) => {
    const dir = join(temp.path, name);
    await mkdir(join(dir, 'images'), { recursive: true });
    const photo = jpegBytes(size, size);
    for (let index = 1; index <= count; index++) await writeFile(join(dir, `images/p${index}.jpg`), photo);
    const body = Array.from({ length: count }, (_, index) => `![Photo ${index + 1}](images/p${index + 1}.jpg "Desk")`).join('\n\n');
    await writeFile(join(dir, 'article.md'), `${head}${body}\n`);
    const error = await broadsheetErrorOf(loadManuscript({ dir }));
    return error.details.join('\n');
  };

  it('refuses the 41st photo of an article, at its line', async () => {
    // Photo N stands on line 8 + 2 (N - 1).
    expect(await withPhotos('many', 41, 64)).toMatch(/article\.md:88:1: error: this is photo 41; an article may have at most 40/);
  });

  it('refuses photos that together hold more than 500 megapixels, naming the photo that passes it and the way out', async () => {
    expect(await withPhotos('huge', 6, 10_000)).toMatch(/article\.md:18:1: error: with photo `images\/p6\.jpg` the article's photos hold 600 megapixels; at most 500 .*scale the photos down/);
  });
});

async function written(dir: string, text: string): Promise<string> {
  await writeFile(join(dir, 'article.md'), text);
  return dir;
}

describe('the parser, in a thread of its own with a time limit', () => {
  it('is stopped when its time is up, and the error says what to look for and which limit it was', async () => {
    const dir = join(temp.path, 'slow');
    await mkdir(dir, { recursive: true });
    // An ordinary long article under a limit no parse can meet: the limit, not the input, is what is tested.
    await writeFile(join(dir, 'article.md'), head + 'A sentence of a long feature, with *some* emphasis and a [link](https://example.org). '.repeat(2000).replace(/(.{1500})/g, '$1\n\n'));
    const error = await broadsheetErrorOf(loadManuscript({ dir, limits: { ...defaultLimits, parseSeconds: 0.001 } }));
    expect(error.entry.code).toBe('BS011');
    expect(error.details.join('\n')).toMatch(/article\.md:1:1: error: the Markdown parser did not finish within 0\.001 s: .*`limits: \{ parseSeconds: … \}`/);
    // The same article under the default limit reads.
    await expect(loadManuscript({ dir })).resolves.toBeDefined();
  });

  it('names the line of the block that keeps it busy', async () => {
    const dir = join(temp.path, 'slow-block');
    await mkdir(dir, { recursive: true });
    const ordinary = Array.from({ length: 20 }, (_, index) => `Paragraph ${index + 1} of an ordinary story, with *emphasis* and a [link](https://example.org).`);
    // 3,000 links never closed: under every static limit, but the parser needs about 0.4 s for them (a limit of 0.1 s
    // leaves a margin of four; one of 0.2 s was once met by a fast run).
    const slow = '[a](b '.repeat(3000);
    const text = head + [...ordinary, slow, 'The last paragraph.'].join('\n\n') + '\n';
    const slowLine = text.split('\n').findIndex((line) => line.startsWith('[a](b [a](b')) + 1;
    const error = await broadsheetErrorOf(loadManuscript({ dir: await written(dir, text), limits: { ...defaultLimits, parseSeconds: 0.1 } }));
    expect(error.details.join('\n')).toContain(`article.md:${slowLine}:1: error: the Markdown parser did not finish within 0.1 s: the block starting on line ${slowLine}`);
  });
});

describe('what a newsroom really sends', () => {
  it('passes: a long link given a short text, a link definition, a 12-column table, a 3,000-character paragraph', async () => {
    const dir = join(temp.path, 'ordinary');
    await mkdir(dir, { recursive: true });
    const row = (cell: string) => `| ${Array.from({ length: 12 }, () => cell).join(' | ')} |`;
    await writeFile(
      join(dir, 'article.md'),
      `${head}The [council's notice](https://example.org/${'n'.repeat(400)}) and [the minutes][m] say so.\n\n[m]: https://example.org/${'m'.repeat(400)}\n\n${row('h')}\n${row('---')}\n${row('1')}\n\n${'A sentence of a long feature paragraph. '.repeat(75)}\n`,
    );
    const manuscript = await loadManuscript({ dir });
    expect(manuscript.frontMatter.headline).toBe('Limits');
  });
});
