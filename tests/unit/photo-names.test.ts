// Photos named as phones and desks name them (spaces, #, %, +, @, parentheses, café, .JPG), written the ways CommonMark
// reads them (<…> or percent-encoded), all reach the same file; a path CommonMark does not read as a photo is an error
// at its line that says how to write it. Real files, real manuscript stage.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManuscript } from '../../src/manuscript/load.ts';
import { photoKey } from '../../src/markdown/photo-key.ts';
import { broadsheetErrorOf } from '../helpers/build.ts';
import { jpegBytes } from '../helpers/images.ts';
import { awkward } from '../helpers/photo-names.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
beforeAll(async () => {
  temp = await tempFolder('photo-names');
});
afterAll(async () => temp?.remove());

async function manuscript(name: string, body: string, files: readonly string[]): Promise<string> {
  const dir = join(temp.path, name);
  await mkdir(join(dir, 'images'), { recursive: true });
  for (const file of files) await writeFile(join(dir, 'images', file), jpegBytes(900, 600));
  await writeFile(join(dir, 'article.md'), `---\nheadline: Photo names\nlang: en-GB\n---\n\n${body}\n`);
  return dir;
}

describe('awkward photo names', () => {
  it('decodes each %-escape once and compares in NFC: the manuscript’s and the HTML’s spellings are one key', () => {
    expect(photoKey('<x>')).toBe('<x>');
    expect(photoKey('images/park%20photo.jpg')).toBe('images/park photo.jpg');
    expect(photoKey('images/100%2520.jpg')).toBe('images/100%20.jpg');
    expect(photoKey('images/cafe\u0301.jpg')).toBe(photoKey('images/caf%C3%A9.jpg'));
    expect(photoKey('images/a.jpg?v=2#top')).toBe('images/a.jpg');
    expect(photoKey('images/100%.jpg')).toBeUndefined();
  });

  it('finds every one of them, each as its own photo', async () => {
    const body = awkward.map((photo, index) => `Paragraph ${index + 1}.\n\n![Photo ${index + 1}](${photo.written} "Desk")`).join('\n\n');
    const dir = await manuscript('awkward', body, awkward.map((photo) => photo.file));
    const loaded = await loadManuscript({ dir });
    const found = [...loaded.photos.values()].map((photo) => photo.relativePath.normalize('NFC')).sort();
    expect(found).toEqual(awkward.map((photo) => `images/${photo.file}`.normalize('NFC')).sort());
  });
});

describe('a photo CommonMark does not read', () => {
  it('is an error at its line that shows the <…> form, not text printed on the page', async () => {
    const dir = await manuscript('unread', 'First paragraph.\n\n![The park at dawn](images/park photo.jpg "Lin Wei")\n\nLast paragraph.', ['park photo.jpg']);
    const error = await broadsheetErrorOf(loadManuscript({ dir }));
    expect(error.entry.code).toBe('BS011');
    const detail = error.details.find((line) => line.includes('is not read as a photo'));
    expect(detail).toMatch(/article\.md:8:1: error: /);
    expect(detail).toContain('![The park at dawn](<images/park photo.jpg> "Lin Wei")');
    expect(detail).toContain('has a space');
  });
});
