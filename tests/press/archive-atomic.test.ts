// The entry and the catalogue change together or not at all: when the catalogue cannot take the new entry's rows (a
// full disk, an I/O error: here a trigger that fails every insert, as SQLite does when the disk is full), the finished
// entry is taken back out, the catalogue is rolled back, and nothing is left beside them; the next run archives whole.
// And `archive` stopped with SIGTERM while it writes its entry ends as `build` does: exit 130, nothing left behind.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadsheet, broadsheetBin, removeArchive, stagingFolders, type CommandRun } from '../helpers/archive-cli.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
let archiveDir: string;
let editionFile: string;
let first: CommandRun;
let failed: CommandRun;
let listingAfterFailure: string[];
let again: CommandRun;

const catalogue = () => join(archiveDir, 'catalogue.sqlite');
const entriesInCatalogue = (): string[] => {
  const db = new Database(catalogue(), { readonly: true });
  try {
    return db.prepare('SELECT id FROM entries ORDER BY id').pluck().all().map(String);
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  temp = await tempFolder('archive-catalogue-failure');
  archiveDir = join(temp.path, 'archive');
  await mkdir(archiveDir);
  await cp(join(projectRoot, 'manuscript/brief-bus'), join(temp.path, 'brief-bus'), { recursive: true });
  editionFile = join(temp.path, 'edition.yaml');
  await writeFile(editionFile, 'date: "2026-12-02"\nedition:\n  name: Late\ngrid: zh-broadsheet\npages:\n  - number: 1\n    articles:\n      - manuscript: brief-bus\n');
  first = await broadsheet(['archive', editionFile, '--archive', archiveDir]);

  const db = new Database(catalogue());
  db.exec("CREATE TRIGGER disk_full BEFORE INSERT ON entries BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
  db.close();
  failed = await broadsheet(['archive', editionFile, '--archive', archiveDir]);
  listingAfterFailure = (await readdir(archiveDir)).sort();

  const mend = new Database(catalogue());
  mend.exec('DROP TRIGGER disk_full');
  mend.close();
  again = await broadsheet(['archive', editionFile, '--archive', archiveDir]);
}, 600_000);
afterAll(async () => removeArchive(temp));

describe('a catalogue that cannot take the new entry', () => {
  it('fails the archive run, saying what could not be written', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('disk is full');
  });

  it('leaves no new entry, no staging folder and no journal beside the catalogue', () => {
    const entries = listingAfterFailure.filter((name) => !['catalogue.sqlite', 'index.html'].includes(name));
    expect(entries).toEqual(['2026-12-02_edition_r1']);
    expect(listingAfterFailure).toContain('catalogue.sqlite');
  });

  it('leaves the catalogue as it was, and the next run archives the entry and catalogues it', async () => {
    expect(again.status, again.stderr).toBe(0);
    expect(entriesInCatalogue()).toEqual(['2026-12-02_edition_r1', '2026-12-02_edition_r2']);
    expect((await readdir(archiveDir)).filter((name) => /-(?:wal|shm|journal)$/.test(name))).toEqual([]);
  });
});

describe('archive stopped with SIGTERM while it writes its entry', () => {
  it('stops at once with exit 130 and "interrupted", leaving no staging folder and the archive as it was', async () => {
    const before = (await readdir(archiveDir)).sort();
    const child = spawn(process.execPath, [broadsheetBin, 'archive', editionFile, '--archive', archiveDir], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 170_000;
    while (Date.now() < deadline && child.exitCode === null && (await stagingFolders(archiveDir)).length === 0) await sleep(10);
    const sent = Date.now();
    child.kill('SIGTERM');
    const code = await exit;
    expect(Date.now() - sent, 'ms from SIGTERM to exit').toBeLessThan(15_000);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('BS060');
    expect((await readdir(archiveDir)).sort()).toEqual(before);
  }, 240_000);
});
