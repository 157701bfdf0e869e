// `broadsheet archive` on the sample edition, run as a desk editor runs it: a complete, read-only entry whose manifest
// accounts for every byte; `verify` naming any file changed, missing or added; archiving again adding `_r2` and leaving
// `_r1` untouched; `search` finding Chinese and English text; and NewsArticle JSON-LD for each article.
import { execFileSync } from 'node:child_process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  broadsheet,
  copyEntry,
  entryFolders,
  filesBelow,
  hashTree,
  modesBelow,
  removeArchive,
  sampleEditionFile,
  sha256Of,
  stagingFolders,
  type CommandRun,
} from '../helpers/archive-cli.ts';
import { manuscriptDir, photoPaths, sampleArticle } from '../helpers/archive-sample.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';

const slugs = ['shanting', 'library', 'market', 'harbour', 'tidal', 'weather', 'brief-bus', 'brief-skating', 'brief-clinic', 'brief-book-fair'];
const pages = [1, 2, 3, 4];
const firstEntry = '2021-01-08_edition_r1';
const secondEntry = '2021-01-08_edition_r2';

let temp: TempFolder;
let archiveDir: string;
let entryDir: string;
let archived: CommandRun;

beforeAll(async () => {
  temp = await tempFolder('archive-entry');
  archiveDir = join(temp.path, 'archive');
  archived = await broadsheet(['archive', sampleEditionFile, '--archive', archiveDir]);
  entryDir = join(archiveDir, firstEntry);
});
afterAll(async () => removeArchive(temp));

