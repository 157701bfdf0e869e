// Every edition file problem is refused as edition.yaml:LINE, at the entry that causes it: one fixture folder per problem,
// each differing from tests/fixtures/edition-files/valid in one way.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadEdition } from '../../src/edition/edition-file.ts';
import { broadsheetErrorOf } from '../helpers/build.ts';
import { fixturesDir, tempFolder, type TempFolder } from '../helpers/paths.ts';
import { testProject } from '../helpers/project.ts';

const folder = join(fixturesDir, 'edition-files');

interface EditionCase {
  readonly name: string;
  readonly rule: string;
  /** First and last line of the offending entry. */
  readonly lines: readonly [number, number];
  readonly mentions: readonly string[];
}

function editionCase(name: string): EditionCase {
  const value: unknown = JSON.parse(readFileSync(join(folder, name, 'expected.json'), 'utf8'));
  const field = (key: string): unknown => (typeof value === 'object' && value !== null ? Object.entries(value).find(([found]) => found === key)?.[1] : undefined);
  const rule = field('rule');
  const lines = field('lines');
  const mentions = field('mentions');
  if (typeof rule !== 'string' || !Array.isArray(lines) || !Array.isArray(mentions)) throw new Error(`${name}/expected.json needs rule, lines and mentions`);
  const [first, last] = lines.map(Number);
  if (first === undefined || last === undefined) throw new Error(`${name}/expected.json: lines is [first, last]`);
  return { name, rule, lines: [first, last], mentions: mentions.map(String) };
}

const cases = readdirSync(folder)
  .filter((name) => existsSync(join(folder, name, 'expected.json')))
  .sort()
  .map(editionCase);

let temp: TempFolder;
beforeAll(async () => {
  temp = await tempFolder('edition-file');
  // The manuscript folder `escape` sits beside every case folder, so `../escape` would find a real article.md.
  await cp(join(folder, 'outside'), temp.path, { recursive: true });
});
afterAll(async () => temp?.remove());

/** Copies a case's edition.yaml into `<temp>/<name>/` beside the alpha, beta and gamma manuscripts, and returns its path. */
async function placeCase(name: string): Promise<string> {
  const dir = join(temp.path, name);
  await cp(join(folder, 'manuscripts'), dir, { recursive: true });
  await cp(join(folder, name, 'edition.yaml'), join(dir, 'edition.yaml'));
  return join(dir, 'edition.yaml');
}

const columns = async (grid: string | undefined) => (await testProject()).gridFor({ lang: 'zh-CN', ...(grid ? { name: grid } : {}) }).columns;

describe('the valid fixture edition', () => {
  it('loads: two pages, blocks of whole columns, beta jumping to page 2 where its continuation waits', async () => {
    const edition = await loadEdition({ file: await placeCase('valid'), columns });
    expect(edition.date).toBe('2021-01-08');
    expect(edition.name).toBe('Fixture edition');
    expect(edition.number).toBe(7);
    expect(edition.pages.map((page) => [page.number, page.section])).toEqual([
      [1, 'Front'],
      [2, 'Local'],
    ]);
    const [front, local] = edition.pages;
    expect(front?.articles).toEqual([
      expect.objectContaining({ kind: 'article', slug: 'alpha', block: { column: 0, columns: 5, top: 0, height: 1 } }),
      expect.objectContaining({ kind: 'article', slug: 'beta', jumpTo: 2, block: { column: 5, columns: 3, top: 0, height: 1 } }),
    ]);
    expect(local?.articles).toEqual([
      { kind: 'continuation', slug: 'beta', block: { column: 0, columns: 8, top: 0, height: 0.4 } },
      expect.objectContaining({ kind: 'article', slug: 'gamma', block: { column: 0, columns: 8, top: 0.4, height: 0.6 } }),
    ]);
  });
});

describe.each(cases)('edition file case $name', ({ name, rule, lines, mentions }) => {
  const [first, last] = lines;
  it(`is refused with ${rule} at edition.yaml line ${first === last ? first : `${first}-${last}`}, naming ${mentions.join(' / ')}`, async () => {
    const error = await broadsheetErrorOf(loadEdition({ file: await placeCase(name), columns }));
    expect(error.entry.code).toBe('BS011');
    const all = error.details.join('\n');
    const ofRule = error.details.filter((detail) => detail.endsWith(`[${rule}]`));
    expect(ofRule, `problems reported:\n${all}`).not.toEqual([]);
    for (const detail of ofRule) {
      const line = Number(/edition\.yaml:(\d+):\d+: error: /.exec(detail)?.[1]);
      expect(line, `${detail}\nshould name a line of the offending entry, ${first}-${last}`).toBeGreaterThanOrEqual(first);
      expect(line, `${detail}\nshould name a line of the offending entry, ${first}-${last}`).toBeLessThanOrEqual(last);
      for (const words of mentions) expect(detail, `“${words}” in the message`).toContain(words);
    }
  });
});

it('covers the problems an editor meets: fixtures for each kind exist', () => {
  const names = cases.map((found) => found.name);
  for (const kind of [
    'missing-date',
    'bad-date',
    'unknown-folder',
    'escape-folder',
    'overlap',
    'columns-out-of-range',
    'jump-missing-page',
    'jump-earlier-page',
    'jump-without-continues',
    'continues-without-jump',
  ]) {
    expect(names).toContain(kind);
  }
});
