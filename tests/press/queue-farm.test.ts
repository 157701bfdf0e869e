// The render farm tried as a newsroom would: Debian's redis-server on a loopback port, two `broadsheet worker`s, the
// sample edition sent with --queue and one worker killed with SIGKILL in the middle of its page. The edition completes,
// its files byte for byte those of an in-process build; the same edition sent again is not set again; a page at fault
// fails at once, naming the page; a page that hangs is given up, Chromium restarted, the page tried three times; the
// queue survives Redis restarting; a worker starts its Chromium afresh every N pages; an archived edition re-rendered through the queue makes a new revision.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadsheet, entryFolders, filesBelow, hashTree, removeArchive, sampleEditionFile, type CommandRun } from '../helpers/archive-cli.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { broadsheetLive, startTestWorker, type PageEventSeen, type TestWorker } from '../helpers/queue-workers.ts';

let temp: TempFolder;
let redis: TestRedis;
let workers: TestWorker[] = [];
let local: CommandRun;
let remote: CommandRun & { events: PageEventSeen[] };
/** The page w1 had in hand when it was killed. */
let killedOn: number | undefined;

const folder = (name: string) => join(temp.path, name);
const workersJson = async (queue: string) => JSON.parse((await broadsheet(['workers', '--queue', queue, '--json'], 30_000)).stdout) as { workers: Array<{ name: string; pages: number; failed: number; chromiumStarts: number }> };

beforeAll(async () => {
  temp = await tempFolder('queue');
  await mkdir(folder('redis'));
  redis = await startRedis(folder('redis'));
  // The reference: the same edition set in this machine's own Chromium, no queue.
  local = await broadsheet(['edition', sampleEditionFile, '--out', folder('local')]);
  // One page at a time each, and a dead worker's page taken up after 4 s.
  workers = [await startTestWorker('w1', redis.url, ['--concurrency', '1', '--stall', '4']), await startTestWorker('w2', redis.url, ['--concurrency', '1', '--stall', '4', '--restart-after', '3'])];
  remote = await broadsheetLive(['edition', sampleEditionFile, '--out', folder('remote'), '--queue', redis.url], (event) => {
    if (event.event === 'started' && event.worker === 'w1' && killedOn === undefined) {
      killedOn = event.page;
      workers[0]?.child.kill('SIGKILL');
    }
  });
}, 400_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop('SIGKILL');
  await redis?.stop();
  await removeArchive(temp);
});

describe('an edition on the queue, one worker killed mid-page', () => {
  it('completes: the page the killed worker had is taken up by the other and done there', () => {
    expect(local.status, local.stderr).toBe(0);
    expect(remote.status, remote.stdout + remote.stderr).toBe(0);
    expect(killedOn).toBeDefined();
    const ofKilled = remote.events.filter((event) => event.page === killedOn);
    expect(ofKilled.filter((event) => event.event === 'started').map((event) => event.worker)).toEqual(['w1', 'w2']);
    expect(ofKilled.filter((event) => event.event === 'done').map((event) => event.worker)).toEqual(['w2']);
    // Every page done once, each by a worker that was alive to finish it.
    const done = remote.events.filter((event) => event.event === 'done');
    expect(done.map((event) => event.page).sort()).toEqual([1, 2, 3, 4]);
    expect(done.every((event) => event.worker === 'w2' || (event.worker === 'w1' && event.page !== killedOn))).toBe(true);
  });

  it('reports each page queued, started on a worker and done, as JSON events', () => {
    for (const page of [1, 2, 3, 4]) {
      const kinds = remote.events.filter((event) => event.page === page).map((event) => event.event);
      expect(kinds[0]).toBe('queued');
      expect(kinds).toContain('started');
      expect(kinds.at(-1)).toBe('done');
    }
  });

  it('writes byte for byte the PDFs, proofs and preflight reports of the in-process build', async () => {
    const here = await hashTree(folder('local'));
    const there = await hashTree(folder('remote'));
    // Only layout.json says how long the layout took: everything else is the same file.
    const compared = [...here.keys()].filter((path) => !path.endsWith('.layout.json'));
    expect(compared.filter((path) => path.endsWith('.pdf'))).toHaveLength(9);
    for (const path of compared) expect(there.get(path), path).toBe(here.get(path));
  });

  it('writes exactly the files an in-process build writes: nothing partial, nothing missing', async () => {
    expect(await filesBelow(folder('remote'))).toEqual(await filesBelow(folder('local')));
    const layout = JSON.parse(await readFile(join(folder('remote'), 'page-2.layout.json'), 'utf8')) as { stories: Array<{ jump: unknown }> };
    expect(layout.stories.some((story) => story.jump !== null)).toBe(true);
  });
});

