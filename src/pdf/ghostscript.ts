// Ghostscript 10.06 as WebAssembly (npm @okathira/ghostpdl-wasm, AGPL like Ghostscript): the one here that writes
// PDF/X-4 and keeps text as text (Debian 12's 10.0 writes PDF/X-3 only and turns pages with transparency into
// bitmaps). Each run gets a fresh instance with its own in-memory file system, in a worker thread of its own
// (ghostscript-worker.ts), so runs of several pages go on side by side, one a core. The build offers no environment,
// so the dates Ghostscript stamps are replaced afterwards (document-metadata.ts): same input, same facts.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { GhostscriptJob, GhostscriptOutcome } from './ghostscript-worker.ts';

export interface GhostscriptRun {
  /** Files to put in the instance's file system, by absolute path there. */
  readonly files: ReadonlyMap<string, Uint8Array | string>;
  readonly args: readonly string[];
  /** The file to read back when it is done. */
  readonly output: string;
  /** Told when the job is in the worker's hands, so the thread can do other work meanwhile. */
  readonly started?: () => void;
  /** Stops the run (the worker is terminated). */
  readonly signal?: AbortSignal;
}

/** The worker's bundle: `lib/bundles/` beside `src/` and `lib/` alike. */
const workerFile = fileURLToPath(new URL('../../lib/bundles/ghostscript-worker.mjs', import.meta.url));

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * Compiles Ghostscript's WebAssembly (15 MB) once for the process, in the background: a build calls this as it
 * starts, so the compile is done by the time the page is printed, and every later run shares the optimised code.
 */
export function warmGhostscript(): Promise<WebAssembly.Module> {
  compiled ??= readFile(createRequire(import.meta.url).resolve('@okathira/ghostpdl-wasm').replace(/gs\.js$/, 'gs.wasm')).then((bytes) => WebAssembly.compile(bytes));
  // A failed compile is reported by the run that needs it, and retried by the next.
  compiled.catch(() => (compiled = undefined));
  return compiled;
}

export async function runGhostscript(run: GhostscriptRun): Promise<Uint8Array> {
  if (!existsSync(workerFile)) throw new Error(`${workerFile} is missing: run \`npm run setup\` to build it`);
  run.signal?.throwIfAborted();
  const job: GhostscriptJob = { module: await warmGhostscript(), files: [...run.files], args: run.args, output: run.output };
  const worker = new Worker(workerFile, { workerData: job });
  worker.once('online', () => run.started?.());
  let outcome: GhostscriptOutcome;
  try {
    outcome = await new Promise<GhostscriptOutcome>((resolve, reject) => {
      const stop = () => reject(run.signal?.reason);
      run.signal?.addEventListener('abort', stop, { once: true });
      worker.once('message', (message: GhostscriptOutcome) => resolve(message));
      worker.once('error', (error) => resolve({ failed: 'stopped', message: String(error), said: [] }));
      worker.once('exit', (code) => resolve({ failed: 'stopped', message: `its thread ended (${code}) before it answered`, said: [] }));
    });
  } finally {
    await worker.terminate();
  }
  if ('pdf' in outcome) return outcome.pdf;
  if (outcome.failed === 'stopped') throw new BroadsheetError('PressFailed', `Ghostscript stopped while making the press PDF: ${outcome.message ?? ''}`, { details: outcome.said.slice(-8) });
  throw new BroadsheetError('PressFailed', `Ghostscript could not make the press PDF (exit ${outcome.code ?? '?'}).`, { details: outcome.said.filter((line) => /error|warning/i.test(line)).slice(-8) });
}
