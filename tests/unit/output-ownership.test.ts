// An output folder is Broadsheet's to replace only if it made it: somebody's notes, a sibling story or the manuscript
// itself are never deleted or overwritten, and a refusal says what is there. Real folders on disk, via writeFolder.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BroadsheetError } from '../../src/errors/catalogue.ts';
import { outputMarker } from '../../src/output/ownership.ts';
import { writeFolder } from '../../src/output/write-folder.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
let count = 0;
beforeAll(async () => {
  temp = await tempFolder('ownership');
});
afterAll(async () => temp?.remove());

/** A fresh place for each case: a manuscript folder beside it, and the path of the output folder. */
async function place(): Promise<{ root: string; manuscript: string; out: string }> {
  const root = join(temp.path, `case-${++count}`);
  const manuscript = join(root, 'story');
  await mkdir(manuscript, { recursive: true });
  await writeFile(join(manuscript, 'article.md'), '---\nheadline: A\n---\n\nText.\n');
  return { root, manuscript, out: join(root, 'out') };
}

const build = (folder: string, manuscript: string, options: { force?: boolean; page?: string } = {}) =>
  writeFolder({ folder, sources: [manuscript], force: options.force === true, files: [{ path: 'story.pdf', contents: options.page ?? 'new page' }, { path: 'proof/page-1.ink.png', contents: 'ink' }], copies: [] });

async function refusal(promise: Promise<unknown>): Promise<BroadsheetError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BroadsheetError);
  return error as BroadsheetError;
}

describe('writing an output folder', () => {
  it('writes a new folder with the marker that lists every file Broadsheet wrote', async () => {
    const { manuscript, out } = await place();
    await build(out, manuscript);
    const marker = JSON.parse(await readFile(join(out, outputMarker), 'utf8')) as { writtenBy: string; files: string[] };
    expect(marker).toMatchObject({ writtenBy: 'Broadsheet', files: ['proof/page-1.ink.png', 'story.pdf'] });
    expect((await readdir(out)).sort()).toEqual([outputMarker, 'proof', 'story.pdf']);
  });

  it('replaces a folder it made, and writes into an empty one', async () => {
    const { manuscript, out } = await place();
    await build(out, manuscript, { page: 'first' });
    await build(out, manuscript, { page: 'second' });
    expect(await readFile(join(out, 'story.pdf'), 'utf8')).toBe('second');
    const empty = join(out, '..', 'empty');
    await mkdir(empty);
    await build(empty, manuscript);
    expect(await readFile(join(empty, 'story.pdf'), 'utf8')).toBe('new page');
  });

  it('refuses a folder holding other work (notes, a sibling story), naming them, and leaves every file as it was, with or without force', async () => {
    const { root, manuscript } = await place();
    const desk = join(root, 'desk');
    await mkdir(join(desk, 'other-story'), { recursive: true });
    await writeFile(join(desk, 'notes.txt'), 'call the harbour office');
    await writeFile(join(desk, 'other-story/article.md'), 'another story');
    for (const force of [false, true]) {
      const error = await refusal(build(desk, manuscript, { force }));
      expect(error.entry.code).toBe('BS051');
      expect(error.message).toContain('notes.txt');
      expect(error.message).toContain('other-story/article.md');
      if (force) expect(error.message).toContain('--force rebuilds only a folder Broadsheet made');
    }
    expect((await readdir(desk)).sort()).toEqual(['notes.txt', 'other-story']);
    expect(await readFile(join(desk, 'notes.txt'), 'utf8')).toBe('call the harbour office');
    expect(await readFile(join(desk, 'other-story/article.md'), 'utf8')).toBe('another story');
    // No staging folder is left beside it either.
    expect((await readdir(root)).sort()).toEqual(['desk', 'story']);
  });

  it('refuses the manuscript folder itself, and any folder that holds it, keeping article.md', async () => {
    const { root, manuscript } = await place();
    for (const folder of [manuscript, root]) {
      const error = await refusal(build(folder, manuscript));
      expect(error.entry.code).toBe('BS052');
      expect(error.entry.exit).toBe(2);
    }
    expect(await readFile(join(manuscript, 'article.md'), 'utf8')).toContain('headline: A');
  });

  it('refuses a folder it made when files were added since; --force rebuilds it and keeps them as they were', async () => {
    const { manuscript, out } = await place();
    await build(out, manuscript, { page: 'first' });
    await writeFile(join(out, 'corrections.txt'), 'p. 1: spelling of Xu');
    const error = await refusal(build(out, manuscript, { page: 'second' }));
    expect(error.entry.code).toBe('BS051');
    expect(error.message).toContain('corrections.txt was added');
    expect(await readFile(join(out, 'story.pdf'), 'utf8')).toBe('first');
    await build(out, manuscript, { page: 'second', force: true });
    expect(await readFile(join(out, 'story.pdf'), 'utf8')).toBe('second');
    expect(await readFile(join(out, 'corrections.txt'), 'utf8')).toBe('p. 1: spelling of Xu');
  });

  it('never overwrites an added file that has the name of one the build writes, even with --force', async () => {
    const { manuscript, out } = await place();
    await writeFolder({ folder: out, sources: [manuscript], files: [{ path: 'index.html', contents: 'proof' }], copies: [] });
    await writeFile(join(out, 'story.pdf'), 'the desk’s own PDF');
    const error = await refusal(build(out, manuscript, { force: true }));
    expect(error.message).toContain('story.pdf');
    expect(await readFile(join(out, 'story.pdf'), 'utf8')).toBe('the desk’s own PDF');
  });

  it('refuses an output path that is a file, leaving it alone', async () => {
    const { root, manuscript } = await place();
    const file = join(root, 'page.pdf');
    await writeFile(file, 'somebody’s page');
    expect((await refusal(build(file, manuscript))).entry.code).toBe('BS051');
    expect(await readFile(file, 'utf8')).toBe('somebody’s page');
  });
});
