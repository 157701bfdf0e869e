// `npm run bench`: where Broadsheet stands against a bare Chromium print, as ratios to baselines measured in the same
// run, with the peak memory of each process tree (Node and every Chromium, Ghostscript and helper process).
//   1. the sample's cold build (a whole `broadsheet build` process) against a bare Puppeteer run that launches
//      Chromium, loads the sample's own laid-out proof and calls page.pdf(); paired runs, A B A B, medians;
//   2. the same build warm: `broadsheet serve` answering POST /build, against the same cold baseline: the article
//      unchanged (its finished copies taken again), and with a word changed before every build (finished afresh);
//   3. a 16-page edition (the sample edition four times over, jumps and all) against sixteen warm page.pdf() calls
//      of its own ready pages in one browser;
//   3b. the same edition on the job queue (BullMQ on a redis-server started here): one worker and two workers, each
//      against the in-process edition, in turn (scripts/bench-queue.ts);
//   4. a proof refresh: from saving article.md to the new text on the proof's screen, against a bare reload of the
//      laid-out proof in the same browser;
//   5. the 16-page edition archived against the same edition built, and where the archive's time went
//      (scripts/bench-archive.ts).
// Nothing here asserts a time: it measures and prints. BENCH_RUNS sets the runs per series (default 5).
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../src/render/browser.ts';
import { archiveEditions } from './bench-archive.ts';
import { queueEditions } from './bench-queue.ts';
import { sixteenPageEdition } from './sixteen-page-edition.ts';

interface Sample {
  readonly seconds: number;
  readonly peakMegabytes: number;
}

const runs = Number(process.env['BENCH_RUNS'] ?? 5);
/** BENCH_ONLY=cold,warm,edition,queue,refresh,archive runs some of the cases (all by default). */
const only = new Set((process.env['BENCH_ONLY'] ?? 'cold,warm,edition,queue,refresh,archive').split(','));
const work = await mkdtemp(join(tmpdir(), 'broadsheet-bench-'));
const node = process.execPath;
const cli = resolve('bin/broadsheet.js');

/**
 * Memory of a process and all its descendants, from /proc: each process's proportional set size (its own pages,
 * and its share of pages it shares), so Chromium's processes, which share most of their code, are not counted
 * several times over as a sum of resident sizes would.
 */
async function treeKilobytes(roots: readonly number[]): Promise<number> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (name) state ppid …: the name may hold spaces and parentheses, so read after its last ')'.
    const ppid = Number(status.slice(status.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) parents.set(Number(entry), ppid);
  }
  let total = 0;
  for (const pid of parents.keys()) {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parents.get(at)) {
      if (!roots.includes(at)) continue;
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
      total += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      break;
    }
  }
  return total;
}

/**
 * Samples the peak memory of process trees (a process and others beside it: a queue's workers) every 100 ms, in one
 * pass over /proc (often enough for peaks that last, seldom enough not to load the machine), until stopped.
 */
function memoryWatch(...pids: Array<number | undefined>): { stop(): number } {
  const roots = pids.filter((pid): pid is number => pid !== undefined);
  let peak = 0;
  let looking = false;
  const timer = setInterval(() => {
    if (roots.length === 0 || looking) return;
    looking = true;
    void treeKilobytes(roots)
      .then((kb) => (peak = Math.max(peak, kb)))
      .finally(() => (looking = false));
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return peak / 1024;
    },
  };
}

