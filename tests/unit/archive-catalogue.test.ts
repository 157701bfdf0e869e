// The archive catalogue's search: Chinese indexed character by character, Latin by words, and a user's query turned into
// an FTS5 expression that can never be FTS5 syntax of its own.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueEntries, catalogueName, currentEntries, entryRecordName, ftsQuery, revisionOf, searchable, searchCatalogue, type EntryRecord } from '../../src/archive/catalogue.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

/** FTS5 tokens of `text` as the catalogue's tokenizer splits them. */
function tokens(text: string): string[] {
  return text.split(/\s+/u).filter(Boolean);
}

/** Queries people type, including some that are FTS5 syntax when passed through unchanged. */
const hostileQueries = ['foo" OR "bar', 'NEAR(', 'NEAR(a b', '"', '""', "'", 'a*', '*', '^start', 'headline:书房', '-书房', 'a AND', 'OR', '(', ')', 'a + b', '{headline}: x', '书房" OR "1', '\\', '\u0000'];

describe('searchable (what the catalogue indexes)', () => {
  it('makes every Han character its own token', () => {
    expect(tokens(searchable('山亭区'))).toEqual(['山', '亭', '区']);
  });

  it('keeps Latin words whole and splits only the CJK between them', () => {
    expect(tokens(searchable('枣庄市 ferry 开通'))).toEqual(['枣', '庄', '市', 'ferry', '开', '通']);
    expect(tokens(searchable('the harbour ferry'))).toEqual(['the', 'harbour', 'ferry']);
  });

  it('splits kana and hangul too, and characters outside the BMP as one token each', () => {
    expect(tokens(searchable('ひらがな한국𠮷'))).toEqual(['ひ', 'ら', 'が', 'な', '한', '국', '𠮷']);
  });

  it('drops soft hyphens, so a hyphenated word is indexed as the word', () => {
    expect(tokens(searchable('har\u00adbour'))).toEqual(['harbour']);
  });
});

describe('ftsQuery (the query as FTS5 reads it)', () => {
  it('makes a CJK run a phrase of its characters', () => {
    expect(ftsQuery('山亭区')).toBe('"山 亭 区"');
  });

  it('makes each Latin word a term, all of which must match', () => {
    expect(ftsQuery('tidal buoy')).toBe('"tidal" AND "buoy"');
  });

  it('keeps only words: quotes, operators and brackets do not reach FTS5', () => {
    expect(ftsQuery('foo" OR "bar')).toBe('"foo" AND "OR" AND "bar"');
    expect(ftsQuery('NEAR(')).toBe('"NEAR"');
    expect(ftsQuery('"')).toBe('');
  });

  it.each(hostileQueries)('%j becomes quoted terms only, which FTS5 accepts', (query) => {
    const expression = ftsQuery(query);
    for (const term of expression === '' ? [] : expression.split(' AND ')) expect(term).toMatch(/^"[^"]+"$/);
    const db = new Database(':memory:');
    try {
      db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
      db.prepare('INSERT INTO t (body) VALUES (?)').run(searchable('foo bar NEAR 书房 headline'));
      if (expression !== '') expect(() => db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(expression)).not.toThrow();
    } finally {
      db.close();
    }
  });
});

