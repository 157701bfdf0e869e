// `broadsheet preview` as a user runs it: it prints the proof's URL on 127.0.0.1, serves it until Ctrl-C and then
// stops cleanly; a port that is not a port, or one already taken, is a usage error (exit 2) with a message, no stack.
import { execFile, execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';
import { eventually, rawRequest } from '../helpers/preview-server.ts';
import { readSampleArticle, sampleDir } from '../helpers/sample-article.ts';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const cli = join(projectRoot, 'bin/broadsheet.js');
const stackLine = /^\s+at /m;

/** Runs `node bin/broadsheet.js …` to its end. */
function broadsheet(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 90_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, stdout, stderr });
    });
  });
}

/** Resolves with the first match of `pattern` in the child's stdout; fails if the child ends or 90 s pass first. */
function awaitOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no ${String(pattern)} within 90 s; stdout: ${stdout}; stderr: ${stderr}`)), 90_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = pattern.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`broadsheet preview exited (${code ?? signal}) before printing ${String(pattern)}; stdout: ${stdout}; stderr: ${stderr}`));
    });
  });
}

/** The process ids whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((child) => child > 0);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const exitOf = (child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

let temp: TempFolder;
let dir: string;
beforeAll(async () => {
  temp = await tempFolder('preview-cli');
  dir = join(temp.path, 'shanting');
  await cp(sampleDir, dir, { recursive: true });
});
afterAll(async () => temp?.remove());

describe('broadsheet preview DIR --port 0', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('prints the proof’s URL on 127.0.0.1, serves the proof there, and on Ctrl-C stops serving and takes its Chromium with it', async () => {
    child = spawn(process.execPath, [cli, 'preview', dir, '--port', '0', '--out', join(temp.path, 'out')], { cwd: projectRoot, stdio: 'pipe' });
    const [line, url = ''] = await awaitOutput(child, /proof of .+ at (http:\/\/[^\s/]+\/) \(127\.0\.0\.1 only; Ctrl-C stops\)/);
    expect(line).toContain(readSampleArticle().headline);
    const address = new URL(url);
    expect(address.hostname).toBe('127.0.0.1');
    const port = Number(address.port);
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(4173);

    const page = await rawRequest({ port, path: '/' });
    expect(page.status).toBe(200);
    expect(page.text).toContain(readSampleArticle().headline);

    const chromium = childrenOf(child.pid ?? 0);
    expect(chromium.length, 'the preview runs Chromium as its child').toBeGreaterThan(0);
    child.kill('SIGINT');
    const { code, signal } = await exitOf(child);
    // main.ts stops the preview and returns 0; puppeteer's own SIGINT handler may exit first, with 130.
    expect(signal).toBeNull();
    expect([0, 130]).toContain(code);
    await expect(rawRequest({ port, path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    await eventually('Chromium to end with the preview', async () => (chromium.every((pid) => !alive(pid)) ? true : undefined), 10_000);
  });
});

describe('broadsheet preview with a port that cannot be used', () => {
  let taken: Server;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
  });

  it.each(['abc', '65536', '1.5', '-1'])('--port %s exits 2 with a usage error naming --port', async (port) => {
    const run = await broadsheet('preview', dir, `--port=${port}`);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--port takes a port number from 0 to 65535, not ${port}`);
    expect(run.stdout).not.toContain('proof of');
    expect(run.stderr).not.toMatch(stackLine);
  });

  it('--port on `broadsheet build` exits 2', async () => {
    const run = await broadsheet('build', dir, '--port', '0', '--out', join(temp.path, 'build-out'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option '--port'");
  });

  it('a port already in use on 127.0.0.1 exits 1 with its own error (BS070), what to do, and no stack trace', async () => {
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    expect(port).toBeGreaterThan(0);
    const run = await broadsheet('preview', dir, '--port', String(port), '--out', join(temp.path, 'taken-out'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is in use`);
    expect(run.stderr).toContain('BS070');
    expect(run.stderr).toContain('--port 0');
    expect(run.stderr).not.toMatch(stackLine);
  });
});
