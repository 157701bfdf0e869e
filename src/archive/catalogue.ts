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
  // A rollback journal, not WAL: a write that fails (a full disk) is undone and leaves no -wal or -shm file behind.
  db.pragma('journal_mode = DELETE');
  db.pragma('busy_timeout = 30000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS entries (id TEXT PRIMARY KEY, paper TEXT NOT NULL, edition TEXT NOT NULL, date TEXT NOT NULL, archived_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, entry TEXT NOT NULL REFERENCES entries(id), slug TEXT NOT NULL, page INTEGER NOT NULL,
      headline TEXT NOT NULL, byline TEXT NOT NULL, date TEXT NOT NULL, lang TEXT NOT NULL, body TEXT NOT NULL);
    CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5(headline, byline, body, tokenize = 'unicode61 remove_diacritics 2');
    CREATE TABLE IF NOT EXISTS current (stem TEXT PRIMARY KEY, entry TEXT NOT NULL REFERENCES entries(id), revision INTEGER NOT NULL);
  `);
  // A catalogue written before it recorded current revisions learns them from its entries.
  const unplaced = db.prepare('SELECT id FROM entries WHERE id NOT IN (SELECT entry FROM current)').pluck().all().map(String);
  if (unplaced.length > 0) db.transaction(() => unplaced.forEach((name) => markCurrent(db, name)))();
  return db;
}

/** An entry's edition (`2021-01-08_edition`) and revision (1 for `_r1`). */
export function revisionOf(name: string): { stem: string; revision: number } {
  const match = /^(.*)_r(\d+)$/.exec(name);
  return match ? { stem: match[1] ?? name, revision: Number(match[2]) } : { stem: name, revision: 0 };
}

/** Records `name` as its edition's current revision, unless a later revision is current already. */
function markCurrent(db: Database.Database, name: string): void {
  const { stem, revision } = revisionOf(name);
  db.prepare('INSERT INTO current (stem, entry, revision) VALUES (?, ?, ?) ON CONFLICT(stem) DO UPDATE SET entry = excluded.entry, revision = excluded.revision WHERE excluded.revision > current.revision').run(stem, name, revision);
}

export interface CurrentEntry {
  readonly stem: string;
  readonly entry: string;
  readonly revision: number;
  readonly date: string;
  readonly edition: string;
}

/** Each archived edition's current revision, oldest edition first; `from`/`to` keep to the editions' dates. */
export function currentEntries(archiveDir: string, range: { from?: string; to?: string } = {}): CurrentEntry[] {
  const db = openCatalogue(archiveDir);
  try {
    return db
      .prepare('SELECT c.stem, c.entry, c.revision, e.date, e.edition FROM current c JOIN entries e ON e.id = c.entry WHERE e.date >= ? AND e.date <= ? ORDER BY e.date, c.stem')
      .all(range.from ?? '0000-00-00', range.to ?? '9999-99-99')
      .map((row) => row as CurrentEntry);
  } finally {
    db.close();
  }
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
      db.transaction(() => insertEntry(db, name, record))();
      added.push(name);
    }
    return added;
  } finally {
    db.close();
  }
}

/**
 * Puts a new entry in place and in the catalogue together: the catalogue's write lock is taken first, `place` renames
 * the finished entry into the archive, and the catalogue's rows are committed only then. If the rows cannot be
 * written or committed (a full disk, an I/O error), `unplace` takes the entry back out and the catalogue is rolled
 * back: the archive is as it was. A run killed between the rename and the commit leaves a complete entry that the
 * next run catalogues (catalogueEntries).
 */
export async function catalogueNewEntry(archiveDir: string, record: EntryRecord, place: () => Promise<string>, unplace: (name: string) => Promise<void>): Promise<string> {
  const db = openCatalogue(archiveDir);
  try {
    db.exec('BEGIN IMMEDIATE');
    let name: string;
    try {
      name = await place();
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    try {
      insertEntry(db, name, record);
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      await unplace(name);
      throw error;
    }
    return name;
  } finally {
    db.close();
  }
}

function insertEntry(db: Database.Database, name: string, record: EntryRecord): void {
  const entry = db.prepare('INSERT INTO entries (id, paper, edition, date, archived_at) VALUES (?, ?, ?, ?, ?)');
  const article = db.prepare('INSERT INTO articles (entry, slug, page, headline, byline, date, lang, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const search = db.prepare('INSERT INTO article_search (rowid, headline, byline, body) VALUES (?, ?, ?, ?)');
  entry.run(name, record.paper, record.edition, record.date, record.archivedAt);
  for (const item of record.articles) {
    const row = article.run(name, item.slug, item.pages[0] ?? 0, item.headline, item.byline, item.date, item.lang, item.body);
    search.run(row.lastInsertRowid, searchable(item.headline), searchable(item.byline), searchable(item.body));
  }
  markCurrent(db, name);
}

/** Articles of each edition's current revision whose headline, byline or text matches `query`, newest first. */
export function searchCatalogue(archiveDir: string, query: string, range: { from?: string; to?: string } = {}): Hit[] {
  const expression = ftsQuery(query);
  if (!expression) return [];
  const db = openCatalogue(archiveDir);
  try {
    const rows = db
      .prepare(
        `SELECT a.entry, e.edition, a.date, a.page, a.headline, a.byline, a.body
           FROM article_search s JOIN articles a ON a.id = s.rowid JOIN entries e ON e.id = a.entry JOIN current c ON c.entry = a.entry
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
