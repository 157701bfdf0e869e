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

/** How a parse in the worker ended. */
export type ParseOutcome = { readonly tree: Root } | { readonly failed: 'timeout' | 'nesting' | 'memory' | 'error'; readonly detail?: string };

/** The worker's bundle: `lib/bundles/` beside `src/` and `lib/` alike. */
const workerFile = fileURLToPath(new URL('../../lib/bundles/parse-worker.mjs', import.meta.url));

export async function parseArticle(source: string, options: { timeoutMs: number }): Promise<ParseOutcome> {
  if (!existsSync(workerFile)) throw new Error(`${workerFile} is missing: run \`npm run setup\` to build it`);
  const worker = new Worker(workerFile, { workerData: { source }, resourceLimits: { maxOldGenerationSizeMb: 1024, stackSizeMb: 16 } });
  try {
    return await new Promise<ParseOutcome>((resolve) => {
      const timer = setTimeout(() => resolve({ failed: 'timeout' }), options.timeoutMs);
      worker.once('message', (message: { tree?: Root; error?: string }) => {
        clearTimeout(timer);
        if (message.tree) resolve({ tree: message.tree });
        else resolve(message.error === 'nesting' ? { failed: 'nesting' } : { failed: 'error', detail: message.error ?? '' });
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        // A worker dies of its heap limit with ERR_WORKER_OUT_OF_MEMORY.
        resolve({ failed: /memory|heap/i.test(String(error)) ? 'memory' : 'error', detail: String(error) });
      });
    });
  } finally {
    await worker.terminate();
  }
}