/** A field of parsed JSON, or undefined. */
function field(value: unknown, ...path: string[]): unknown {
  let here = value;
  for (const key of path) here = typeof here === 'object' && here !== null ? Object.entries(here).find(([name]) => name === key)?.[1] : undefined;
  return here;
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

describe('broadsheet archive manuscript/edition.yaml', () => {
  it('succeeds and names the new entry <date>_<edition file>_r1', () => {
    expect(archived.status, archived.stderr).toBe(0);
    expect(archived.stdout).toContain(`archived ${firstEntry}`);
  });

  it('leaves the entry and no staging folder behind', async () => {
    expect(await entryFolders(archiveDir)).toEqual([firstEntry]);
    expect(await stagingFolders(archiveDir)).toEqual([]);
  });

  it('holds every part: press and PDF/A PDFs, proofs, manuscripts and photos, JSON-LD, edition.yaml, thumbnail, articles.json, manifest.json', async () => {
    const files = await filesBelow(entryDir);
    const expected = [
      'edition.pdf',
      ...pages.flatMap((page) => [`press/page-${page}.pdf`, `press/page-${page}.preflight.json`, `pdfa/page-${page}.pdf`, `proof/page-${page}.html`]),
      ...slugs.flatMap((slug) => [`manuscripts/${slug}/article.md`, `articles/${slug}.jsonld`]),
      'edition.yaml',
      'thumbnail.png',
      'articles.json',
      'manifest.json',
    ];
    for (const file of expected) expect(files, file).toContain(file);
    for (const file of files.filter((path) => path.endsWith('.pdf'))) expect((await readFile(join(entryDir, file))).subarray(0, 5).toString('latin1'), file).toBe('%PDF-');
    expect((await readFile(join(entryDir, 'thumbnail.png'))).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('keeps the edition file and each manuscript with every photo it uses, byte for byte', async () => {
    expect(await sha256Of(join(entryDir, 'edition.yaml'))).toBe(await sha256Of(sampleEditionFile));
    let checked = 0;
    for (const slug of slugs) {
      const source = join(manuscriptDir, slug);
      expect(await sha256Of(join(entryDir, 'manuscripts', slug, 'article.md')), `${slug}/article.md`).toBe(await sha256Of(join(source, 'article.md')));
      // Briefs may have no photo; the stories do.
      const photos = photoPaths((await sampleArticle(slug)).body);
      for (const photo of photos) {
        expect(await sha256Of(join(entryDir, 'manuscripts', slug, photo)), `${slug}/${photo}`).toBe(await sha256Of(join(source, photo)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(slugs.length - 3);
  });

  it('makes every file and folder of the entry read-only', async () => {
    const writable = [...(await modesBelow(entryDir))].filter(([, mode]) => (mode & 0o222) !== 0).map(([path, mode]) => `${path} ${mode.toString(8)}`);
    expect(writable).toEqual([]);
  });
});

describe('manifest.json', () => {
  it('lists every other file of the entry with its SHA-256 and size', async () => {
    const manifest = await readJson(join(entryDir, 'manifest.json'));
    const listed = field(manifest, 'files');
    if (!Array.isArray(listed)) throw new Error('manifest.json has no files list');
    const onDisk = (await filesBelow(entryDir)).filter((path) => path !== 'manifest.json');
    expect(listed.map((file: unknown) => field(file, 'path'))).toEqual(onDisk);
    for (const file of listed) {
      const path = String(field(file, 'path'));
      expect(field(file, 'sha256'), path).toBe(await sha256Of(join(entryDir, path)));
      expect(field(file, 'size'), path).toBe((await stat(join(entryDir, path))).size);
    }
  });

  it('records the build: Broadsheet, Chromium, Ghostscript and font package versions', async () => {
    const build = field(await readJson(join(entryDir, 'manifest.json')), 'build');
    const require = createRequire(join(projectRoot, 'package.json'));
    const versionOf = (name: string): unknown => field(require(`${name}/package.json`), 'version');
    expect(field(build, 'broadsheet')).toBe(field(await readJson(join(projectRoot, 'package.json')), 'version'));
    expect(String(field(build, 'chromium'))).toMatch(/Chrom(e|ium)\/\d+\./);
    expect(field(build, 'ghostscript')).toBe(execFileSync('gs', ['--version'], { encoding: 'utf8' }).trim());
    for (const font of ['noto-serif-sc', 'noto-sans-sc', 'source-serif-4']) {
      expect(field(build, `@fontsource/${font}`), font).toBe(versionOf(`@fontsource/${font}`));
    }
  });
});

describe('broadsheet verify', () => {
  it('passes the untouched archive: exit 0 and "ok" for the entry', async () => {
    const run = await broadsheet(['verify', '--archive', archiveDir]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^ok ${firstEntry}: \\d+ files match the manifest`, 'm'));
  });

  /** A writable copy of the entry, alone in its own archive folder, to tamper with. */
  async function copyOfEntry(label: string): Promise<{ archive: string; entry: string }> {
    const archive = join(temp.path, `tampered-${label}`);
    return { archive, entry: await copyEntry(entryDir, archive, firstEntry) };
  }

  it('passes an unchanged copy of the entry (the copying itself changes nothing)', async () => {
    const copy = await copyOfEntry('none');
    const run = await broadsheet(['verify', firstEntry, '--archive', copy.archive]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`ok ${firstEntry}`);
  });

  it('fails with "changed: path" when one byte of an archived file changes', async () => {
    const copy = await copyOfEntry('changed');
    const path = join(copy.entry, 'press/page-2.pdf');
    const bytes = await readFile(path);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await writeFile(path, bytes);
    const run = await broadsheet(['verify', '--archive', copy.archive]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`FAILED ${firstEntry}`);
    expect(run.stdout).toMatch(/^\s*changed: press\/page-2\.pdf$/m);
    expect(run.stdout).not.toMatch(/^\s*(missing|added): /m);
  });

  it('fails with "missing: path" when an archived file is deleted', async () => {
    const copy = await copyOfEntry('missing');
    await rm(join(copy.entry, 'proof/page-3.html'));
    const run = await broadsheet(['verify', firstEntry, '--archive', copy.archive]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^\s*missing: proof\/page-3\.html$/m);
  });

  it('fails with "added: path" when a file is added to the entry', async () => {
    const copy = await copyOfEntry('added');
    await writeFile(join(copy.entry, 'pdfa', 'notes.txt'), 'a file nobody archived\n');
    const run = await broadsheet(['verify', '--archive', copy.archive]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^\s*added: pdfa\/notes\.txt$/m);
  });
});

describe('broadsheet search', () => {
  // Each run starts Node; the same search is run once and its output read by every test that needs it.
  const runs = new Map<string, Promise<CommandRun>>();
  const search = (...args: string[]): Promise<CommandRun> => {
    const key = args.join('\u0000');
    const run = runs.get(key) ?? broadsheet(['search', ...args, '--archive', archiveDir], 60_000);
    runs.set(key, run);
    return run;
  };

  it('finds 山亭区 on page 1, naming the edition and its date', async () => {
    const run = await search('山亭区');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^2021-01-08 {2}样报 第1期 {2}page 1 {2}『改革攻坚 蓄势蝶变』/m);
    expect(run.stdout).toContain(`[${firstEntry}]`);
  });

  it('finds the two-character word 书房 in the library story on page 2', async () => {
    const run = await search('书房');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^2021-01-08 {2}样报 第1期 {2}page 2 {2}书香不打烊 阅读到田间/m);
  });

  it('finds English words of the page 3 stories', async () => {
    const ferry = await search('ferry');
    expect(ferry.status, ferry.stdout + ferry.stderr).toBe(0);
    expect(ferry.stdout).toMatch(/page 3 {2}Harbour ferry returns after forty years/);
    const tidal = await search('tidal');
    expect(tidal.status, tidal.stdout + tidal.stderr).toBe(0);
    expect(tidal.stdout).toMatch(/^2021-01-08 {2}样报 第1期 {2}page 3 {2}Fishing town tests a tidal buoy off the point/m);
  });

  it('gives every hit the date of the edition it was published in (2021-01-08)', async () => {
    for (const query of ['山亭区', '书房', 'ferry', 'tidal']) {
      const run = await search(query);
      const dates = run.stdout.split('\n').filter((line) => line.includes(`[${firstEntry}]`)).map((line) => line.slice(0, 10));
      expect(dates.length, query).toBeGreaterThan(0);
      expect(new Set(dates), `${query}:\n${run.stdout}`).toEqual(new Set(['2021-01-08']));
    }
  });

  it('--from 2022-01-01 leaves out this 2021 edition: exit 1', async () => {
    for (const query of ['山亭区', 'tidal', 'ferry']) {
      const run = await search(query, '--from', '2022-01-01');
      expect(run.status, `${query}:\n${run.stdout}`).toBe(1);
      expect(run.stdout).toContain('no archived article matches');
    }
  });

  it('--to 2021-01-08 keeps it', async () => {
    const run = await search('tidal', '--from', '2021-01-08', '--to', '2021-01-08');
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('exits 1 for a phrase no article holds', async () => {
    for (const query of ['量子计算机', 'zeppelin']) {
      const run = await search(query);
      expect(run.status, `${query}:\n${run.stdout}`).toBe(1);
      expect(run.stdout).toContain(`no archived article matches “${query}”`);
    }
  });
});

describe('articles/shanting.jsonld', () => {
  it('is a schema.org NewsArticle with the manuscript’s headline, authors, date, language and text', async () => {
    const jsonld = await readJson(join(entryDir, 'articles/shanting.jsonld'));
    const shanting = await sampleArticle('shanting');
    const sentence = '众所周知，经济发展的竞争核心是人才的竞争。';
    expect(shanting.body).toContain(sentence);
    expect(field(jsonld, '@context')).toBe('https://schema.org');
    expect(field(jsonld, '@type')).toBe('NewsArticle');
    expect(field(jsonld, 'headline')).toBe(shanting.headline);
    const authors = field(jsonld, 'author');
    expect(Array.isArray(authors) ? authors.map((author: unknown) => field(author, 'name')) : authors).toEqual(shanting.byline);
    expect(field(jsonld, 'datePublished')).toBe('2021-01-08');
    expect(field(jsonld, 'inLanguage')).toBe('zh-CN');
    expect(String(field(jsonld, 'articleBody'))).toContain(sentence);
  });

  it('gives every article a JSON-LD file naming its headline', async () => {
    for (const slug of slugs) {
      const jsonld = await readJson(join(entryDir, `articles/${slug}.jsonld`));
      expect(field(jsonld, '@type'), slug).toBe('NewsArticle');
      expect(field(jsonld, 'headline'), slug).toBe((await sampleArticle(slug)).headline);
    }
  });
});

describe('archiving the same edition again', () => {
  it('adds a second entry _r2 beside the first and leaves every byte of _r1 as it was', async () => {
    const before = await hashTree(entryDir);
    const modesBefore = await modesBelow(entryDir);
    const run = await broadsheet(['archive', sampleEditionFile, '--archive', archiveDir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`archived ${secondEntry}`);
    expect(await entryFolders(archiveDir)).toEqual([firstEntry, secondEntry]);
    expect(await hashTree(entryDir)).toEqual(before);
    expect(await modesBelow(entryDir)).toEqual(modesBefore);
    const verified = await broadsheet(['verify', '--archive', archiveDir]);
    expect(verified.status, verified.stdout).toBe(0);
    expect(verified.stdout).toContain(`ok ${firstEntry}`);
    expect(verified.stdout).toContain(`ok ${secondEntry}`);
  });
});