/** Runs a whole process to its end; its time and peak memory. Its stdout is returned for scripts that report. */
async function measure(args: readonly string[], env: NodeJS.ProcessEnv = process.env, beside: readonly number[] = []): Promise<Sample & { stdout: string }> {
  const started = performance.now();
  const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const memory = memoryWatch(child.pid, ...beside);
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  const peakMegabytes = memory.stop();
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}`);
  return { seconds: (performance.now() - started) / 1000, peakMegabytes, stdout };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const summary = (samples: readonly Sample[]): Sample => ({ seconds: median(samples.map((s) => s.seconds)), peakMegabytes: median(samples.map((s) => s.peakMegabytes)) });

/** Two whole-process series run in turn, A B A B, so that the machine's drift falls on both alike. */
async function paired(a: () => Promise<Sample>, b: () => Promise<Sample>): Promise<[Sample, Sample]> {
  const first: Sample[] = [];
  const second: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    first.push(await a());
    second.push(await b());
  }
  return [summary(first), summary(second)];
}

interface Row {
  readonly label: string;
  readonly sample: Sample;
  readonly baseline: Sample;
}
const rows: Row[] = [];
const say = (line: string) => console.error(line);

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((found, failed) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) found(match);
    });
    child.once('exit', (code) => failed(new Error(`exited with ${code} before saying ${pattern}: ${seen}`)));
  });
}

try {
  const freshCache = () => ({ ...process.env, BROADSHEET_CACHE: join(work, `cache-${Math.random().toString(36).slice(2)}`) });
  // The ready page for the baseline: the sample's own laid-out proof, as Broadsheet prints it.
  const proofDir = join(work, 'proof');
  await measure([cli, 'build', 'manuscript/shanting', '--out', proofDir]);
  const readyPage = join(proofDir, 'index.html');
  const baselineRun = () => measure(['scripts/bench-baseline.mjs', readyPage, join(work, 'baseline.pdf')]);
  let n = 0;
  const buildRun = (env?: NodeJS.ProcessEnv) => () => measure([cli, 'build', 'manuscript/shanting', '--out', join(work, `cold-${n++}`)], env);

  let baseline: Sample | undefined;
  if (only.has('cold')) {
    say('1. cold build of the sample against a bare page.pdf() of its ready page …');
    const [bare, cold] = await paired(baselineRun, buildRun());
    baseline = bare;
    rows.push({ label: 'sample, cold build (a whole `broadsheet build` process; photos in the work cache)', sample: cold, baseline: bare });
    const [bareFresh, coldFresh] = await paired(baselineRun, buildRun(freshCache()));
    rows.push({ label: 'sample, cold build, empty work cache (a photo set never built before)', sample: coldFresh, baseline: bareFresh });
  }
  if (only.has('warm')) await warmBuilds(baseline ?? summary([await baselineRun(), await baselineRun(), await baselineRun()]));
  if (only.has('edition')) await sixteenPages(() => join(work, `edition-${n++}`));
  if (only.has('queue')) {
    say('3b. the 16-page edition on the job queue: 1 and 2 workers against in-process …');
    const editionFile = await sixteenPageEdition(join(work, 'edition16-queue'));
    rows.push(...(await queueEditions({ editionFile, work, runs, cli, measure: (args, beside) => measure(args, process.env, beside), summary, say })));
  }
  if (only.has('refresh')) {
    say('4. proof refresh: save to screen …');
    rows.push(await proofRefresh());
  }
  let archiveStages: string[] = [];
  if (only.has('archive')) {
    say('5. the 16-page edition archived against the same edition built …');
    const editionFile = await sixteenPageEdition(join(work, 'edition16-archive'));
    const archived = await archiveEditions({ editionFile, work, runs: Math.min(runs, 3), cli, measure: (args) => measure(args), summary, say });
    rows.push(archived.row);
    archiveStages = archived.stages;
  }

  console.log('| case | time | baseline | time ÷ baseline | peak memory | baseline memory |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const time = (sample: Sample) => (sample.seconds < 1 ? `${Math.round(sample.seconds * 1000)} ms` : `${sample.seconds.toFixed(2)} s`);
    console.log(`| ${row.label} | ${time(row.sample)} | ${time(row.baseline)} | ${(row.sample.seconds / row.baseline.seconds).toFixed(2)}× | ${row.sample.peakMegabytes.toFixed(0)} MB | ${row.baseline.peakMegabytes.toFixed(0)} MB |`);
  }
  console.log(`\nbaselines: a bare Puppeteer launch + load of the ready page + page.pdf() (rows 1–2); sixteen page.pdf() of ready pages in one warm browser (row 3); the in-process edition (the queue's rows; their memory the coordinator's and the workers' together); a bare reload of the laid-out proof (row 4); the same edition only built (the archive's row, medians of ${Math.min(runs, 3)}). Medians of ${runs}.`);
  if (archiveStages.length > 0) {
    console.log('\nwhere the archive’s time went (its median run; a stage of every page is the sum over the pages, and its span is when it ran, seconds after the process started):\n');
    console.log('| stage | time | span |\n| --- | --- | --- |');
    for (const line of archiveStages) console.log(line);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

/** Builds the sample again and again through `broadsheet serve`, once it has built it once. */
async function warmBuilds(baseline: Sample): Promise<void> {
  say('2. warm builds through `broadsheet serve` …');
  const server = spawn(node, [cli, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const serverMemory = memoryWatch(server.pid);
  try {
    const [, url] = await waitForLine(server, /build server at (http:\/\/127\.0\.0\.1:\d+\/)/);
    const warmBuild = async (index: number, dir = 'manuscript/shanting') => {
      const started = performance.now();
      const response = await fetch(`${url}build`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dir, out: join(work, `warm-${index}`) }) });
      if (!response.ok) throw new Error(`POST /build: ${response.status} ${await response.text()}`);
      return (performance.now() - started) / 1000;
    };
    await warmBuild(-1); // the first build loads the fonts and styles its page keeps
    const times: number[] = [];
    for (let run = 0; run < Math.max(runs, 5) * 2; run++) times.push(await warmBuild(run));
    const unchanged = (await (await fetch(`${url}status`)).json()) as { builds: number; pagesKept: number; copiesReused: number };
    rows.push({ label: `sample, warm build, unchanged (\`broadsheet serve\`, POST /build; ${unchanged.builds} builds, ${unchanged.pagesKept} page kept, ${unchanged.copiesReused} finished copies reused)`, sample: { seconds: median(times), peakMegabytes: serverMemory.stop() }, baseline });
    // The desk's case: a word changed between builds, so every build prints a new page and finishes it afresh.
    const edited = join(work, 'shanting-edited');
    await cp('manuscript/shanting', edited, { recursive: true });
    const article = join(edited, 'article.md');
    const text = await readFile(article, 'utf8');
    const editedMemory = memoryWatch(server.pid);
    const editedTimes: number[] = [];
    for (let run = 0; run < Math.max(runs, 5) * 2; run++) {
      await writeFile(article, text.replace('山亭区', `山亭区${run + 1}`));
      editedTimes.push(await warmBuild(100 + run, edited));
    }
    const after = (await (await fetch(`${url}status`)).json()) as { builds: number; copiesReused: number };
    if (after.copiesReused !== unchanged.copiesReused) throw new Error('an edited build took finished copies: the edit did not reach the page');
    rows.push({ label: `sample, warm build after a text edit (a number added to the first paragraph each time; ${after.builds - unchanged.builds} builds, finished afresh)`, sample: { seconds: median(editedTimes), peakMegabytes: editedMemory.stop() }, baseline });
  } finally {
    server.kill('SIGINT');
    await new Promise((done) => server.once('exit', done));
  }
}