describe('a page sent twice', () => {
  it('is set once: the same edition again is answered from the queue, no worker sets a page', async () => {
    const before = await workersJson(redis.url);
    const again = await broadsheetLive(['edition', sampleEditionFile, '--out', folder('again'), '--queue', redis.url]);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    const done = again.events.filter((event) => event.event === 'done');
    expect(done).toHaveLength(4);
    expect(done.every((event) => event.again === true)).toBe(true);
    expect(again.events.filter((event) => event.event === 'started')).toEqual([]);
    const after = await workersJson(redis.url);
    expect(after.workers.find((worker) => worker.name === 'w2')?.pages).toBe(before.workers.find((worker) => worker.name === 'w2')?.pages);
    expect((await hashTree(folder('again'))).get('page-1.pdf')).toBe((await hashTree(folder('local'))).get('page-1.pdf'));
  });
});

describe('failures', () => {
  it('fails an edition at once, naming the page, when the page itself cannot be laid out', async () => {
    const dir = folder('overset');
    await cp(join(projectRoot, 'manuscript', 'shanting'), join(dir, 'shanting'), { recursive: true });
    await writeFile(join(dir, 'tight.yaml'), 'date: "2026-12-03"\nedition:\n  name: Tight\ngrid: zh-broadsheet\npages:\n  - number: 1\n    articles:\n      - manuscript: shanting\n        columns: 1-2\n        height: 20%\n');
    const run = await broadsheetLive(['edition', join(dir, 'tight.yaml'), '--out', folder('tight-out'), '--queue', redis.url]);
    expect(run.status).toBe(1);
    const error = (JSON.parse(run.stdout) as { error: { code: string; message: string; details: string[] } }).error;
    expect(error.code).toBe('BS101');
    expect(error.message).toContain('Page 1 of Tight');
    expect(error.details.join('\n')).toMatch(/cannot be laid out/);
    // A fault of the page is the same on every worker: it is not tried again.
    expect(run.events.filter((event) => event.event === 'started')).toHaveLength(1);
    expect(run.events.some((event) => event.event === 'failed' && event.page === 1)).toBe(true);
  });

  it('gives up on a page that hangs, starts Chromium afresh, tries three times with backoff, then fails naming the page', async () => {
    // A queue of its own (database 1), with a worker that allows a page one second.
    const queue = `${redis.url}/1`;
    const impatient = await startTestWorker('w3', queue, ['--concurrency', '1', '--job-timeout', '1']);
    workers.push(impatient);
    const started = performance.now();
    const run = await broadsheetLive(['edition', join(projectRoot, 'manuscript', 'edition.yaml'), '--out', folder('hang-out'), '--queue', queue]);
    expect(run.status).toBe(1);
    const error = (JSON.parse(run.stdout) as { error: { code: string; message: string; details: string[] } }).error;
    expect(error.code).toBe('BS101');
    expect(error.message).toMatch(/^Page \d of 样报 第1期/);
    expect(error.details.join('\n')).toContain('took longer than 1 s on w3');
    const page = Number(/^Page (\d)/.exec(error.message)?.[1]);
    expect(run.events.filter((event) => event.event === 'started' && event.page === page).map((event) => event.attempt)).toEqual([1, 2, 3]);
    // Backoff: 2 s, then 4 s between the tries.
    expect(performance.now() - started).toBeGreaterThan(6000);
    expect(impatient.output()).toContain('hung; starting Chromium afresh');
    const health = (await workersJson(queue)).workers.find((worker) => worker.name === 'w3');
    expect(health?.chromiumStarts).toBeGreaterThanOrEqual(3);
    expect(health?.failed).toBeGreaterThanOrEqual(3);
    await impatient.stop('SIGKILL');
  });

  it('carries on when Redis restarts in the middle of an edition', async () => {
    // --marks makes other pages (other jobs) of the same edition.
    let restarted: Promise<void> | undefined;
    const run = await broadsheetLive(['edition', sampleEditionFile, '--marks', '--out', folder('restart-out'), '--queue', redis.url], (event) => {
      if (event.event === 'started' && !restarted) restarted = redis.restart();
    });
    await restarted;
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.events.filter((event) => event.event === 'done')).toHaveLength(4);
    expect(await filesBelow(folder('restart-out'))).toContain('page-4.pdf');
  });

  it('starts its Chromium afresh every N pages (w2: every 3), and says so in its health', async () => {
    expect(workers[1]?.output()).toContain('w2: starting Chromium afresh after 3 pages');
    const health = (await workersJson(redis.url)).workers.find((worker) => worker.name === 'w2');
    expect(health?.chromiumStarts).toBeGreaterThanOrEqual(2);
    expect(health?.pages).toBeGreaterThanOrEqual(6);
  });
});

