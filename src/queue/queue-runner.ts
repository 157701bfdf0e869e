// The runner that sends an edition's pages to BullMQ: each page's files go into the content store, the page goes on
// the queue under its content hash (a page the queue has set before is not set again), and the outcome comes back
// through the store. Every page is sent at once; the workers decide how many run side by side.
import { Queue, QueueEvents } from 'bullmq';
import { BroadsheetError } from '../errors/catalogue.ts';
import { workersHealth } from './health.ts';
import { redisStore } from './content-store.ts';
import { connectQueue, pageQueueName, type QueueAddress } from './connection.ts';
import { storeInputs } from './page-inputs.ts';
import { jumpsOf, type JobHooks, type PageJump } from './page-job.ts';
import { buildIdentity, queuedPageFormat, queuedPageId, type QueuedPage, type WorkerProgress } from './queued-page.ts';
import { readOutcome, type StoredOutcome } from './stored-outcome.ts';
import type { PageRunner } from './runner.ts';

/** Tries of a page before the edition fails naming it: the first and two more, 2 s then 4 s later. */
const attempts = 3;
const firstRetryMs = 2000;
/** Done and failed pages are remembered a day: an edition sent again within it reuses what was set. */
const rememberSeconds = 24 * 3600;

export async function queueRunner(options: { address: QueueAddress; pages: number; warn?: (line: string) => void }): Promise<PageRunner> {
  const { address } = options;
  const identity = buildIdentity();
  const redis = await connectQueue(address);
  const store = redisStore(redis);
  // Pages wait on the queue until a worker comes; a desk sending an edition to no worker is told so.
  const workers = await workersHealth(redis);
  if (!workers.some((worker) => worker.broadsheet === identity)) {
    const others = workers.map((worker) => `${worker.name} runs ${worker.broadsheet}`);
    options.warn?.(`no worker of Broadsheet ${identity} is taking pages from ${address.shown}${others.length > 0 ? ` (${others.join('; ')})` : ''}: the pages wait until one starts (\`broadsheet worker --queue ${address.shown}\`)`);
  }
  const queue = new Queue<QueuedPage, StoredOutcome>(pageQueueName(identity), { connection: address.options });
  const events = new QueueEvents(pageQueueName(identity), { connection: address.options });
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  // Every page of the edition waits on them at once.
  queue.setMaxListeners(options.pages + 10);
  events.setMaxListeners(options.pages + 10);
  await events.waitUntilReady();
  /** The hooks of each page in hand, by job id, for the workers' progress. */
  const watching = new Map<string, JobHooks & { jumped: boolean }>();
  events.on('progress', ({ jobId, data }) => {
    const hooks = watching.get(jobId);
    const progress = data as WorkerProgress;
    if (!hooks || typeof progress !== 'object' || progress === null) return;
    if (progress.stage === 'started') {
      if (progress.attempt > 1) hooks.retrying?.(progress.attempt, 'the last attempt failed, or its worker stopped answering');
      hooks.started?.(progress.worker, progress.attempt);
    } else if (progress.stage === 'laid out' && !hooks.jumped) {
      hooks.jumped = true;
      hooks.laidOut?.(progress.jumps as PageJump[]);
    }
  });
  return {
    atOnce: Math.max(1, options.pages),
    async run(job, inputs, hooks, signal) {
      const { stored, here } = await storeInputs(job.html, inputs, store);
      const page: QueuedPage = { format: queuedPageFormat, broadsheet: identity, job, inputs: stored };
      const id = queuedPageId(page);
      const watched = { ...hooks, jumped: false };
      watching.set(id, watched);
      try {
        signal.throwIfAborted();
        // Told before it is added: a worker may take it up (and say so) before the add is answered.
        hooks.queued?.();
        const added = await queue.add('page', page, { jobId: id, attempts, backoff: { type: 'exponential', delay: firstRetryMs }, removeOnComplete: { age: rememberSeconds }, removeOnFail: { age: rememberSeconds } });
        const state = await added.getState();
        // A page that failed before (its last tries are a day old at most) is tried again for this edition.
        if (state === 'failed') await added.retry('failed');
        const again = state === 'completed';
        let stopWaiting: () => void = () => undefined;
        const aborted = new Promise<never>((_, reject) => {
          const stopped = () => reject(signal.reason);
          signal.addEventListener('abort', stopped, { once: true });
          stopWaiting = () => signal.removeEventListener('abort', stopped);
        });
        let result: StoredOutcome;
        try {
          result = await Promise.race([added.waitUntilFinished(events), aborted]);
        } catch (error) {
          if (signal.aborted) throw error;
          throw new BroadsheetError('QueuePageFailed', `${job.what} failed on the queue (a fault of the page fails at once; anything else after ${attempts} attempts):`, { details: [error instanceof Error ? error.message : String(error)], cause: error });
        } finally {
          stopWaiting();
        }
        const outcome = await readOutcome(result, store);
        if (!watched.jumped) {
          watched.jumped = true;
          hooks.laidOut?.(jumpsOf(outcome.layout));
        }
        hooks.done?.(outcome.worker, again);
        // The files the worker's page loaded, as this machine has them (the proofs carry copies).
        const files = new Map(outcome.loaded.flatMap((urlPath) => (here.has(urlPath) ? [[urlPath, here.get(urlPath) ?? ''] as const] : [])));
        return { ...outcome, files };
      } finally {
        watching.delete(id);
      }
    },
    async close() {
      await events.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      redis.disconnect();
    },
  };
}
