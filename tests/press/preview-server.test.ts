// The proof server end to end: it serves the proof on 127.0.0.1 only, answers only to its own name, serves only the
// manuscript's own files, styles and fonts, and lets only the proof page itself open the reload channel or ask for changes.
import { existsSync } from 'node:fs';
import { readFile, symlink } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { proofedFile } from '../../src/preview/proofed.ts';
import { previewSampleCopy, previewState, rawRequest, type SamplePreview } from '../helpers/preview-server.ts';
import { readSampleArticle } from '../helpers/sample-article.ts';

const article = readSampleArticle();
let preview: SamplePreview;
let ownOrigin: string;

beforeAll(async () => {
  preview = await previewSampleCopy('server', async (dir) => {
    // Placed before the preview starts: a link out of the folder, and one that stays inside it.
    await symlink('/etc/hostname', join(dir, 'link.jpg'));
    await symlink('/etc/hostname', join(dir, 'images/link.jpg'));
    await symlink(join(dir, 'images/highway.jpg'), join(dir, 'images/alias.jpg'));
  });
  ownOrigin = `http://127.0.0.1:${preview.port}`;
});
afterAll(async () => {
  await preview?.stop();
});

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('serving the proof', () => {
  it('prints a URL on 127.0.0.1 with the port it picked', () => {
    const url = new URL(preview.url);
    expect(url.protocol).toBe('http:');
    expect(url.hostname).toBe('127.0.0.1');
    expect(preview.port).toBeGreaterThan(0);
    expect(preview.log[0]).toMatch(new RegExp(`^proof of .+ at ${preview.url.replace(/[.]/g, '\\.')} `));
  });

  it('answers GET / with the proof page (200 HTML holding the headline)', async () => {
    const response = await rawRequest({ port: preview.port, path: '/' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain(article.headline);
    expect(response.text).toMatch(/<script src="\/_proof\/ui\.js" defer data-build="\d+"><\/script>/);
  });

  it('answers to localhost:PORT as well as 127.0.0.1:PORT', async () => {
    expect((await rawRequest({ port: preview.port, path: '/', host: `localhost:${preview.port}` })).status).toBe(200);
  });

  it('listens on 127.0.0.1 only: 127.0.0.2 (same loopback device) is refused', async () => {
    expect(await accepts('127.0.0.1', preview.port)).toBe(true);
    expect(await accepts('127.0.0.2', preview.port)).toBe(false);
  });

  it('is not reachable on the machine’s other addresses (IPv6 loopback, network interfaces)', async () => {
    const others = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .filter((entry) => !entry.address.startsWith('127.'))
      .map((entry) => entry.address);
    for (const address of ['::1', ...others]) expect(await accepts(address, preview.port), address).toBe(false);
  });

  it('serves the manuscript’s photos, its styles and its fonts', async () => {
    const photo = await rawRequest({ port: preview.port, path: '/manuscript/images/highway.jpg' });
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.body.equals(await readFile(join(preview.dir, 'images/highway.jpg')))).toBe(true);
    const style = await rawRequest({ port: preview.port, path: '/styles/page.css' });
    expect([style.status, style.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    const font = await rawRequest({ port: preview.port, path: '/fonts/noto-serif-sc/400.css' });
    expect(font.status).toBe(200);
    expect(font.text).toContain('@font-face');
  });

  it('serves a link that stays inside the manuscript folder', async () => {
    const response = await rawRequest({ port: preview.port, path: '/manuscript/images/alias.jpg' });
    expect(response.status).toBe(200);
    expect(response.body.equals(await readFile(join(preview.dir, 'images/highway.jpg')))).toBe(true);
  });
});

describe('refusals', () => {
  it.each(['evil.example', `evil.example:PORT`, '127.0.0.1:1', `127.0.0.1.evil.example:PORT`, 'localhost.evil.example:PORT'])('answers 403 to Host %s (DNS rebinding)', async (host) => {
    for (const path of ['/', '/_proof/state', '/manuscript/images/highway.jpg']) {
      const response = await rawRequest({ port: preview.port, path, host: host.replace('PORT', String(preview.port)) });
      expect(response.status, path).toBe(403);
      expect(response.text, path).not.toContain(article.headline);
      expect(response.body.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])), path).toBe(false);
    }
  });

  it('refuses a request with no Host header at all (HTTP/1.1 requires one: 400)', async () => {
    for (const path of ['/', '/_proof/state']) {
      const response = await rawRequest({ port: preview.port, path, host: null });
      expect(response.status, path).toBe(400);
      expect(response.text, path).not.toContain(article.headline);
    }
  });

  it.each([
    '/manuscript/../../../etc/passwd',
    '/manuscript/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/manuscript/..%2f..%2f..%2fetc/passwd',
    '/manuscript/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/manuscript/images/..%2f..%2f..%2f..%2f..%2fetc/passwd',
    '/fonts/noto-serif-sc/..%2f..%2f..%2f..%2f..%2fetc/passwd',
    '/styles/..%2f..%2f..%2f..%2fetc/passwd',
    '/etc/passwd',
  ])('answers 404 to %s, without the file', async (path) => {
    const response = await rawRequest({ port: preview.port, path });
    expect(response.status).toBe(404);
    expect(response.text).not.toMatch(/root:/);
  });

  it.each(['/manuscript/link.jpg', '/manuscript/images/link.jpg'])('answers 404 to %s, a link to /etc/hostname', async (path) => {
    const hostname = (await readFile('/etc/hostname', 'utf8')).trim();
    const response = await rawRequest({ port: preview.port, path });
    expect(response.status).toBe(404);
    expect(hostname.length).toBeGreaterThan(0);
    expect(response.text).not.toContain(hostname);
  });

  it.each(['/manuscript/', '/manuscript', '/manuscript/images/', '/manuscript/images', '/styles/', '/fonts/noto-serif-sc/', '/fonts/'])(
    'lists no folder: %s is 404 and names no file in it',
    async (path) => {
      const response = await rawRequest({ port: preview.port, path });
      expect(response.status).toBe(404);
      for (const name of ['article.md', 'highway', 'clinic', 'page.css', '400.css', 'noto']) expect(response.text).not.toContain(name);
    },
  );

  it('answers 404 to an unknown path', async () => {
    expect((await rawRequest({ port: preview.port, path: '/manuscript/images/none.jpg' })).status).toBe(404);
    expect((await rawRequest({ port: preview.port, path: '/_proof/none' })).status).toBe(404);
  });
});