describe('an archive re-rendered on the queue', () => {
  let archive: string;
  let rerender: CommandRun;
  let before: Map<string, string>;

  beforeAll(async () => {
    archive = folder('archive');
    const archived = await broadsheet(['archive', sampleEditionFile, '--archive', archive]);
    expect(archived.status, archived.stderr).toBe(0);
    before = await hashTree(join(archive, '2021-01-08_edition_r1'));
    rerender = await broadsheet(['rerender', '--archive', archive, '--queue', redis.url, '--from', '2021-01-01', '--to', '2021-12-31'], 400_000);
  }, 500_000);

  it('makes a new revision from the archived manuscripts, leaving the old one as it was', async () => {
    expect(rerender.status, rerender.stdout + rerender.stderr).toBe(0);
    expect(rerender.stdout).toContain('2021-01-08_edition_r1 → 2021-01-08_edition_r2');
    expect(await entryFolders(archive)).toEqual(['2021-01-08_edition_r1', '2021-01-08_edition_r2']);
    expect(await hashTree(join(archive, '2021-01-08_edition_r1'))).toEqual(before);
    const after = await hashTree(join(archive, '2021-01-08_edition_r2'));
    // Same manuscripts, same Broadsheet: the press pages, their PDF/A copies (made by the workers now) and the
    // edition file come out the same.
    for (const path of ['press/page-1.pdf', 'press/page-4.pdf', 'pdfa/page-1.pdf', 'pdfa/page-2.pdf', 'edition.yaml', 'manuscripts/shanting/article.md']) expect(after.get(path), path).toBe(before.get(path));
  });

  it('passes verify on both revisions', async () => {
    const verify = await broadsheet(['verify', '--archive', archive]);
    expect(verify.status, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/^ok 2021-01-08_edition_r1: /m);
    expect(verify.stdout).toMatch(/^ok 2021-01-08_edition_r2: /m);
  });

  it('records the new revision as current: search finds its articles there, once', async () => {
    const search = await broadsheet(['search', '山亭区', '--archive', archive]);
    expect(search.status, search.stderr).toBe(0);
    expect(search.stdout).toContain('[2021-01-08_edition_r2]');
    expect(search.stdout).not.toContain('[2021-01-08_edition_r1]');
  });

  it('refuses a date range that holds no edition, naming it', async () => {
    const none = await broadsheet(['rerender', '--archive', archive, '--from', '2030-01-01']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('holds no archived edition dated 2030-01-01 to any day');
  });
});
