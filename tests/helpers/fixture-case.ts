// A manuscript fixture folder made real: tests/fixtures/manuscripts/<name> copied to a temporary folder, with the photos
// and symbolic links its case.json asks for (bytes that cannot live in git as text, links that must point outside).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { addFile, addSymlink, copyFixture } from './build.ts';
import { jpegBytes, noiseBytes, pngBytes, truncated } from './images.ts';

export interface ExpectedError {
  /** The line of article.md the error must name. */
  readonly line: number;
  /** Words the error must contain: the photo's path, the field, what is wrong. */
  readonly mentions: readonly string[];
}

export interface FixtureCase {
  readonly name: string;
  /** The manuscript folder, ready to build. */
  readonly dir: string;
  readonly error?: ExpectedError;
}

const photoMakers: Record<string, () => Uint8Array> = {
  /** Enough pixels for the plant's 200 ppi at one column of any default grid (a column is at most 50 mm). */
  jpeg: () => jpegBytes(800, 500),
  png: () => pngBytes(800, 500),
  noise: () => noiseBytes(20_000, 7),
  'truncated-jpeg': () => truncated(jpegBytes(320, 200)),
  'truncated-png': () => truncated(pngBytes(320, 200)),
  /** Every chunk in place and checksummed, but the pixel data is not a deflate stream. */
  'corrupt-png': () => {
    const bytes = Buffer.from(pngBytes(320, 200));
    const idat = bytes.indexOf('IDAT', 0, 'latin1');
    bytes.fill(0x55, idat + 4, idat + 24);
    return bytes;
  },
};

export async function materialise(name: string, into: string): Promise<FixtureCase> {
  const dir = await copyFixture(join('manuscripts', name), into, name);
  const setup: unknown = JSON.parse(await readFile(join(dir, 'case.json'), 'utf8').catch(() => '{}'));
  await rm(join(dir, 'case.json'), { force: true });
  for (const [path, kind] of entries(field(setup, 'photos'))) {
    const make = typeof kind === 'string' ? photoMakers[kind] : undefined;
    if (!make) throw new Error(`${name}/case.json: unknown photo kind ${String(kind)}`);
    await addFile(dir, path, make());
  }
  for (const [path, target] of entries(field(setup, 'symlinks'))) {
    if (typeof target !== 'string') throw new Error(`${name}/case.json: symlink ${path} needs a target`);
    await addSymlink(dir, path, target);
  }
  const error = field(setup, 'error');
  return error === undefined ? { name, dir } : { name, dir, error: expectedError(error, `${name}/case.json`) };
}

/** An expected error as fixtures write it: `{ "line": 7, "mentions": ["images/photo.jpg"] }`. */
export function expectedError(value: unknown, where: string): ExpectedError {
  const line = field(value, 'line');
  const mentions = field(value, 'mentions');
  if (typeof line !== 'number' || !Array.isArray(mentions)) throw new Error(`${where}: needs a line and mentions`);
  return { line, mentions: mentions.map(String) };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Object.entries(value).find(([name]) => name === key)?.[1] : undefined;
}

function entries(value: unknown): Array<[string, unknown]> {
  return typeof value === 'object' && value !== null ? Object.entries(value) : [];
}
