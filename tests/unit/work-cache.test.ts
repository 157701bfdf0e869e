// The cache of work that depends only on bytes: the same inputs are made once, other inputs are made anew, a file is
// whole or absent, and a cache that cannot be written costs the work, never the build.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedWork } from '../../src/workspace/work-cache.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let folder: TempFolder;
const before = process.env['BROADSHEET_CACHE'];

beforeAll(async () => {
  folder = await tempFolder('work-cache');
  process.env['BROADSHEET_CACHE'] = join(folder.path, 'cache');
});
afterAll(async () => {
  if (before === undefined) delete process.env['BROADSHEET_CACHE'];
  else process.env['BROADSHEET_CACHE'] = before;
  await folder.remove();
});

describe('cachedWork', () => {
  it('makes the work once for the same inputs and reads it back after', async () => {
    let made = 0;
    const make = async () => (made++, Buffer.from('resampled photo'));
    const first = await cachedWork(['resampled', Buffer.from('photo bytes'), '100x80'], 'jpg', make);
    const second = await cachedWork(['resampled', Buffer.from('photo bytes'), '100x80'], 'jpg', make);
    expect(made).toBe(1);
    expect(second.path).toBe(first.path);
    expect(Buffer.from(second.bytes).toString()).toBe('resampled photo');
    expect(await readFile(first.path, 'utf8')).toBe('resampled photo');
  });

  it('makes it again when any input differs: other bytes, other size, the same text split otherwise', async () => {
    let made = 0;
    const make = async () => (made++, Buffer.from(`copy ${made}`));
    const paths = new Set<string>();
    for (const inputs of [['a', Buffer.from('photo'), '1x1'], ['a', Buffer.from('photo!'), '1x1'], ['a', Buffer.from('photo'), '1x2'], ['ab', 'c'], ['a', 'bc']]) {
      paths.add((await cachedWork(inputs, 'jpg', make)).path);
    }
    expect(made).toBe(5);
    expect(paths.size).toBe(5);
    expect((await readdir(join(folder.path, 'cache'))).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('still returns the work when the cache folder cannot be made', async () => {
    const blocked = join(folder.path, 'not-a-folder');
    await writeFile(blocked, 'a file where the cache would go');
    process.env['BROADSHEET_CACHE'] = blocked;
    try {
      const work = await cachedWork(['x'], 'jpg', async () => Buffer.from('made anyway'));
      expect(Buffer.from(work.bytes).toString()).toBe('made anyway');
      expect(await readFile(blocked, 'utf8')).toBe('a file where the cache would go');
    } finally {
      process.env['BROADSHEET_CACHE'] = join(folder.path, 'cache');
    }
  });
});
