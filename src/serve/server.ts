// `broadsheet serve`: a warm press behind a small HTTP interface on 127.0.0.1, for scripts and the newsroom's own
// tools. POST /build {"dir": "manuscript/shanting", "out"?: "...", "grid"?: "...", "force"?: true} builds an article
// and answers with where its files are and where the time went; GET /status says what the press holds. Only this
// machine may ask (127.0.0.1, its own Host, no browser page's Origin), and builds run one a core, in turn.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { build } from '../build.ts';
import { BroadsheetError } from '../errors/catalogue.ts';
import { pagesAtOnce } from '../edition/side-by-side.ts';
import { isAllowedHost } from '../preview/guard.ts';
import type { ResolvedProject } from '../project/resolve.ts';
import { openWarmPress, type WarmPress } from '../render/warm-press.ts';

export interface BuildServer {
  readonly url: string;
  readonly press: WarmPress;
  stop(): Promise<void>;
}

interface BuildAsked {
  readonly dir: string;
  readonly out?: string;
  readonly grid?: string;
  readonly force?: boolean;
}

/** The largest request body: a build request is a few paths. */
const maxBody = 64 * 1024;

export async function startBuildServer(options: { project: ResolvedProject; port: number; cwd: string; log: (line: string) => void; reuses?: number }): Promise<BuildServer> {
  const press = await openWarmPress({ project: options.project, ...(options.reuses ? { reuses: options.reuses } : {}) });
  // One build a core (each keeps more than one busy for part of its time), no more than memory holds.
  const lanes = pagesAtOnce(Number.POSITIVE_INFINITY);
  let running = 0;
  const waiting: Array<() => void> = [];
  const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= lanes) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
  const address = { port: options.port };
  const server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => send(response, 500, { error: 'internal', message: error instanceof Error ? error.message : String(error) }));
  });
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    // A page in a browser elsewhere may reach 127.0.0.1 by a name of its own (DNS rebinding) or post to it: neither is a script on this machine.
    if (!isAllowedHost(request.headers.host, address) || request.headers.origin !== undefined) return send(response, 403, { error: 'forbidden', message: 'This build server answers only to scripts on this machine (127.0.0.1).' });
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method === 'GET' && path === '/status') {
      return send(response, 200, { builds: press.builds, launches: press.launches, pagesKept: press.rack.kept, copiesKept: press.finished.kept, copiesReused: press.finished.hits, running, waiting: waiting.length, rssMegabytes: Math.round(process.memoryUsage().rss / 1048576) });
    }
    if (request.method !== 'POST' || path !== '/build') return send(response, 404, { error: 'not-found', message: 'POST /build or GET /status' });
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) return send(response, 415, { error: 'json-only', message: 'Send the build request as application/json.' });
    const body = await bodyOf(request);
    if (body === undefined) return send(response, 413, { error: 'too-large', message: `A build request is a few paths; this one is over ${maxBody / 1024} KB.` });
    const asked = parseAsk(body);
    if (typeof asked === 'string') return send(response, 400, { error: 'bad-request', message: asked });
    const started = performance.now();
    try {
      const result = await inTurn(async () => {
        const ready = await press.ready();
        const done = await build({
          project: options.project,
          dir: resolve(options.cwd, asked.dir),
          press: ready,
          ...(asked.out ? { outDir: resolve(options.cwd, asked.out) } : {}),
          ...(asked.grid ? { grid: asked.grid } : {}),
          ...(asked.force ? { force: true } : {}),
        });
        press.built();
        return done;
      });
      const ms = Math.round(performance.now() - started);
      options.log(`built ${asked.dir} in ${ms} ms`);
      return send(response, 200, {
        ok: true,
        ms,
        pdf: result.pdfPath,
        screen: result.screenPath,
        proof: result.proofPath,
        preflight: result.preflightPath,
        layout: `${result.outDir}/layout.json`,
        preflightPassed: result.preflight.ok,
        stages: result.stages,
        warnings: result.warnings,
        problems: result.layout.problems,
      });
    } catch (error) {
      if (!(error instanceof BroadsheetError)) throw error;
      options.log(`refused ${asked.dir}: ${error.entry.code} ${error.message}`);
      return send(response, 422, { ok: false, error: error.entry.code, title: error.entry.title, message: error.message, details: error.details, whatToDo: error.entry.hint });
    }
  };

  await new Promise<void>((done, failed) => {
    server.once('error', (error: NodeJS.ErrnoException) => failed(new BroadsheetError(error.code === 'EADDRINUSE' ? 'PortInUse' : 'OutputFailed', error.code === 'EADDRINUSE' ? `Port ${options.port} on 127.0.0.1 is in use.` : `The build server could not start: ${error.message}`, { cause: error })));
    // 127.0.0.1 only: never the network.
    server.listen(options.port, '127.0.0.1', () => done());
  }).catch(async (error: unknown) => {
    await press.close();
    throw error;
  });
  const bound = server.address();
  if (typeof bound === 'object' && bound !== null) address.port = bound.port;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    press,
    async stop() {
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await press.close();
    },
  };
}

function parseAsk(body: string): BuildAsked | string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'The body is not JSON: send {"dir": "path/to/manuscript"}.';
  }
  if (typeof value !== 'object' || value === null) return 'Send a JSON object: {"dir": "path/to/manuscript"}.';
  const fields = value as Record<string, unknown>;
  if (typeof fields['dir'] !== 'string' || fields['dir'] === '') return '"dir" (the manuscript folder) is missing.';
  for (const name of ['out', 'grid'] as const) if (fields[name] !== undefined && typeof fields[name] !== 'string') return `"${name}" must be a string.`;
  if (fields['force'] !== undefined && typeof fields['force'] !== 'boolean') return '"force" must be true or false.';
  const unknown = Object.keys(fields).filter((name) => !['dir', 'out', 'grid', 'force'].includes(name));
  if (unknown.length > 0) return `Unknown field${unknown.length === 1 ? '' : 's'} ${unknown.map((name) => `"${name}"`).join(', ')}: the request takes dir, out, grid and force.`;
  return { dir: fields['dir'], ...(typeof fields['out'] === 'string' ? { out: fields['out'] } : {}), ...(typeof fields['grid'] === 'string' ? { grid: fields['grid'] } : {}), ...(fields['force'] === true ? { force: true } : {}) };
}

/** The request's body, or undefined when it is over the limit. */
async function bodyOf(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBody) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`${JSON.stringify(body, null, 2)}\n`);
}
