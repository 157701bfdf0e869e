// The render farm as a desk runs it: `broadsheet worker` processes beside a `broadsheet edition --queue --json` whose
// progress events are read as they come (so a test can kill a worker in the middle of a page).
import { spawn, type ChildProcess } from 'node:child_process';
import { broadsheetBin, type CommandRun } from './archive-cli.ts';
import { projectRoot } from './paths.ts';

export interface PageEventSeen {
  readonly event: string;
  readonly page: number;
  readonly worker?: string;
  readonly attempt?: number;
  readonly again?: boolean;
  readonly reason?: string;
}

export interface TestWorker {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Ends it: SIGTERM (finishing its pages), or SIGKILL. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startTestWorker(name: string, queue: string, extra: readonly string[] = []): Promise<TestWorker> {
  const child = spawn(process.execPath, [broadsheetBin, 'worker', '--queue', queue, '--name', name, ...extra], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let waited = 0; !output.includes('taking pages from'); waited += 100) {
    if (child.exitCode !== null || waited > 60_000) throw new Error(`worker ${name} did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Runs the CLI with --json, telling `onEvent` each progress event as it is printed. */
export function broadsheetLive(args: readonly string[], onEvent: (event: PageEventSeen) => void = () => undefined, timeoutMs = 240_000): Promise<CommandRun & { events: PageEventSeen[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [broadsheetBin, ...args, '--json'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const events: PageEventSeen[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const event = JSON.parse(line) as PageEventSeen;
        events.push(event);
        onEvent(event);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ status: code, stdout, stderr, events });
    });
  });
}
