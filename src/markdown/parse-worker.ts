// The Markdown parser in a worker thread of its own: the manuscript stage can stop it (terminate) when an input
// makes it run past its time limit, and its heap and stack are limited apart from the build's. It takes one parse at
// a time by message and stays up for the next (a proof session, an edition's pages), so only the first pays its start.
import { parentPort } from 'node:worker_threads';
import { parseMarkdown, sourceBlocks } from './parse.ts';

parentPort?.on('message', ({ source, mode }: { source: string; mode: 'whole' | 'blocks' }) => {
  try {
    if (mode === 'blocks') {
      for (const block of sourceBlocks(source)) {
        parentPort?.postMessage({ line: block.line });
        parseMarkdown(block.text);
      }
      parentPort?.postMessage({ done: true });
    } else {
      parentPort?.postMessage({ tree: parseMarkdown(source) });
    }
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof RangeError ? 'nesting' : String(error) });
  }
});
