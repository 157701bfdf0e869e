#!/usr/bin/env node
// Installs what Broadsheet needs and is missing: Debian's Chromium and PDF tools (as root), then the npm packages.
// Plain JavaScript with no dependencies, because it runs before anything is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const say = (line) => quiet || console.error(`setup: ${line}`);

// Debian packages: the command each provides, and why Broadsheet needs it.
const debianPackages = [
  { name: 'chromium', command: 'chromium', why: 'lays out and prints the page' },
  { name: 'poppler-utils', command: 'pdftotext', why: 'tests read the PDF text, fonts and geometry' },
  { name: 'ghostscript', command: 'gs', why: 'PDF/A copies for the archive' },
  { name: 'qpdf', command: 'qpdf', why: 'checks PDF structure' },
  { name: 'argyll', command: 'colprof', why: 'builds the newsprint CMYK profile the press PDF is printed for' },
  { name: 'icc-profiles-free', file: '/usr/share/color/icc/TR002.ti3', why: 'the measured newsprint (CGATS TR 002) the profile is built from' },
  { name: 'redis-server', command: 'redis-server', why: 'the job queue (BullMQ) a render farm and the queue tests use; one machine needs no server' },
  { name: 'fonts-dejavu-core', file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', why: 'Chromium needs one system font to start; pages use npm fonts only' },
];

const has = (pkg) => (pkg.file ? existsSync(pkg.file) : spawnSync('sh', ['-c', `command -v ${pkg.command}`]).status === 0);
const missing = debianPackages.filter((pkg) => !has(pkg));
if (missing.length > 0) {
  const names = missing.map((pkg) => pkg.name);
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    say(`installing Debian packages: ${names.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } else {
    for (const pkg of missing) console.error(`setup: missing ${pkg.name} (${pkg.why})`);
    console.error(`setup: install them with: sudo apt-get install ${names.join(' ')}`);
    process.exit(1);
  }
}

// npm packages: reinstall whenever package-lock.json changed since the last install.
const lock = readFileSync(join(root, 'package-lock.json'));
const wanted = createHash('sha256').update(lock).digest('hex');
const stamp = join(root, 'node_modules', '.broadsheet-lock-sha256');
const installed = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (installed !== wanted) {
  say('installing npm packages (npm ci)');
  // puppeteer-core downloads no browser: Debian's Chromium is used.
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(stamp, wanted + '\n');
}

// Compiled JavaScript for the command line and the library (lib/), and the scripts that run inside pages bundled
// once (lib/bundles/): rebuilt whenever a source file changed since the last build.
const { readdirSync, statSync, mkdirSync } = await import('node:fs');
const sourceHash = createHash('sha256');
const walk = (folder) => {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path);
    else sourceHash.update(path.slice(root.length)).update(readFileSync(path));
  }
};
walk(join(root, 'src'));
for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) sourceHash.update(readFileSync(join(root, file)));
const sources = sourceHash.digest('hex');
const built = join(root, 'lib', '.source-sha256');
if ((existsSync(built) ? readFileSync(built, 'utf8').trim() : '') !== sources) {
  say('compiling lib/ (TypeScript) and bundling the page scripts');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const { build } = await import('esbuild');
  mkdirSync(join(root, 'lib', 'bundles'), { recursive: true });
  for (const [name, entry] of [['layout-engine', 'src/layout/engine/main.ts'], ['proof-tools', 'src/preview/ui/main.ts']]) {
    await build({ entryPoints: [join(root, entry)], bundle: true, format: 'iife', target: 'chrome120', legalComments: 'none', outfile: join(root, 'lib', 'bundles', `${name}.js`) });
  }
  // The Markdown parser's worker thread (src/markdown/parse-worker.ts), one file Node runs as it is.
  await build({ entryPoints: [join(root, 'src/markdown/parse-worker.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', legalComments: 'none', outfile: join(root, 'lib', 'bundles', 'parse-worker.mjs') });
  // Ghostscript's worker thread: its WebAssembly loader stays a package (it finds the .wasm beside itself).
  await build({ entryPoints: [join(root, 'src/pdf/ghostscript-worker.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', legalComments: 'none', external: ['@okathira/ghostpdl-wasm'], outfile: join(root, 'lib', 'bundles', 'ghostscript-worker.mjs') });
  // The command line as one bundle and its lazily loaded parts (lib/bundles/broadsheet-cli.mjs, cli-*.mjs): Node
  // starts it in half the time of the hundreds of files in lib/ and node_modules/. Native and WebAssembly packages,
  // which find files beside themselves, stay packages.
  for (const name of readdirSync(join(root, 'lib', 'bundles'))) if (/^(broadsheet-cli|cli-[A-Z0-9]+)\.mjs$/.test(name)) rmSync(join(root, 'lib', 'bundles', name));
  await build({
    entryPoints: { 'broadsheet-cli': join(root, 'src/cli/main.ts') },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    outdir: join(root, 'lib', 'bundles'),
    chunkNames: 'cli-[hash]',
    outExtension: { '.js': '.mjs' },
    external: ['better-sqlite3', 'sharp', '@okathira/ghostpdl-wasm', 'esbuild', 'typescript', 'bufferutil', 'utf-8-validate'],
    // Packages written for require() call it for Node's own modules.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    logLevel: 'warning',
  });
  writeFileSync(built, sources + '\n');
}

// The newsprint output profile, built once from the measured TR 002 data: a total ink limit of 220 % (the plants'
// usual 240 % less room for dot gain) and a black limit of 95 %. Written beside, then moved, so it is whole or absent.
const profile = join(root, 'lib', 'profiles', 'newsprint-tr002.icc');
if (!existsSync(profile)) {
  say('building the newsprint CMYK profile from CGATS TR 002 (about a minute)');
  // Built inside lib/ so the last step is a rename on one file system.
  mkdirSync(dirname(profile), { recursive: true });
  const work = mkdtempSync(join(dirname(profile), '.building-'));
  try {
    copyFileSync('/usr/share/color/icc/TR002.ti3', join(work, 'TR002.ti3'));
    execFileSync('colprof', ['-qm', '-kr', '-l220', '-L95', '-D', 'Broadsheet newsprint (CGATS TR 002, TAC 220%)', '-C', 'Characterization data: ANSI CGATS/SNAP TR 002-2007, Color Characterization Data for Coldset Printing on Newsprint', '-O', 'newsprint.icc', 'TR002'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    // colprof stamps the time it ran in the header (bytes 24-35): fixed to the data's date, the same data give the
    // same profile, byte for byte, on every machine.
    const built = readFileSync(join(work, 'newsprint.icc'));
    const stampedAt = Buffer.alloc(12);
    [2007, 1, 1, 0, 0, 0].forEach((value, index) => stampedAt.writeUInt16BE(value, index * 2));
    stampedAt.copy(built, 24);
    writeFileSync(join(work, 'newsprint.icc'), built);
    renameSync(join(work, 'newsprint.icc'), profile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
