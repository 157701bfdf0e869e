// The live proof of a copy of the sample article, started as `broadsheet preview` starts it, and raw HTTP to it with the
// Host, Origin and path a test chooses (fetch would normalise them), as a browser or an attacker would send them.
import { cp } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { basename, join } from 'node:path';
import { startPreview } from '../../src/preview/run.ts';
import type { Diagnostic } from '../../src/errors/diagnostic.ts';
import { layoutReportOf, type ReadReport } from './layout-json.ts';
import { tempFolder, type TempFolder } from './paths.ts';
import { sampleDir } from './sample-article.ts';
import { testProject } from './project.ts';

export interface SamplePreview {
  readonly url: string;
  readonly port: number;
  /** The copy of the manuscript the preview watches; tests edit it. */
  readonly dir: string;
  /** Where Print PDF writes. */
  readonly outDir: string;
  readonly temp: TempFolder;
  /** Every line the preview logged (its URL, each rebuild). */
  readonly log: readonly string[];
  stop(): Promise<void>;
}

/**
 * Copies the sample (or the manuscript folder `source`) to `<temp>/<its name>`, lets `prepare` change the copy (before
 * anything watches it), and starts the preview on a free port with its output in `<temp>/out`.
 */
export async function previewSampleCopy(label: string, prepare?: (dir: string) => Promise<void>, source = sampleDir): Promise<SamplePreview> {
  const temp = await tempFolder(`preview-${label}`);
  const dir = join(temp.path, basename(source));
  const outDir = join(temp.path, 'out');
  const log: string[] = [];
  try {
    await cp(source, dir, { recursive: true });
    await prepare?.(dir);
    const preview = await startPreview({ project: await testProject(), dir, port: 0, outDir, log: (line) => log.push(line) });
    const port = Number(new URL(preview.url).port);
    let stopped = false;
    return {
      url: preview.url,
      port,
      dir,
      outDir,
      temp,
      log,
      async stop() {
        if (stopped) return;
        stopped = true;
        await preview.stop();
        await temp.remove();
      },
    };
  } catch (error) {
    await temp.remove();
    throw error;
  }
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
}

export interface RawRequest {
  readonly port: number;
  /** Sent exactly as given: `..`, `%2e%2e` and `%2f` reach the server untouched. */
  readonly path: string;
  readonly method?: string;
  /** The Host header; defaults to the server's own `127.0.0.1:PORT`; null sends none. */
  readonly host?: string | null;
  readonly origin?: string;
  readonly json?: unknown;
}

/** One HTTP request to 127.0.0.1:port, with the Host and Origin headers the test chooses. */
export function rawRequest(options: RawRequest): Promise<RawResponse> {
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  const headers: Record<string, string> = {};
  if (options.host !== null) headers['host'] = options.host ?? `127.0.0.1:${options.port}`;
  if (options.origin !== undefined) headers['origin'] = options.origin;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port: options.port, path: options.path, method: options.method ?? 'GET', headers, setHost: false, timeout: 60_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: all, text: all.toString('utf8') });
      });
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${options.path}: no answer within 60 s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** What GET /_proof/state says, each field checked rather than trusted. */
export interface PreviewState {
  readonly id: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly layout: ReadReport | null;
  readonly proofed: { readonly at: string; readonly text: string } | null;
}

export async function previewState(port: number): Promise<PreviewState> {
  const response = await rawRequest({ port, path: '/_proof/state' });
  if (response.status !== 200) throw new Error(`/_proof/state answered ${response.status}: ${response.text.slice(0, 200)}`);
  const value: unknown = JSON.parse(response.text);
  const id = field(value, 'id');
  const diagnostics = field(value, 'diagnostics');
  const layout = field(value, 'layout');
  const proofed = field(value, 'proofed');
  if (typeof id !== 'number') throw new Error('/_proof/state has no build id');
  if (!Array.isArray(diagnostics)) throw new Error('/_proof/state has no diagnostics');
  const at = field(proofed, 'at');
  const text = field(proofed, 'text');
  return {
    id,
    diagnostics: diagnostics.map((entry, index) => diagnosticOf(entry, `diagnostics[${index}]`)),
    layout: layout === null ? null : layoutReportOf(layout, '/_proof/state layout'),
    proofed: typeof at === 'string' && typeof text === 'string' ? { at, text } : null,
  };
}

function diagnosticOf(value: unknown, where: string): Diagnostic {
  const severity = field(value, 'severity');
  const message = field(value, 'message');
  const rule = field(value, 'rule');
  if (severity !== 'error' && severity !== 'warning') throw new Error(`${where}.severity is ${String(severity)}`);
  if (typeof message !== 'string' || typeof rule !== 'string') throw new Error(`${where} has no message or rule`);
  const file = field(value, 'file');
  const line = field(value, 'line');
  const column = field(value, 'column');
  const page = field(value, 'page');
  const pageColumn = field(value, 'pageColumn');
  const photo = field(value, 'photo');
  return {
    severity,
    message,
    rule,
    ...(typeof file === 'string' ? { file } : {}),
    ...(typeof line === 'number' ? { line } : {}),
    ...(typeof column === 'number' ? { column } : {}),
    ...(typeof page === 'number' ? { page } : {}),
    ...(typeof pageColumn === 'number' ? { pageColumn } : {}),
    ...(typeof photo === 'string' ? { photo } : {}),
  };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value).find(([name]) => name === key)?.[1] : undefined;
}

/** Waits until `check` gives a value (not undefined), asking every 25 ms; fails after `timeoutMs` saying what it waited for. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      // A page that is reloading throws "execution context was destroyed"; ask again.
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}${last === undefined ? '' : ` (last error: ${String(last)})`}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
