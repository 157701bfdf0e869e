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
    // Unknown fields are refused only by a house that says so (the default warns; see below).
    const error = await broadsheetErrorOf(loadManuscript({ dir: join(folder, name), ...(name.startsWith('unknown-field') ? { unknownFields: 'refuse' as const } : {}) }));
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

describe('fields the schema does not know, by the house policy', () => {
  const dir = join(folder, 'unknown-field-far');
  it('warns by default, naming the field and the line, and builds', async () => {
    const manuscript = await loadManuscript({ dir });
    const warnings = manuscript.file.messages.filter((message) => message.fatal === false && message.ruleId === 'unknown-field');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((message) => typeof message.line === 'number')).toBe(true);
  });

  it('says nothing when the house allows them', async () => {
    const manuscript = await loadManuscript({ dir, unknownFields: 'allow' });
    expect(manuscript.file.messages.filter((message) => message.ruleId === 'unknown-field')).toEqual([]);
  });
});
