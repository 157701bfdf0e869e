// The job queue's commands: `worker` (set pages sent to the queue), `workers` (their health) and `rerender` (archived
// editions built again as new revisions, on this machine or on the queue).
import { shown, type Run } from './commands.ts';
import { queueRunnerFor } from '../queue/queue-for.ts';
import { pageEventHooks } from './page-events.ts';

export const runWorker: Run<'worker'> = async (command, { project, report, stopped }) => {
  const [{ queueAddress }, { startWorker }] = await Promise.all([import('../queue/connection.ts'), import('../queue/worker.ts')]);
  const worker = await startWorker({
    address: queueAddress(command.queue),
    project,
    log: (line) => report.result(line),
    ...(command.workerName ? { name: command.workerName } : {}),
    ...(command.concurrency ? { concurrency: command.concurrency } : {}),
    ...(command.restartAfter ? { restartAfter: command.restartAfter } : {}),
    ...(command.jobTimeout ? { jobTimeoutMs: command.jobTimeout * 1000 } : {}),
    ...(command.stall ? { stallMs: command.stall * 1000 } : {}),
  });
  // Ctrl-C (or SIGTERM) stops taking pages; the pages in hand are finished first.
  await stopped;
  await worker.close();
  report.done({ stopped: true });
  return 0;
};

export const runWorkers: Run<'workers'> = async (command, { report }) => {
  const [{ queueAddress, connectQueue }, { workersHealth }] = await Promise.all([import('../queue/connection.ts'), import('../queue/health.ts')]);
  const address = queueAddress(command.queue);
  const redis = await connectQueue(address);
  try {
    const workers = await workersHealth(redis);
    if (workers.length === 0) report.result(`no worker is taking pages from ${address.shown}`);
    for (const worker of workers) {
      report.result(`${worker.name} (${worker.host}, pid ${worker.pid}): ${worker.pages} pages set, ${worker.failed} failed, ${worker.active} in hand; ${worker.rssMb} MB; Chromium started ${worker.chromiumStarts}× (${worker.chromium}); Broadsheet ${worker.broadsheet}; since ${worker.since}`);
    }
    report.done({ queue: address.shown, workers });
    return workers.length === 0 ? 1 : 0;
  } finally {
    redis.disconnect();
  }
};

export const runRerender: Run<'rerender'> = async (command, { project, signal, report }) => {
  const { rerenderArchive } = await import('../archive/rerender.ts');
  const runner = await queueRunnerFor(project, command.queue, (line) => report.warn(line));
  const done = await rerenderArchive({
    project,
    signal,
    log: (line) => report.step(line),
    onJob: pageEventHooks((event) => report.event(event)),
    onEdition: (entry, index, of) => report.result(`re-rendering ${entry} (${index + 1} of ${of})`),
    ...(command.from ? { from: command.from } : {}),
    ...(command.to ? { to: command.to } : {}),
    ...(runner ? { runner } : {}),
  });
  for (const made of done) report.result(`${made.from} → ${made.entry} in ${shown(made.path)}`);
  report.done({ rerendered: done });
  return 0;
};
