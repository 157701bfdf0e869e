// A page job's files for a worker on another machine: every file the page document can load, found in the document
// and its stylesheets (imports, fonts), and nothing outside the page's folders; a worker's finder serves exactly these.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referencedFiles, storedFinder } from '../../src/queue/page-inputs.ts';
import { queuedPageId, type QueuedPage } from '../../src/queue/queued-page.ts';
import { pageQueueName, queueAddress } from '../../src/queue/connection.ts';
import { blobCopies, type ContentStore } from '../../src/queue/content-store.ts';
import { contentHash } from '../../src/queue/page-job.ts';
import { pageOrigin } from '../../src/render/page-files.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
let roots: Record<string, string>;

beforeAll(async () => {
  temp = await tempFolder('queue-inputs');
  const styles = join(temp.path, 'styles');
  const fonts = join(temp.path, 'fonts');
  const photos = join(temp.path, 'photos');
  for (const dir of [styles, join(fonts, 'files'), photos]) await mkdir(dir, { recursive: true });
  await writeFile(join(styles, 'page.css'), '@import "type.css";\nbody { background: url(\'paper.png\'); }\n');
  await writeFile(join(styles, 'type.css'), '@font-face { src: url(../fonts/400.css); }\n');
  await writeFile(join(styles, 'paper.png'), 'png');
  await writeFile(join(styles, 'unused.css'), 'p {}');
  await writeFile(join(fonts, '400.css'), '@font-face { font-family: X; src: url(./files/x-400.woff2) format("woff2"), url("./files/x-400.woff") format("woff"); }');
  await writeFile(join(fonts, 'files', 'x-400.woff2'), 'woff2');
  await writeFile(join(fonts, 'files', 'x-400.woff'), 'woff');
  await writeFile(join(photos, '港口 1.jpg'), 'jpeg');
  await writeFile(join(temp.path, 'secret.css'), 'outside');
  roots = { 'styles/': styles, 'fonts/': fonts, 'manuscripts/a/': photos };
});
afterAll(async () => temp?.remove());

describe('referencedFiles', () => {
  it('follows the document to its stylesheets, their imports, fonts and pictures, and its photos', async () => {
    const html = '<link rel="stylesheet" href="styles/page.css"><img src="manuscripts/a/%E6%B8%AF%E5%8F%A3%201.jpg?broadsheet-layout=2&amp;x=1"><a href="https://example.com/">x</a><img src="data:image/png;base64,AA==">';
    const found = await referencedFiles(html, roots);
    expect([...found.keys()].sort()).toEqual(['fonts/400.css', 'fonts/files/x-400.woff', 'fonts/files/x-400.woff2', 'manuscripts/a/港口 1.jpg', 'styles/page.css', 'styles/paper.png', 'styles/type.css']);
    expect(found.get('styles/type.css')).toBe(join(temp.path, 'styles', 'type.css'));
  });

  it('leaves out what the page could not load here either: files outside its folders, climbing paths', async () => {
    const found = await referencedFiles('<link href="secret.css"><link href="styles/../secret.css"><style>p{background:url(/etc/passwd)}</style>', roots);
    expect([...found.keys()]).toEqual([]);
  });
});

describe('storedFinder (a worker serving a job its files)', () => {
  const files = { 'styles/page.css': { hash: 'a'.repeat(64), mime: 'text/css; charset=utf-8' } };
  const finder = storedFinder(files, async (hash) => `/blobs/${hash}`);

  it('serves a file the job names from the copy of its blob', async () => {
    expect(await finder(`${pageOrigin}/styles/page.css`)).toEqual({ kind: 'file', urlPath: 'styles/page.css', path: `/blobs/${'a'.repeat(64)}`, mime: 'text/css; charset=utf-8' });
  });

  it('refuses anything else, as the page would be refused on the coordinator', async () => {
    expect(await finder(`${pageOrigin}/styles/other.css`)).toMatchObject({ kind: 'refused', reason: 'not a file the page may load' });
    expect(await finder('https://example.com/styles/page.css')).toMatchObject({ kind: 'refused' });
    expect(await finder(`${pageOrigin}/styles/page.exe`)).toMatchObject({ kind: 'refused', reason: 'files of type .exe are not loaded' });
  });
});

