// The proof server: 127.0.0.1 only; serves the proof, the manuscript's own files and the proof tools, and pushes reloads.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { pageOrigin, resolvePageFile, type PageRoots } from '../render/page-files.ts';
import { BroadsheetError } from '../errors/catalogue.ts';
import { isAllowedHost, isAllowedOrigin, type ServerAddress } from './guard.ts';
import { proofPage } from './proof-page.ts';
import { proofToolsScript } from './ui-bundle.ts';
import { maxProofedBytes, proofedFile, readProofed, writeProofed } from './proofed.ts';
import type { ProofSession } from './session.ts';

export interface ProofServer {
  readonly url: string;
  /** Tells every open proof that a new build is ready; `full` when more than the text changed and the page must reload. */
  announce(id: number, full: boolean): void;
  close(): Promise<void>;
}

const livePath = '/_proof/live';

export async function startProofServer(options: { session: ProofSession; port: number; proofCss: string }): Promise<ProofServer> {
  const { session } = options;
  const address: { port: number } = { port: options.port };
  const server = createServer((request, response) => {
    void handle(request, response, session, address, options.proofCss).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `proof server error: ${error instanceof Error ? error.message : String(error)}`);
      else response.destroy();
    });
  });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 1024,
  });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://proof');
    if (url.pathname !== livePath || !isAllowedHost(request.headers.host, address) || !isAllowedOrigin(request.headers.origin, address)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  });
  const clients = new Set<WebSocket>();
  sockets.on('connection', (client: WebSocket) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.send(JSON.stringify({ build: session.state().id }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BroadsheetError(error.code === 'EADDRINUSE' ? 'PortInUse' : 'OutputFailed', error.code === 'EADDRINUSE' ? `Port ${options.port} on 127.0.0.1 is in use.` : `The proof server could not start: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    // 127.0.0.1 only: the proof is for this machine's reader, never the network.
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const bound = server.address();
  if (typeof bound === 'object' && bound !== null) address.port = bound.port;

  return {
    url: `http://127.0.0.1:${address.port}/`,
    announce(id, full) {
      const message = JSON.stringify({ build: id, full });
      for (const client of clients) client.send(message);
    },
    async close() {
      for (const client of clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, session: ProofSession, address: ServerAddress, proofCss: string): Promise<void> {
  // A foreign Host header means a page elsewhere resolved its own name to 127.0.0.1 (DNS rebinding).
  if (!isAllowedHost(request.headers.host, address)) return send(response, 403, 'text/plain; charset=utf-8', 'This proof server answers only to 127.0.0.1 and localhost.');
  const url = new URL(request.url ?? '/', 'http://proof');
  const method = request.method ?? 'GET';
  const isRead = method === 'GET' || method === 'HEAD';

  if (method === 'POST') {
    if (!isAllowedOrigin(request.headers.origin, address)) return send(response, 403, 'text/plain; charset=utf-8', 'Only the proof page itself may ask for this.');
    if (url.pathname === '/_proof/print') return print(request, response, session);
    if (url.pathname === '/_proof/proofed') return markProofed(request, response, session);
    if (url.pathname === '/_proof/press-views') return pressViews(request, response, session);
    return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  }
  if (!isRead) return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');

  if (url.pathname === '/' || url.pathname === '/index.html') {
    return send(response, 200, 'text/html; charset=utf-8', proofPage(session.state(), (src) => fileVersion(src, session.roots())), contentPolicy(address));
  }
  if (url.pathname === '/_proof/ui.js') return send(response, 200, 'text/javascript; charset=utf-8', await proofToolsScript());
  if (url.pathname === '/_proof/proof.css') return send(response, 200, 'text/css; charset=utf-8', await readFile(proofCss));
  const view = /^\/_proof\/press-view\/(\d+)\/(\d+)\.(jpg|png)$/.exec(url.pathname);
  if (view) return pressViewImage(response, session, Number(view[1]), Number(view[2]), view[3] === 'jpg' ? 'jpg' : 'png');
  if (url.pathname === '/_proof/state') {
    const state = session.state();
    const proofed = await readProofed(proofedFile(session.outDir));
    const { proofHtml: _, ...rest } = state;
    return send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ ...rest, proofed }));
  }
  // Everything else is one of the proof's own files: the manuscript's photos, styles, fonts.
  const file = resolvePageFile(pageOrigin + (request.url ?? '/').split('?')[0], session.roots());
  if (file.kind === 'refused') return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  const info = await stat(file.path).catch(() => null);
  if (!info?.isFile()) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  return send(response, 200, file.mime, method === 'HEAD' ? '' : await readFile(file.path));
}

/** A page file's version, from its time and size: what changes when the file is saved again. */
function fileVersion(src: string, roots: PageRoots): string | undefined {
  const file = resolvePageFile(new URL(src, `${pageOrigin}/`).href.split('?')[0] ?? '', roots);
  if (file.kind === 'refused') return undefined;
  try {
    const info = statSync(file.path);
    return `${Math.round(info.mtimeMs).toString(36)}${info.size.toString(36)}`;
  } catch {
    return undefined;
  }
}

async function print(request: IncomingMessage, response: ServerResponse, session: ProofSession): Promise<void> {
  const body = await readBody(request, 1024);
  const id = typeof body === 'object' && body !== null && 'build' in body ? Number(body.build) : NaN;
  try {
    const published = await session.printShown(id);
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ pdf: published.pdfPath }));
  } catch (error) {
    const message = error instanceof BroadsheetError ? error.message : String(error);
    send(response, 409, 'application/json; charset=utf-8', JSON.stringify({ error: message }));
  }
}

