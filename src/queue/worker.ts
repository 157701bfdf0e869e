// `broadsheet worker --queue redis://…`: takes page jobs off the queue and sets them in a warm Chromium of its own,
// serving each page its files from the content store. Chromium is started afresh every `restartAfter` pages and after
// a page that hung; the worker's health (pages, failures, memory, Chromium starts) is kept in Redis for
// `broadsheet workers`. A worker killed mid-page holds a lock that runs out: another worker takes the page up.
import { availableParallelism, hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { BroadsheetError, errors } from '../errors/catalogue.ts';
import type { ResolvedProject } from '../project/resolve.ts';
import { openWarmPress, type WarmPress } from '../render/warm-press.ts';
import { blobCopies, redisStore } from './content-store.ts';
import { connectQueue, pageQueueName, type QueueAddress } from './connection.ts';
import { healthKey, type WorkerHealth } from './health.ts';
import { storedFinder } from './page-inputs.ts';
import { buildIdentity, queuedPageFormat, type QueuedPage, type WorkerProgress } from './queued-page.ts';
import { setJob } from './set-job.ts';
import { storeOutcome, type StoredOutcome } from './stored-outcome.ts';

export interface WorkerOptions {
  readonly address: QueueAddress;
  readonly project: Pick<ResolvedProject, 'chromium' | 'timeouts'>;
  /** The name it reports (default HOST-PID). */
  readonly name?: string;
  /** Pages set at once, each a Chromium page of this worker's browser (default one a core). */
  readonly concurrency?: number;
  /** Chromium is started afresh after this many pages (default 50). */
  readonly restartAfter?: number;
  /** A page taking longer is given up, Chromium restarted, and the page tried again by the queue (default 180 s). */
  readonly jobTimeoutMs?: number;
  /** How long a page's lock lasts without renewal: a worker that died is noticed after this (default 30 s). */
  readonly stallMs?: number;
  readonly log?: (line: string) => void;
}

/** Failures of the page itself, the same on every worker: not tried again. */
const pageFaults: ReadonlySet<unknown> = new Set([errors.LayoutFailed, errors.PreflightFailed, errors.RequestBlocked, errors.PhotoInvalid, errors.WorkerMismatch]);

export interface RunningWorker {
  /** Stops taking jobs, lets the pages in hand finish, closes Chromium. */
  close(): Promise<void>;
  readonly closed: Promise<void>;
}

export async function startWorker(given: WorkerOptions): Promise<RunningWorker> {
  const options = { name: `${hostname()}-${process.pid}`, concurrency: availableParallelism(), restartAfter: 50, jobTimeoutMs: 180_000, stallMs: 30_000, log: () => undefined, ...given };
  const { name, log } = options;
  const identity = buildIdentity();
  const redis = await connectQueue(options.address);
  const store = redisStore(redis);
  // In the work cache, shared by the workers of this machine: a blob is written whole or not at all.
  const blobs = blobCopies(store);
  const press: WarmPress = await openWarmPress({ project: options.project, keep: options.concurrency, reuses: options.restartAfter }).catch((error: unknown) => {
    // Nothing may keep the process up when there is no Chromium to work with.
    redis.disconnect();
    throw error;
  });
  const health = { name, host: hostname(), pid: process.pid, since: new Date().toISOString(), pages: 0, failed: 0, active: 0, chromiumStarts: 1, chromium: await press.browser.version(), broadsheet: identity };
  let due = false;
  let gate: Promise<void> | undefined;
  let drained: (() => void) | undefined;

  /** Waits while Chromium is being restarted; restarts it first when it is due and no page is in hand. */
  const enter = async () => {
    while (gate) await gate;
    if (due) {
      gate = (async () => {
        while (health.active > 0) await new Promise<void>((resolve) => (drained = resolve));
        log(`${name}: starting Chromium afresh after ${handled} pages`);
        // A Chromium that does not start again now is started by the next page's ready(), or that page fails.
        await press.restart().catch((error: unknown) => log(`${name}: Chromium did not start again: ${error instanceof Error ? error.message : String(error)}`));
        health.chromiumStarts = press.launches;
        due = false;
      })();
      await gate;
      gate = undefined;
    }
    health.active++;
  };
  /** Pages taken in hand, set or not: Chromium's share of work since it started. */
  let handled = 0;
  const leave = (set: boolean) => {
    health.active--;
    if (set) health.pages++;
    if (++handled % options.restartAfter === 0) due = true;
    if (health.active === 0) drained?.();
    // Health as of this page, not of the last beat.
    void beat();
  };

  const setOne = async (job: Job<QueuedPage, StoredOutcome>): Promise<StoredOutcome> => {
    const queued = job.data;
    if (queued.format !== queuedPageFormat || queued.broadsheet !== identity) {
      throw new UnrecoverableError(new BroadsheetError('WorkerMismatch', `${name} runs Broadsheet ${identity}; the page was sent by Broadsheet ${queued.broadsheet} (${queued.format}).`).report());
    }
    await enter();
    const started = performance.now();
    const stop = new AbortController();
    let hung = false;
    let succeeded = false;
    const timer = setTimeout(() => {
      hung = true;
      stop.abort(new Error(`${queued.job.what} took longer than ${options.jobTimeoutMs / 1000} s on ${name}`));
    }, options.jobTimeoutMs);
    try {
      const progress = (value: WorkerProgress) => job.updateProgress(value).catch(() => undefined);
      await progress({ stage: 'started', worker: name, attempt: Math.max(job.attemptsStarted, job.attemptsMade + 1) });
      const ready = await press.ready();
      health.chromiumStarts = press.launches;
      const abandoned = new Promise<never>((_, reject) => stop.signal.addEventListener('abort', () => reject(stop.signal.reason), { once: true }));
      const outcome = await Promise.race([
        setJob(queued.job, { files: storedFinder(queued.inputs.files, (hash) => blobs.path(hash)), profile: await blobs.path(queued.inputs.profile) }, { press: ready, rack: press.rack, worker: name }, { laidOut: (jumps) => void progress({ stage: 'laid out', worker: name, jumps }) }, stop.signal),
        abandoned,
      ]);
      const stored = await storeOutcome(outcome, store);
      log(`${name}: ${queued.job.what} set in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      succeeded = true;
      return stored;
    } catch (error) {
      health.failed++;
      if (hung) {
        // A page that hangs holds its Chromium: it is closed, and the next page gets a fresh one.
        log(`${name}: ${queued.job.what} hung; starting Chromium afresh`);
        await press.restart().catch(() => undefined);
        health.chromiumStarts = press.launches;
      }
      const reason = error instanceof BroadsheetError ? error.report() : error instanceof Error ? error.message : String(error);
      log(`${name}: ${queued.job.what} failed: ${reason.split('\n')[0] ?? reason}`);
      if (error instanceof BroadsheetError && pageFaults.has(error.entry)) throw new UnrecoverableError(reason);
      throw new Error(reason, { cause: error });
    } finally {
      clearTimeout(timer);
      leave(succeeded);
    }
  };

  const worker = new Worker<QueuedPage, StoredOutcome>(pageQueueName(identity), setOne, {
    connection: options.address.options,
    concurrency: options.concurrency,
    name,
    lockDuration: options.stallMs,
    stalledInterval: options.stallMs,
    // A page whose worker died twice is failed rather than passed on forever.
    maxStalledCount: 2,
  });
  worker.on('error', (error) => log(`${name}: queue: ${error.message}`));
  async function beat(): Promise<void> {
    const report: WorkerHealth = { ...health, rssMb: Math.round(process.memoryUsage().rss / 1048576), at: new Date().toISOString() };
    await redis.set(healthKey(name), JSON.stringify(report), 'EX', 15).catch(() => undefined);
  }
  await beat();
  const heart = setInterval(() => void beat(), 5000);
  let closing: Promise<void> | undefined;
  let ended: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (ended = resolve));
  log(`${name}: taking pages from ${options.address.shown} (${options.concurrency} at once, Chromium afresh every ${options.restartAfter} pages)`);
  return {
    closed,
    close() {
      closing ??= (async () => {
        clearInterval(heart);
        await worker.close();
        await press.close().catch(() => undefined);
        await redis.del(healthKey(name)).catch(() => undefined);
        redis.disconnect();
        ended();
      })();
      return closing;
    },
  };
}
