// The broadsheet command as a user runs it: help, a folder with no article.md, bad front matter. Errors are messages, not stack traces.
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../helpers/build.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly output: string;
}

/** Runs `node bin/broadsheet.js …` from the project folder, as the README says. */
function broadsheet(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectRoot, 'bin/broadsheet.js'), ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, stdout, stderr, output: stdout + stderr });
    });
  });
}

/** Lines of a Node stack trace: "    at main (file:…)". */
const stackLine = /^\s+at /m;

let temp: TempFolder;
beforeAll(async () => {
  temp = await tempFolder('cli');
});
afterAll(async () => temp?.remove());

// Each test starts its own Node process; they run side by side.
describe.concurrent('broadsheet (the command)', () => {
  it('--help exits 0 and shows the usage', async () => {
    const run = await broadsheet('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: broadsheet');
    for (const command of ['build', 'preview', 'edition', 'archive', 'verify', 'search', 'init']) expect(run.stdout).toContain(command);
    expect(run.stdout).toContain('Exit codes: 0 done');
  });

  it('--version prints the version from package.json', async () => {
    const manifest: unknown = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8'));
    const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : '?';
    const run = await broadsheet('--version');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`broadsheet ${version}`);
  });

  it('build on a folder without article.md fails, says article.md is missing, and prints no stack trace', async () => {
    const empty = join(temp.path, 'empty');
    await mkdir(empty);
    const run = await broadsheet('build', empty, '--out', join(temp.path, 'empty-out'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('article.md');
    expect(run.output).not.toMatch(stackLine);
  });

  it('build on a folder that does not exist fails with a message', async () => {
    const run = await broadsheet('build', join(temp.path, 'nowhere'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('does not exist');
    expect(run.output).not.toMatch(stackLine);
  });

  it('build with a misspelt front matter field warns at article.md:LINE, naming the field meant, and builds', async () => {
    const dir = await copyFixture('front-matter/unknown-field', temp.path, 'unknown-field');
    const run = await broadsheet('build', dir, '--out', join(temp.path, 'unknown-field-out'));
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/article\.md:3:\d+: warning: unknown front matter field `hedline` is not printed; did you mean `headline`\?/);
    expect(run.output).not.toMatch(stackLine);
  });

  it('build with front matter missing its headline fails showing article.md:LINE, exit 1', async () => {
    const dir = await copyFixture('front-matter/missing-headline', temp.path, 'missing-headline');
    const run = await broadsheet('build', dir, '--out', join(temp.path, 'missing-headline-out'));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/article\.md:\d+:\d+: error: front matter field `headline` is required/);
    expect(run.output).not.toMatch(stackLine);
  });

  it('an unknown option exits 2 with a usage error', async () => {
    const run = await broadsheet('build', 'manuscript/shanting', '--bogus');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--bogus');
    expect(run.output).not.toMatch(stackLine);
  });
});
