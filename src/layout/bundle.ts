// Bundles the browser-side layout engine into one script for the page, once per process.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

let cached: Promise<string> | undefined;

export function layoutEngineScript(): Promise<string> {
  cached ??= build({
    entryPoints: [fileURLToPath(new URL('./engine/main.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    legalComments: 'none',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return cached;
}