/** Makes (or finds) the press views of the build on show: the page's press copy, its soft proof and ink overlay. */
async function pressViews(request: IncomingMessage, response: ServerResponse, session: ProofSession): Promise<void> {
  const body = await readBody(request, 1024);
  const id = typeof body === 'object' && body !== null && 'build' in body ? Number(body.build) : NaN;
  try {
    const shown = await session.pressViews(id);
    const failed = shown.preflight.checks.filter((check) => !check.ok && check.severity === 'error').map((check) => `${check.rule}: ${check.message}`);
    const pages = shown.views.map((item) => ({ page: item.page, softProof: `/_proof/press-view/${id}/${item.page}.jpg`, ink: `/_proof/press-view/${id}/${item.page}.png`, maxInk: item.maxInk, overShare: item.overShare }));
    send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ build: id, bleed: shown.bleed, preflight: { ok: shown.preflight.ok, failed }, pages }));
  } catch (error) {
    send(response, 409, 'application/json; charset=utf-8', JSON.stringify({ error: error instanceof BroadsheetError ? error.message : String(error) }));
  }
}

async function pressViewImage(response: ServerResponse, session: ProofSession, build: number, page: number, kind: 'jpg' | 'png'): Promise<void> {
  const shown = await session.pressViews(build).catch(() => undefined);
  const item = shown?.views.find((candidate) => candidate.page === page);
  if (!item) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  return send(response, 200, kind === 'jpg' ? 'image/jpeg' : 'image/png', kind === 'jpg' ? item.softProof : item.ink);
}

async function markProofed(request: IncomingMessage, response: ServerResponse, session: ProofSession): Promise<void> {
  const body = await readBody(request, maxProofedBytes);
  const text = typeof body === 'object' && body !== null && 'text' in body && typeof body.text === 'string' ? body.text : undefined;
  if (text === undefined) return send(response, 400, 'text/plain; charset=utf-8', 'Expected {"text": "…"}');
  const mark = await writeProofed(proofedFile(session.outDir), text);
  send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ at: mark.at }));
}

async function readBody(request: IncomingMessage, limit: number): Promise<unknown> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) return undefined;
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function contentPolicy(address: ServerAddress): Record<string, string> {
  const live = [`ws://127.0.0.1:${address.port}`, `ws://localhost:${address.port}`].join(' ');
  return {
    'content-security-policy': `default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' ${live}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  response.end(body);
}
