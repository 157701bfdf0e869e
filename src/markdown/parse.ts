// Parses article.md into an mdast tree: CommonMark + GFM, with YAML (and, to refuse it by name, TOML) front matter.
// The parse runs in a worker thread with a time limit (lib/bundles/parse-worker.mjs, bundled at setup): a manuscript
// that would keep the parser busy fails in seconds instead of stalling the build.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);

/** The parse itself, in this thread: what the worker runs. */
export function parseMarkdown(source: string): Root {
  return parser.parse(source);
}

/**
 * The source's blocks (runs of lines between blank lines, fenced code kept whole), each with the line it starts on:
 * parsed one by one, the block that stalls the parser names its line.
 */
export function sourceBlocks(source: string): Array<{ line: number; text: string }> {
  const blocks: Array<{ line: number; text: string }> = [];
  let fence: string | undefined;
  let current: string[] = [];
  let start = 1;
  source.split('\n').forEach((text, index) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) fence = fence ? undefined : marker.slice(0, 3);
    if (text.trim() === '' && !fence) {
      if (current.length > 0) blocks.push({ line: start, text: current.join('\n') });
      current = [];
      start = index + 2;
      return;
    }
    current.push(text);
  });
  if (current.length > 0) blocks.push({ line: start, text: current.join('\n') });
  return blocks;
}

/** How a parse in the worker ended. */
export type ParseOutcome = { readonly tree: Root } | { readonly failed: 'timeout' | 'nesting' | 'memory' | 'error'; readonly detail?: string; readonly line?: number };

/** The worker's bundle: `lib/bundles/` beside `src/` and `lib/` alike. */
const workerFile = fileURLToPath(new URL('../../lib/bundles/parse-worker.mjs', import.meta.url));

export async function parseArticle(source: string, options: { timeoutMs: number }): Promise<ParseOutcome> {
  const outcome = await inWorker({ source, mode: 'whole' }, options.timeoutMs);
  if (!('failed' in outcome) || outcome.failed !== 'timeout') return outcome;
  // Too slow: the blocks are parsed again one by one, each saying where it starts, to find the one that stalls.
  const line = await inWorker({ source, mode: 'blocks' }, Math.min(options.timeoutMs, 5000));
  return 'line' in line && line.line !== undefined ? { failed: 'timeout', line: line.line } : outcome;
}

/** A worker that finished its last parse in time, kept for the next one (unreferenced: it never keeps Node up). */
let spare: Worker | undefined;

const startWorker = (): Worker => new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: 1024, stackSizeMb: 16 } });

/**
 * Parses in a worker, stopped (terminated) after `timeoutMs`. In `blocks` mode the worker reports each block's first
 * line as it starts it, and the clock starts with the first block (the worker's own start is not the input's fault).
 * A worker that answered in time is kept for the next parse; one that ran out of time or memory is gone. When every
 * block gets through on its own, the slowest one is named.
 */
async function inWorker(data: { source: string; mode: 'whole' | 'blocks' }, timeoutMs: number): Promise<ParseOutcome> {
  if (!existsSync(workerFile)) throw new Error(`${workerFile} is missing: run \`npm run setup\` to build it`);
  const worker = spare ?? startWorker();
  spare = undefined;
  worker.ref();
  let line: number | undefined;
  let lineStarted = 0;
  /** The block that took longest: a worker warmed by earlier parses may get through every block in time. */
  let slowest = { line: 0, ms: -1 };
  const clocked = () => {
    const ms = performance.now() - lineStarted;
    if (line !== undefined && ms > slowest.ms) slowest = { line, ms };
  };
  let healthy = false;
  const listeners: Array<() => void> = [];
  try {
    return await new Promise<ParseOutcome>((resolve) => {
      const stop = () => resolve({ failed: 'timeout', ...(line === undefined ? {} : { line }) });
      let timer = setTimeout(stop, data.mode === 'blocks' ? timeoutMs + 5000 : timeoutMs);
      const onMessage = (message: { tree?: Root; error?: string; line?: number; done?: boolean }) => {
        if (message.line !== undefined) {
          if (line === undefined) {
            clearTimeout(timer);
            timer = setTimeout(stop, timeoutMs);
          }
          clocked();
          line = message.line;
          lineStarted = performance.now();
          return;
        }
        clearTimeout(timer);
        healthy = true;
        clocked();
        if (message.done) resolve({ failed: 'error', detail: 'every block parsed on its own', ...(slowest.ms >= 0 ? { line: slowest.line } : {}) });
        else if (message.tree) resolve({ tree: message.tree });
        else resolve(message.error === 'nesting' ? { failed: 'nesting' } : { failed: 'error', detail: message.error ?? '' });
      };
      const onError = (error: Error) => {
        clearTimeout(timer);
        // A worker dies of its heap limit with ERR_WORKER_OUT_OF_MEMORY.
        resolve({ failed: /memory|heap/i.test(String(error)) ? 'memory' : 'error', detail: String(error) });
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      listeners.push(() => worker.off('message', onMessage), () => worker.off('error', onError));
      worker.postMessage(data);
    });
  } finally {
    for (const remove of listeners) remove();
    if (healthy && !spare) {
      worker.unref();
      spare = worker;
    } else {
      await worker.terminate();
    }
  }
}
