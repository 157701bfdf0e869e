// The scripts that run inside a page (the layout engine, the proof tools), bundled once: at install (setup writes
// them beside the compiled code, in lib/bundles/), or, running from the TypeScript sources, once per process.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const bundles = new Map<string, Promise<string>>();

export function browserBundle(name: string, entry: URL): Promise<string> {
  let bundle = bundles.get(name);
  if (!bundle) {
    const prebuilt = new URL(`../bundles/${name}.js`, import.meta.url);
    bundle = existsSync(prebuilt) ? readFile(prebuilt, 'utf8') : bundleNow(entry);
    bundles.set(name, bundle);
  }
  return bundle;
}

/** Bundles an entry point as setup does: one IIFE for Chromium, no comments. */
export async function bundleNow(entry: URL): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    legalComments: 'none',
  });
  return result.outputFiles[0]?.text ?? '';
}