describe('the reload channel (WebSocket /_proof/live)', () => {
  /** Opens the channel with the given headers; resolves with the first message, or the HTTP status it was refused with. */
  function openChannel(options: { origin?: string; host?: string }): Promise<{ message: string } | { refused: number }> {
    return new Promise((resolve, reject) => {
      const client = new WebSocket(`ws://127.0.0.1:${preview.port}/_proof/live`, {
        ...(options.origin === undefined ? {} : { origin: options.origin }),
        ...(options.host === undefined ? {} : { headers: { host: options.host } }),
        handshakeTimeout: 10_000,
      });
      client.once('unexpected-response', (_request, response) => {
        resolve({ refused: response.statusCode ?? 0 });
        client.terminate();
      });
      client.once('message', (data) => {
        resolve({ message: String(data) });
        client.close();
      });
      client.once('error', (error) => reject(error));
    });
  }

  it.each(['http://evil.example', `http://evil.example:PORT`, 'null', `https://127.0.0.1:PORT`, `http://127.0.0.1:1`])('refuses Origin %s with 403', async (origin) => {
    expect(await openChannel({ origin: origin.replace('PORT', String(preview.port)) })).toEqual({ refused: 403 });
  });

  it('refuses a client that sends no Origin (403)', async () => {
    expect(await openChannel({})).toEqual({ refused: 403 });
  });

  it('refuses the right Origin under a foreign Host (403)', async () => {
    expect(await openChannel({ origin: ownOrigin, host: 'evil.example' })).toEqual({ refused: 403 });
  });

  it.each(['127.0.0.1', 'localhost'])('tells the proof page at http://%s:PORT which build is current', async (name) => {
    const { id } = await previewState(preview.port);
    const answer = await openChannel({ origin: `http://${name}:${preview.port}` });
    expect(answer).toEqual({ message: JSON.stringify({ build: id }) });
  });
});

describe('requests that change something', () => {
  const mark = () => proofedFile(preview.outDir);
  const pdf = () => join(preview.outDir, 'shanting.pdf');

  it.each([
    ['no Origin', undefined],
    ['a foreign Origin', 'http://evil.example'],
    ['Origin null', 'null'],
    ['another port on 127.0.0.1', 'http://127.0.0.1:1'],
  ])('refuses POST /_proof/print with %s (403) and prints nothing', async (_label, origin) => {
    const { id } = await previewState(preview.port);
    const response = await rawRequest({ port: preview.port, path: '/_proof/print', method: 'POST', json: { build: id }, ...(origin === undefined ? {} : { origin }) });
    expect(response.status).toBe(403);
    expect(existsSync(pdf())).toBe(false);
  });

  it.each([
    ['no Origin', undefined],
    ['a foreign Origin', 'http://evil.example'],
  ])('refuses POST /_proof/proofed with %s (403) and marks nothing', async (_label, origin) => {
    const response = await rawRequest({ port: preview.port, path: '/_proof/proofed', method: 'POST', json: { text: 'forged' }, ...(origin === undefined ? {} : { origin }) });
    expect(response.status).toBe(403);
    expect(existsSync(mark())).toBe(false);
    expect((await previewState(preview.port)).proofed).toBeNull();
  });

  it('refuses the right Origin under a foreign Host (403)', async () => {
    const { id } = await previewState(preview.port);
    const response = await rawRequest({ port: preview.port, path: '/_proof/print', method: 'POST', host: 'evil.example', origin: ownOrigin, json: { build: id } });
    expect(response.status).toBe(403);
    expect(existsSync(pdf())).toBe(false);
  });

  it('accepts both from the proof’s own origin (the control for the refusals above)', async () => {
    const proofed = await rawRequest({ port: preview.port, path: '/_proof/proofed', method: 'POST', origin: `http://localhost:${preview.port}`, json: { text: 'read' } });
    expect(proofed.status).toBe(200);
    expect((await previewState(preview.port)).proofed?.text).toBe('read');
    const { id } = await previewState(preview.port);
    const printed = await rawRequest({ port: preview.port, path: '/_proof/print', method: 'POST', origin: ownOrigin, json: { build: id } });
    expect(printed.status).toBe(200);
    expect(existsSync(pdf())).toBe(true);
  });
});
