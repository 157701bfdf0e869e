// The benchmark's job-queue series: the 16-page edition set in-process, by one worker (as many pages at once as the
// machine has cores) and by two workers (one page at once each), in turn, on Debian's redis-server started here on a
// loopback port. The queue is emptied before each run (a page it has set before would be answered without being set)
// and the workers started afresh and warm before the edition is sent; the peak memory is that of the coordinator and
// the workers together, sampled in one watch.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

export interface Sample {
  readonly seconds: number;
  readonly peakMegabytes: number;
}

export interface QueueBench {
  readonly editionFile: string;
  readonly work: string;
  readonly runs: number;
  readonly cli: string;
  /** Times a process; its peak memory with that of the processes `beside` it (the workers), in one watch. */
  readonly measure: (args: readonly string[], beside?: readonly number[]) => Promise<Sample>;
  readonly summary: (samples: readonly Sample[]) => Sample;
  readonly say: (line: string) => void;
}

export async function queueEditions(bench: QueueBench): Promise<Array<{ label: string; sample: Sample; baseline: Sample }>> {
  const port = 6400 + Math.floor(Math.random() * 500);
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', bench.work], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  try {
    for (let tries = 0; spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; tries++) {
      if (tries > 100) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    let n = 0;
    const inProcess = () => bench.measure([bench.cli, 'edition', bench.editionFile, '--out', join(bench.work, `queue-local-${n++}`)]);
    const onWorkers = (count: number) => async (): Promise<Sample> => {
      spawnSync('redis-cli', ['-p', String(port), 'flushall']);
      const concurrency = String(Math.max(1, Math.floor(availableParallelism() / count)));
      const workers = await Promise.all(Array.from({ length: count }, (_, index) => startWorker(bench.cli, url, `bench-w${index + 1}`, concurrency)));
      try {
        return await bench.measure([bench.cli, 'edition', bench.editionFile, '--out', join(bench.work, `queue-${count}-${n++}`), '--queue', url], workers.flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid])));
      } finally {
        for (const worker of workers) worker.kill('SIGTERM');
        await Promise.all(workers.map((worker) => new Promise((resolve) => (worker.exitCode === null ? worker.once('exit', resolve) : resolve(undefined)))));
      }
    };
    const local: Sample[] = [];
    const one: Sample[] = [];
    const two: Sample[] = [];
    // In turn, run by run, so the machine's drift falls on all three alike.
    for (let run = 0; run < bench.runs; run++) {
      local.push(await inProcess());
      one.push(await onWorkers(1)());
      two.push(await onWorkers(2)());
    }
    const baseline = bench.summary(local);
    return [
      { label: `16-page edition on the queue, 1 worker (${availableParallelism()} pages at once) ÷ in-process`, sample: bench.summary(one), baseline },
      { label: '16-page edition on the queue, 2 workers (1 page at once each) ÷ in-process', sample: bench.summary(two), baseline },
    ];
  } finally {
    redis.kill('SIGKILL');
  }
}

async function startWorker(cli: string, url: string, name: string, concurrency: string): Promise<ChildProcess> {
  const worker = spawn(process.execPath, [cli, 'worker', '--queue', url, '--name', name, '--concurrency', concurrency], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    worker.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('taking pages from')) resolve();
    });
    worker.once('exit', (code) => reject(new Error(`worker ${name} exited with ${code}: ${seen}`)));
  });
  return worker;
}
