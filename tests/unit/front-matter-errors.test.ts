// Every front matter problem is reported as article.md:LINE with the field it concerns: one fixture folder per problem.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManuscript } from '../../src/manuscript/load.ts';
import { broadsheetErrorOf } from '../helpers/build.ts';
import { expectedError } from '../helpers/fixture-case.ts';
import { fixturesDir } from '../helpers/paths.ts';

const folder = join(fixturesDir, 'front-matter');
const cases = readdirSync(folder).map((name) => [name, expectedError(JSON.parse(readFileSync(join(folder, name, 'expected.json'), 'utf8')), name)] as const);

describe.each(cases)('front matter case %s', (name, expected) => {
  it(`is refused at article.md:${expected.line}, naming ${expected.mentions.join(' / ')}`, async () => {
    const error = await broadsheetErrorOf(loadManuscript({ dir: join(folder, name) }));
    expect(error.entry.code).toBe('BS011');
    const at = new RegExp(`/article\\.md:${expected.line}:\\d+: error: `);
    const here = error.details.filter((detail) => at.test(detail));
    expect(here, `problems reported:\n${error.details.join('\n')}`).not.toEqual([]);
    for (const words of expected.mentions) {
      expect(here.some((detail) => detail.includes(words)), `“${words}” in:\n${here.join('\n')}`).toBe(true);
    }
  });
});

it('covers the problems an editor meets: fixtures for each kind exist', () => {
  const names = cases.map(([name]) => name);
  for (const kind of ['missing-headline', 'headline-list', 'byline-map', 'date-impossible', 'date-slashes', 'date-unquoted-number', 'js-engine', 'toml', 'json', 'lang-invalid', 'unknown-field', 'yaml-unclosed-quote']) {
    expect(names).toContain(kind);
  }
});
