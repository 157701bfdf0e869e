// Sets and prints one page job on a press: the work both runners do, in this process or on a worker, so a page
// comes out the same wherever it was made.
import type { PageRack } from '../render/page-rack.ts';
import type { PageFiles } from '../render/page-files.ts';
import type { PressBrowser } from '../render/browser.ts';
import { openPage, printPage, releasePage } from '../render/press.ts';
import { jumpsOf, type JobHooks, type PageJob, type PageOutcome } from './page-job.ts';
import { pdfaCopy } from '../pdf/pdfa.ts';

export interface JobPress {
  readonly press: PressBrowser;
  readonly rack: PageRack;
  /** "in-process", or the worker's name. */
  readonly worker: string;
}

export async function setJob(job: PageJob, inputs: { files: PageFiles; profile: string }, on: JobPress, hooks: JobHooks = {}, signal?: AbortSignal): Promise<PageOutcome & { files: ReadonlyMap<string, string> }> {
  const chromium = await on.press.browser.version();
  hooks.started?.(on.worker, 1);
  const set = await openPage({ rack: on.rack, browser: on.press.browser, html: job.html, roots: inputs.files, request: job.request, what: job.what, timeoutMs: job.timeoutMs, ...(signal ? { signal } : {}) });
  try {
    hooks.laidOut?.(jumpsOf(set.layout));
    const printed = await printPage(set, { ...job.facts, producer: `Broadsheet (${chromium})` }, job.what, { ...job.rules, profile: inputs.profile }, { ...(signal ? { signal } : {}), ...(on.press.finished ? { finished: on.press.finished } : {}) });
    const pdfa = job.pdfa ? await pdfaCopy(printed.screen, job.pdfa, signal) : undefined;
    return { ...printed, ...(pdfa ? { pdfa } : {}), layout: set.layout, proofHtml: set.proofHtml, loaded: [...set.files.keys()].sort(), files: set.files, chromium, worker: on.worker };
  } finally {
    await releasePage({ rack: on.rack }, set);
  }
}
