// One Ghostscript run in a worker thread of its own (lib/bundles/ghostscript-worker.mjs, bundled at setup): the
// WebAssembly build runs synchronously, so in the build's own thread it would stop everything else for as long as
// it converts; here the screen copy, Chromium's close and other pages' runs go on beside it.
import { parentPort, workerData } from 'node:worker_threads';
import loadGhostscript from '@okathira/ghostpdl-wasm';

export interface GhostscriptJob {
  /** Ghostscript's WebAssembly, compiled once in the build's thread and shared (with its optimised code) by every run. */
  readonly module: WebAssembly.Module;
  readonly files: ReadonlyArray<readonly [string, Uint8Array | string]>;
  readonly args: readonly string[];
  readonly output: string;
}

export type GhostscriptOutcome = { readonly pdf: Uint8Array } | { readonly failed: 'stopped' | 'exit'; readonly code?: number; readonly message?: string; readonly said: readonly string[] };

const job = workerData as GhostscriptJob;
const said: string[] = [];
const module = await loadGhostscript({
  print: (line: string) => said.push(line),
  printErr: (line: string) => said.push(line),
  instantiateWasm: (imports: WebAssembly.Imports, ready: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
    void WebAssembly.instantiate(job.module, imports).then((instance) => ready(instance, job.module));
    return {};
  },
});
for (const [path, contents] of job.files) module.FS.writeFile(path, contents);
let outcome: GhostscriptOutcome;
try {
  const code = module.callMain([...job.args]);
  outcome = code === 0 ? { pdf: module.FS.readFile(job.output) } : { failed: 'exit', code, said };
} catch (cause) {
  outcome = { failed: 'stopped', message: cause instanceof Error ? cause.message : String(cause), said };
}
parentPort?.postMessage(outcome, 'pdf' in outcome ? [outcome.pdf.buffer as ArrayBuffer] : []);
