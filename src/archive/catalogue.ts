// The archive catalogue: SQLite with FTS5 over headlines, bylines and text. Chinese is indexed character by character,
// so any run of characters is found as a phrase; Latin text by words.
import Database from 'better-sqlite3';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CatalogueArticle {
  readonly slug: string;
  readonly pages: readonly number[];
  readonly headline: string;
  readonly byline: string;
  readonly date: string;
  readonly lang: string;
  readonly body: string;
}

/** articles.json of an entry: what the catalogue indexes (the entry's name is its folder's). */
export interface EntryRecord {
  readonly paper: string;
  readonly edition: string;
  readonly date: string;
  readonly archivedAt: string;
  readonly articles: readonly CatalogueArticle[];
}

export interface Hit {
  readonly entry: string;
  readonly edition: string;
  readonly date: string;
  readonly page: number;
  readonly headline: string;
  readonly byline: string;
  readonly snippet: string;
}

export const catalogueName = 'catalogue.sqlite';
export const entryRecordName = 'articles.json';

const ideographic = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Puts spaces around every CJK character, so FTS5's unicode61 tokenizer sees one token per character. */
export function searchable(text: string): string {
  return Array.from(text)
    .map((char) => (ideographic.test(char) ? ` ${char} ` : char))
    .join('')
    .replace(/\u00ad/g, '');
}

/**
 * A user's query as an FTS5 expression: each word of the query becomes a phrase of the tokens the index holds for it
 * (CJK characters one by one, Latin words and numbers whole), so "24小时城市书房" matches exactly that run of text.
 * Only letters and numbers reach FTS5: no quote or operator in a query can change its meaning.
 */
export function ftsQuery(query: string): string {
  return query
    .split(/\s+/)
    .map((word) => searchable(word).split(/[^\p{L}\p{N}]+/u).filter(Boolean))
    .filter((tokens) => tokens.length > 0)
    .map((tokens) => `"${tokens.join(' ')}"`)
    .join(' AND ');
}

export function openCatalogue(archiveDir: string): Database.Database {
  const db = new Database(join(archiveDir, catalogueName));
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS entries (id TEXT PRIMARY KEY, paper TEXT NOT NULL, edition TEXT NOT NULL, date TEXT NOT NULL, archived_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, entry TEXT NOT NULL REFERENCES entries(id), slug TEXT NOT NULL, page INTEGER NOT NULL,
      headline TEXT NOT NULL, byline TEXT NOT NULL, date TEXT NOT NULL, lang TEXT NOT NULL, body TEXT NOT NULL);
    CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5(headline, byline, body, tokenize = 'unicode61 remove_diacritics 2');
  `);
  return db;
}

/** Adds every archive entry the catalogue does not know yet (also mending a catalogue left behind by an interrupted run). */
export async function catalogueEntries(archiveDir: string): Promise<string[]> {
  const db = openCatalogue(archiveDir);
  try {
    const known = new Set(db.prepare('SELECT id FROM entries').pluck().all().map(String));
    const added: string[] = [];
    const names = (await readdir(archiveDir, { withFileTypes: true })).filter((item) => item.isDirectory() && !item.name.startsWith('.')).map((item) => item.name);
    for (const name of names.sort()) {
      if (known.has(name)) continue;
      const record = await readFile(join(archiveDir, name, entryRecordName), 'utf8').then((text): unknown => JSON.parse(text)).catch(() => undefined);
      if (!isEntryRecord(record)) continue;
      const insertEntry = db.prepare('INSERT INTO entries (id, paper, edition, date, archived_at) VALUES (?, ?, ?, ?, ?)');
      const insertArticle = db.prepare('INSERT INTO articles (entry, slug, page, headline, byline, date, lang, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const insertSearch = db.prepare('INSERT INTO article_search (rowid, headline, byline, body) VALUES (?, ?, ?, ?)');
      db.transaction(() => {
        insertEntry.run(name, record.paper, record.edition, record.date, record.archivedAt);
        for (const article of record.articles) {
          const row = insertArticle.run(name, article.slug, article.pages[0] ?? 0, article.headline, article.byline, article.date, article.lang, article.body);
          insertSearch.run(row.lastInsertRowid, searchable(article.headline), searchable(article.byline), searchable(article.body));
        }
      })();
      added.push(name);
    }
    return added;
  } finally {
    db.close();
  }
}

export function searchCatalogue(archiveDir: string, query: string, range: { from?: string; to?: string } = {}): Hit[] {
  const expression = ftsQuery(query);
  if (!expression) return [];
  const db = openCatalogue(archiveDir);
  try {
    const rows = db
      .prepare(
        `SELECT a.entry, e.edition, a.date, a.page, a.headline, a.byline, a.body
           FROM article_search s JOIN articles a ON a.id = s.rowid JOIN entries e ON e.id = a.entry
          WHERE article_search MATCH ? AND a.date >= ? AND a.date <= ?
          ORDER BY a.date DESC, bm25(article_search), a.entry DESC`,
      )
      .all(expression, range.from ?? '0000-00-00', range.to ?? '9999-99-99');
    return rows.flatMap((row): Hit[] => {
      if (typeof row !== 'object' || row === null) return [];
      const value = (key: string): string => (key in row ? String(Reflect.get(row, key)) : '');
      return [{ entry: value('entry'), edition: value('edition'), date: value('date'), page: Number(value('page')), headline: value('headline'), byline: value('byline'), snippet: snippetOf(value('body'), query) }];
    });
  } finally {
    db.close();
  }
}

function snippetOf(body: string, query: string): string {
  const first = query.match(/[\p{L}\p{N}]+/u)?.[0] ?? '';
  const at = first ? body.toLowerCase().indexOf(first.toLowerCase()) : -1;
  const start = Math.max(0, at - 20);
  return (start > 0 ? '…' : '') + body.slice(start, start + 60).replace(/\s+/g, ' ') + '…';
}

export function isEntryRecord(value: unknown): value is EntryRecord {
  return typeof value === 'object' && value !== null && 'paper' in value && 'articles' in value && Array.isArray(value.articles) && 'date' in value && 'edition' in value;
}
