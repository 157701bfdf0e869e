// `npm run bench`: times whole processes and their peak memory (Node plus every Chromium process), as ratios to a baseline measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Sample {
  readonly seconds: number;
  readonly peakMegabytes: number;
}

const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const work = await mkdtemp(join(tmpdir(), 'broadsheet-bench-'));

/** Sum of resident memory of a process and all its descendants, from /proc. */
async function treeResidentKilobytes(root: number): Promise<number> {
  const parents = new Map<number, number>();
  const resident = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = await readFile(`/proc/${entry}/status`, 'utf8');
      const parent = /PPid:\s+(\d+)/.exec(status)?.[1];
      const rss = /VmRSS:\s+(\d+)/.exec(status)?.[1];
      parents.set(Number(entry), Number(parent ?? 0));
      resident.set(Number(entry), Number(rss ?? 0));
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const [pid, kilobytes] of resident) {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parents.get(at)) {
      if (at === root) {
        total += kilobytes;
        break;
      }
    }
  }
  return total;
}

async function measure(command: string, args: readonly string[]): Promise<Sample> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) void treeResidentKilobytes(child.pid).then((kb) => (peak = Math.max(peak, kb)));
  }, 25);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  return { seconds: (performance.now() - started) / 1000, peakMegabytes: peak / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function series(label: string, command: string, args: readonly string[]) {
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) samples.push(await measure(command, args));
  const result = { label, seconds: median(samples.map((s) => s.seconds)), peakMegabytes: median(samples.map((s) => s.peakMegabytes)) };
  console.error(`${label}: ${result.seconds.toFixed(2)} s, ${result.peakMegabytes.toFixed(0)} MB (median of ${runs})`);
  return result;
}

try {
  const proofDir = join(work, 'proof');
  // The ready HTML for the baseline: the sample's own laid-out proof.
  await measure(process.execPath, ['bin/broadsheet.js', 'build', 'manuscript/shanting', '--out', proofDir]);
  const baseline = await series('baseline: bare Puppeteer page.pdf() of ready HTML', process.execPath, ['bin/run.js', 'scripts/bench-baseline.ts', join(proofDir, 'index.html'), join(work, 'baseline.pdf')]);
  const cases = [
    await series('broadsheet build, sample (zh, 8-column broadsheet)', process.execPath, ['bin/broadsheet.js', 'build', 'manuscript/shanting', '--out', join(work, 'a')]),
    await series('broadsheet build, harbour (en, tabloid)', process.execPath, ['bin/broadsheet.js', 'build', 'manuscript/harbour', '--grid', 'tabloid', '--out', join(work, 'b')]),
  ];
  console.log('| case | time | time ÷ baseline | peak memory | memory ÷ baseline |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of [baseline, ...cases]) {
    console.log(`| ${row.label} | ${row.seconds.toFixed(2)} s | ${(row.seconds / baseline.seconds).toFixed(2)}× | ${row.peakMegabytes.toFixed(0)} MB | ${(row.peakMegabytes / baseline.peakMegabytes).toFixed(2)}× |`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
