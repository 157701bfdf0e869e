#!/usr/bin/env node
// The `broadsheet` command: the bundled command line in lib/bundles/ (setup builds it; a fresh checkout builds it on first run).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = new URL('../lib/bundles/broadsheet-cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/setup.js', import.meta.url)), '--quiet'], { stdio: ['ignore', 'inherit', 'inherit'] });
}
await import(main.href);
