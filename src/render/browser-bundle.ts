// Bundles TypeScript that runs inside a page (the layout engine, the proof tools) into one script, once per process.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const bundles = new Map<string, Promise<string>>();

export function browserBundle(entry: URL): Promise<string> {
  const key = entry.href;
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = build({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'chrome120',
      legalComments: 'none',
    }).then((result) => result.outputFiles[0]?.text ?? '');
    bundles.set(key, bundle);
  }
  return bundle;
}
