// A page's outcome through the content store: the worker puts the PDFs, pictures and reports there and returns only
// their hashes (a queue's job record stays small); the coordinator reads them back, each checked against its hash.
import type { LayoutReport } from '../layout/report.ts';
import type { PreflightReport } from '../preflight/preflight.ts';
import type { ContentStore } from './content-store.ts';
import type { PageOutcome } from './page-job.ts';

export interface StoredOutcome {
  readonly pdf: string;
  readonly screen: string;
  readonly pdfa?: string;
  /** The layout, preflight, proof and the rest, as one JSON blob. */
  readonly report: string;
  readonly views: ReadonlyArray<{ readonly softProof: string; readonly ink: string }>;
  readonly worker: string;
}

interface OutcomeReport {
  readonly layout: LayoutReport;
  readonly preflight: PreflightReport;
  readonly proofHtml: string;
  readonly loaded: readonly string[];
  readonly chromium: string;
  readonly views: ReadonlyArray<{ readonly page: number; readonly maxInk: number; readonly overShare: number }>;
}

export async function storeOutcome(outcome: PageOutcome, store: ContentStore): Promise<StoredOutcome> {
  const report: OutcomeReport = {
    layout: outcome.layout,
    preflight: outcome.preflight,
    proofHtml: outcome.proofHtml,
    loaded: outcome.loaded,
    chromium: outcome.chromium,
    views: outcome.views.map((view) => ({ page: view.page, maxInk: view.maxInk, overShare: view.overShare })),
  };
  return {
    pdf: await store.put(outcome.pdf),
    screen: await store.put(outcome.screen),
    ...(outcome.pdfa ? { pdfa: await store.put(outcome.pdfa) } : {}),
    report: await store.put(Buffer.from(JSON.stringify(report))),
    views: await Promise.all(outcome.views.map(async (view) => ({ softProof: await store.put(view.softProof), ink: await store.put(view.ink) }))),
    worker: outcome.worker,
  };
}

export async function readOutcome(stored: StoredOutcome, store: ContentStore): Promise<PageOutcome> {
  const report = JSON.parse((await store.get(stored.report)).toString('utf8')) as OutcomeReport;
  const views = await Promise.all(
    report.views.map(async (view, index) => {
      const hashes = stored.views[index];
      if (!hashes) throw new Error(`the worker's outcome lacks the pictures of page view ${index + 1}`);
      return { ...view, softProof: new Uint8Array(await store.get(hashes.softProof)), ink: new Uint8Array(await store.get(hashes.ink)) };
    }),
  );
  return {
    layout: report.layout,
    preflight: report.preflight,
    proofHtml: report.proofHtml,
    loaded: report.loaded,
    chromium: report.chromium,
    views,
    pdf: new Uint8Array(await store.get(stored.pdf)),
    screen: new Uint8Array(await store.get(stored.screen)),
    ...(stored.pdfa ? { pdfa: new Uint8Array(await store.get(stored.pdfa)) } : {}),
    worker: stored.worker,
  };
}