describe('searching a catalogue built from articles.json records', () => {
  let temp: TempFolder;
  const record: EntryRecord = {
    paper: 'Fixture Paper',
    edition: '样报 第9期',
    date: '2021-01-08',
    archivedAt: '2021-01-08T20:00:00.000Z',
    articles: [
      {
        slug: 'library',
        pages: [2, 4],
        headline: '书香不打烊 阅读到田间',
        byline: '记者 林晓',
        date: '2021-01-08',
        lang: 'zh-CN',
        body: '这里是桐川县图书馆新建的首家24小时城市书房。自2020年12月28日试运行以来，书房已接待读者4600余人次。全屋覆盖免费Wi-Fi。',
      },
      {
        slug: 'shanting',
        pages: [1],
        headline: '『改革攻坚 蓄势蝶变』',
        byline: '记者 秦政',
        date: '2021-01-08',
        lang: 'zh-CN',
        body: '近年来，枣庄市山亭区贯彻落实省委“九大改革攻坚行动”。',
      },
      {
        slug: 'tidal',
        pages: [3],
        headline: 'Fishing town tests a tidal buoy off the point',
        byline: 'Alys Penhallow',
        date: '2021-01-08',
        lang: 'en-GB',
        body: 'A yellow buoy the size of a garden shed was moored a mile off the Breton fishing town of Kerbihan.',
      },
    ],
  };

  beforeAll(async () => {
    temp = await tempFolder('catalogue');
    await mkdir(join(temp.path, '2021-01-08_fixture_r1'));
    await writeFile(join(temp.path, '2021-01-08_fixture_r1', entryRecordName), JSON.stringify(record));
    expect(await catalogueEntries(temp.path)).toEqual(['2021-01-08_fixture_r1']);
  });
  afterAll(async () => temp?.remove());

  const search = (query: string, range: { from?: string; to?: string } = {}) => searchCatalogue(temp.path, query, range);

  it('finds a Chinese phrase, and names the entry, edition, date and first page', () => {
    const hits = search('山亭区');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ entry: '2021-01-08_fixture_r1', edition: '样报 第9期', date: '2021-01-08', page: 1, headline: '『改革攻坚 蓄势蝶变』' });
  });

  it('finds a two-character word', () => {
    expect(search('书房').map((hit) => hit.page)).toEqual([2]);
  });

  it('matches Chinese as a phrase: the characters must stand together', () => {
    // 山 and 区 both occur in 山亭区, but not side by side.
    expect(search('山区')).toEqual([]);
  });

  it('finds English words in any case, in headline or body', () => {
    expect(search('TIDAL').map((hit) => hit.headline)).toEqual(['Fishing town tests a tidal buoy off the point']);
    expect(search('Kerbihan buoy')).toHaveLength(1);
    expect(search('Kerbihan ferry')).toEqual([]);
  });

  it('keeps to the dates asked for', () => {
    expect(search('书房', { from: '2021-01-08', to: '2021-01-08' })).toHaveLength(1);
    expect(search('书房', { from: '2021-01-09' })).toEqual([]);
    expect(search('书房', { to: '2021-01-07' })).toEqual([]);
  });

  it.each(hostileQueries)('returns hits or nothing, never an error, for %j', (query) => {
    expect(() => search(query)).not.toThrow();
  });

  it('does not let a quoted OR widen the search', () => {
    // Quoted naively as one phrase (`"${query}"`), this becomes `"nosuchword" OR "书房"` and matches the library article.
    expect(search('nosuchword" OR "书房')).toEqual([]);
  });

  // A reader types figures and characters together: "24小时", "2020年". The text holds them side by side, so the
  // archive must find them.
  it.each(['24小时', '2020年', '24小时城市书房', '2020年12月28日'])('finds %j, digits run together with Chinese as in the text', (query) => {
    expect(search(query).map((hit) => hit.headline)).toEqual(['书香不打烊 阅读到田间']);
  });
});

describe('current revisions', () => {
  let temp: TempFolder;
  const record = (edition: string, date: string): EntryRecord => ({
    paper: 'Fixture Paper',
    edition,
    date,
    archivedAt: `${date}T20:00:00.000Z`,
    articles: [{ slug: 'ferry', pages: [1], headline: `Ferry returns (${edition})`, byline: '', date, lang: 'en-GB', body: 'The harbour ferry runs again.' }],
  });
  const entry = async (name: string, edition: string, date: string) => {
    await mkdir(join(temp.path, name));
    await writeFile(join(temp.path, name, entryRecordName), JSON.stringify(record(edition, date)));
  };

  beforeAll(async () => {
    temp = await tempFolder('catalogue-current');
    await entry('2021-01-08_edition_r1', 'No 1', '2021-01-08');
    await entry('2021-01-09_edition_r1', 'No 2', '2021-01-09');
    await catalogueEntries(temp.path);
    // The re-render of the first edition comes later, as a second revision.
    await entry('2021-01-08_edition_r2', 'No 1', '2021-01-08');
    await catalogueEntries(temp.path);
  });
  afterAll(async () => temp?.remove());

  it('names the latest revision of each edition current, oldest edition first', () => {
    expect(currentEntries(temp.path).map((current) => current.entry)).toEqual(['2021-01-08_edition_r2', '2021-01-09_edition_r1']);
    expect(currentEntries(temp.path, { from: '2021-01-09' }).map((current) => current.entry)).toEqual(['2021-01-09_edition_r1']);
    expect(currentEntries(temp.path, { to: '2021-01-08' }).map((current) => ({ stem: current.stem, revision: current.revision }))).toEqual([{ stem: '2021-01-08_edition', revision: 2 }]);
  });

  it('finds each article once, in its edition\'s current revision', () => {
    expect(searchCatalogue(temp.path, 'ferry').map((hit) => hit.entry)).toEqual(['2021-01-09_edition_r1', '2021-01-08_edition_r2']);
  });

  it('learns the current revisions of a catalogue written before it recorded them', () => {
    const db = new Database(join(temp.path, catalogueName));
    db.exec('DROP TABLE current');
    db.close();
    expect(currentEntries(temp.path).map((current) => current.entry)).toEqual(['2021-01-08_edition_r2', '2021-01-09_edition_r1']);
  });

  it('reads an entry name as its edition and revision', () => {
    expect(revisionOf('2021-01-08_edition_r12')).toEqual({ stem: '2021-01-08_edition', revision: 12 });
    expect(revisionOf('odd-name')).toEqual({ stem: 'odd-name', revision: 0 });
  });
});