describe('blobCopies (a worker\'s copies of blobs, in the work cache)', () => {
  it('fetches a blob once, keeps it in the cache, and refuses a name that is no hash', async () => {
    const bytes = Buffer.from('a font');
    let gets = 0;
    const store: ContentStore = { put: async () => '', putFile: async () => '', get: async () => (gets++, bytes) };
    const before = process.env['BROADSHEET_CACHE'];
    process.env['BROADSHEET_CACHE'] = join(temp.path, 'cache');
    const blobs = blobCopies(store);
    const hash = contentHash(bytes);
    const [first, second] = await Promise.all([blobs.path(hash), blobs.path(hash)]);
    expect(first.startsWith(join(temp.path, 'cache'))).toBe(true);
    expect(await readFile(first)).toEqual(bytes);
    expect(second).toBe(first);
    expect(await blobCopies(store).path(hash)).toBe(first);
    expect(gets).toBe(1);
    if (before === undefined) delete process.env['BROADSHEET_CACHE'];
    else process.env['BROADSHEET_CACHE'] = before;
    await expect(blobs.path('../../etc/passwd')).rejects.toThrow('is not a content hash');
  });
});

describe('a job on the queue', () => {
  const page: QueuedPage = {
    format: 'broadsheet-page-job/1',
    broadsheet: '0.1.0+abc',
    job: { what: 'Page 1 of X', page: 1, html: '<p>a</p>', request: { grid: {} as never, folio: { paper: 'P', lang: 'en', page: 1 }, stories: [] }, facts: { title: 'T', lang: 'en' }, rules: {} as never, timeoutMs: 1000 },
    inputs: { files: { 'styles/page.css': { hash: 'a'.repeat(64), mime: 'text/css' } }, profile: 'b'.repeat(64) },
  };

  it('is named by the hash of all of it: the same page twice is one job, another photo another job', () => {
    expect(queuedPageId(page)).toBe(queuedPageId(structuredClone(page)));
    expect(queuedPageId(page)).toMatch(/^[0-9a-f]{64}$/);
    const otherPhoto = { ...page, inputs: { ...page.inputs, files: { 'styles/page.css': { hash: 'c'.repeat(64), mime: 'text/css' } } } };
    expect(queuedPageId(otherPhoto)).not.toBe(queuedPageId(page));
    expect(queuedPageId({ ...page, broadsheet: '0.1.1+abc' })).not.toBe(queuedPageId(page));
  });

  it('goes to the queue of the Broadsheet that sent it', () => {
    expect(pageQueueName('0.1.0+35836652b926')).toBe('broadsheet-pages-0.1.0_35836652b926');
  });
});

describe('queueAddress', () => {
  it('reads redis://HOST:PORT/DB with a password, and never shows the password', () => {
    const address = queueAddress('redis://:s%40cret@10.0.0.5:6380/2');
    expect(address.options).toEqual({ host: '10.0.0.5', port: 6380, password: 's@cret', db: 2, maxRetriesPerRequest: null });
    expect(address.shown).toBe('redis://10.0.0.5:6380/2');
    expect(queueAddress('redis://127.0.0.1').options.port).toBe(6379);
  });

  it('refuses what is not a Redis address, saying how to write one', () => {
    expect(() => queueAddress('127.0.0.1:6379')).toThrow(/redis:\/\/HOST:PORT/);
    expect(() => queueAddress('http://127.0.0.1:6379')).toThrow(/not a redis:\/\/HOST:PORT address/);
    expect(() => queueAddress('redis://127.0.0.1:6379/queue')).toThrow(/database number/);
  });
});
