// A newsroom's own house folder, tried as a new user would: `broadsheet init`, a build with its paper, A3 grid, font,
// stylesheet and template in one command; the same build through the library from a small script; `--json`; exit
// codes of the errors a user meets first; Ctrl-C on an edition.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFacts, pageText } from '../helpers/layout-pdf.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function broadsheet(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectRoot, 'bin/broadsheet.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

let temp: TempFolder;
let house: string;
let built: Run;
beforeAll(async () => {
  temp = await tempFolder('house');
  house = join(temp.path, 'courier');
  const init = await broadsheet(temp.path, 'init', 'courier');
  expect(init.status, init.stderr).toBe(0);
  built = await broadsheet(house, 'build', 'stories/ferry-timetable');
}, 300_000);
afterAll(async () => temp?.remove());

describe('a house folder from `broadsheet init`', () => {
  it('holds the config, a stylesheet, a template, a font and one manuscript', () => {
    for (const file of ['broadsheet.config.yaml', 'styles/house.css', 'templates/article.html', 'fonts/courier-headline.woff2', 'stories/ferry-timetable/article.md']) {
      expect(existsSync(join(house, file)), file).toBe(true);
    }
  });

  it('refuses to write over a folder that already has them', async () => {
    const again = await broadsheet(temp.path, 'init', 'courier');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already has broadsheet.config.yaml');
  });

  it('builds its story with one command, on its own A3 grid, with its paper’s name in the folio', async () => {
    expect(built.status, built.stderr).toBe(0);
    const pdf = join(house, 'dist/ferry-timetable/ferry-timetable.pdf');
    const [size] = pdfFacts(pdf).sizes;
    expect(Math.round(size?.width ?? 0)).toBe(842);
    expect(Math.round(size?.height ?? 0)).toBe(1191);
    expect(pageText(pdf, 1)).toContain('THE RIVERSIDE COURIER');
    // The CMS field `tags` is warned of, with its line, and does not stop the build.
    expect(built.stderr).toMatch(/article\.md:8:1: warning: unknown front matter field `tags`/);
  });

  it('loads the house stylesheet and font (the proof carries copies of what the page loaded)', async () => {
    const out = join(house, 'dist/ferry-timetable');
    expect(existsSync(join(out, 'house/styles/house.css'))).toBe(true);
    expect(existsSync(join(out, 'house/fonts/courier-headline.woff2'))).toBe(true);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('href="house/styles/house.css"');
  });

  it('builds the same story through the library from a small script', async () => {
    const script = join(house, 'build.mjs');
    await writeFile(
      script,
      `import { build } from ${JSON.stringify(join(projectRoot, 'lib/index.js'))};\n` +
        `const result = await build({ dir: 'stories/ferry-timetable', outDir: 'dist/from-library' });\n` +
        `console.log(JSON.stringify({ pdf: result.pdfPath, pages: result.layout.pages.length }));\n`,
    );
    const run = await new Promise<Run>((resolve) => {
      execFile(process.execPath, [script], { cwd: house, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => resolve({ status: error === null ? 0 : 1, stdout, stderr }));
    });
    expect(run.status, run.stderr).toBe(0);
    const result: unknown = JSON.parse(run.stdout);
    expect(result).toMatchObject({ pages: 1 });
    expect(pageText(join(house, 'dist/from-library/ferry-timetable.pdf'), 1)).toContain('THE RIVERSIDE COURIER');
  });

  it('says it all as one JSON document with --json', async () => {
    const run = await broadsheet(house, '--json', 'build', 'stories/ferry-timetable', '--out', 'dist/json');
    expect(run.status).toBe(0);
    const document: unknown = JSON.parse(run.stdout);
    expect(document).toMatchObject({ ok: true, exitCode: 0, pages: 1 });
    expect(typeof document === 'object' && document !== null && 'warnings' in document && Array.isArray(document.warnings) && document.warnings.length > 0).toBe(true);
  });
});

describe('errors a user meets first, each its own entry and exit code', () => {
  it('a misspelt house setting: exit 1, the line, and what was meant', async () => {
    const folder = join(temp.path, 'bad-config');
    await broadsheet(temp.path, 'init', 'bad-config');
    const config = join(folder, 'broadsheet.config.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('stylesheets:', 'stylesheet:'));
    const run = await broadsheet(folder, 'build', 'stories/ferry-timetable');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('BS081');
    expect(run.stderr).toMatch(/broadsheet\.config\.yaml:\d+:1: `stylesheet` is not a setting; did you mean `stylesheets`\?/);
  });

  it('verify and search before anything is archived: exit 1, "nothing archived", no crash', async () => {
    for (const args of [['verify'], ['search', 'ferry']]) {
      const run = await broadsheet(house, ...args, '--archive', join(temp.path, 'no-archive'));
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stderr).toContain('BS071');
      expect(run.stderr).not.toContain('bug in Broadsheet');
    }
  });

  it('--json reports an error as JSON too, with its code and what to do', async () => {
    const run = await broadsheet(house, '--json', 'build', 'no-such-story');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, exitCode: 1, error: { code: 'BS010' } });
  });

  it('Ctrl-C during an edition: exit 130, "interrupted", nothing written', async () => {
    const out = join(temp.path, 'interrupted-edition');
    const child = spawn(process.execPath, [join(projectRoot, 'bin/broadsheet.js'), 'edition', join(projectRoot, 'manuscript/edition.yaml'), '--out', out], { cwd: projectRoot });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(status).toBe(130);
    expect(stderr).toContain('BS060');
    expect(existsSync(out)).toBe(false);
  });
});