/** A 16-page edition as a whole process, against sixteen page.pdf() calls of its own ready pages in one warm browser. */
async function sixteenPages(editionOut: () => string): Promise<void> {
  say('3. a 16-page edition against sixteen warm page.pdf() calls of its ready pages …');
  const editionFile = await sixteenPageEdition(join(work, 'edition16'));
  const firstOut = editionOut();
  await measure([cli, 'edition', editionFile, '--out', firstOut]);
  const readyPages = Array.from({ length: 16 }, (_, index) => join(firstOut, `page-${index + 1}.html`));
  const warmPrints = async (): Promise<Sample> => {
    const run = await measure(['scripts/bench-baseline.mjs', '--warm', ...readyPages.flatMap((page, index) => [page, join(work, `warm-page-${index}.pdf`)])]);
    return { seconds: Number(/warm seconds: ([\d.]+)/.exec(run.stdout)?.[1]), peakMegabytes: run.peakMegabytes };
  };
  const [prints, edition] = await paired(warmPrints, () => measure([cli, 'edition', editionFile, '--out', editionOut()]));
  rows.push({ label: '16-page edition (a whole `broadsheet edition` process)', sample: edition, baseline: prints });
}

/** Saves a word into a copy of the sample while its proof is open, and times until the proof shows it. */
async function proofRefresh(): Promise<Row> {
  const dir = join(work, 'proofed', 'harbour');
  await cp('manuscript/harbour', dir, { recursive: true });
  const preview = spawn(node, [cli, 'preview', dir, '--port', '0', '--out', join(work, 'proof-out')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const memory = memoryWatch(preview.pid);
  const press = await launchBrowser();
  try {
    const [, url] = await waitForLine(preview, /at (http:\/\/127\.0\.0\.1:\d+\/)/);
    const page = await press.browser.newPage();
    await page.goto(url ?? '', { waitUntil: 'load' });
    await page.waitForSelector('.sheet');
    const article = join(dir, 'article.md');
    const original = await readFile(article, 'utf8');
    const refreshes: number[] = [];
    const reloads: number[] = [];
    for (let run = 0; run < Math.max(runs, 5); run++) {
      // A bare reload of the laid-out proof: the browser's own floor for showing a new page.
      const reloadStarted = performance.now();
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('.sheet');
      reloads.push((performance.now() - reloadStarted) / 1000);
      const word = `Proofword${run}x`;
      const edited = original.replace(/\n\n([A-Z])/, `\n\n${word} $1`);
      const started = performance.now();
      await writeFile(article, edited);
      await page.waitForFunction((expected: string) => document.body.innerText.includes(expected), { polling: 'mutation', timeout: 30_000 }, word);
      refreshes.push((performance.now() - started) / 1000);
    }
    await writeFile(article, original);
    return { label: 'proof refresh, a text edit (save of article.md → the new word on screen)', sample: { seconds: median(refreshes), peakMegabytes: memory.stop() }, baseline: { seconds: median(reloads), peakMegabytes: 0 } };
  } finally {
    await press.close();
    preview.kill('SIGINT');
    await new Promise((done) => preview.once('exit', done));
  }
}
