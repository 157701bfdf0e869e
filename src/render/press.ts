// The one press pipeline: open the page behind the allowlist and lay it out; check that it is printable; print it;
// finish the PDF. `broadsheet build`, editions and the proof's Print all go through here, so none prints what another
// would refuse, and nothing is printed before the check.
import type { Browser } from 'puppeteer-core';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { LayoutReport, LayoutRequest } from '../layout/report.ts';
import { finishPdf, type PdfFacts } from '../pdf/finish.ts';
import type { PageRoots } from './page-files.ts';
import { setPage, type SetPage } from './set-page.ts';

export interface PressInput {
  readonly browser: Browser;
  readonly html: string;
  readonly roots: PageRoots;
  readonly request: LayoutRequest;
  /** What the page is, in errors: "shanting", "page 2 of 样报 第1期". */
  readonly what: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface Pressed {
  readonly pdf: Uint8Array;
  readonly layout: LayoutReport;
  readonly proofHtml: string;
  readonly files: ReadonlyMap<string, string>;
}

/** Opens and lays out the page; it stays open (for a proof) until closed. */
export const openPage = (input: PressInput): Promise<SetPage> =>
  setPage({ browser: input.browser, html: input.html, roots: input.roots, layout: input.request, timeoutMs: input.timeoutMs, ...(input.signal ? { signal: input.signal } : {}) });

/** Refuses a layout a press would refuse: overset, a photo without room, a page that could not be set. */
export function checkPrintable(layout: LayoutReport, what: string): void {
  const broken = layout.problems.filter((problem) => problem.severity === 'error');
  if (broken.length > 0) {
    throw new BroadsheetError('LayoutFailed', `${what} cannot be laid out:`, { details: broken.map((problem) => `${problem.rule}: ${problem.message}`) });
  }
}

/** Checks, prints and finishes an open page: the PDF of exactly what the page shows. */
export async function printPage(set: SetPage, facts: PdfFacts, what: string, signal?: AbortSignal): Promise<Uint8Array> {
  checkPrintable(set.layout, what);
  signal?.throwIfAborted();
  const printed = await set.print();
  signal?.throwIfAborted();
  return finishPdf({ pdf: printed, facts });
}

/** The whole pipeline for a page nobody keeps open: open, check, print, finish, close. */
export async function pressPage(input: PressInput, facts: (layout: LayoutReport) => PdfFacts): Promise<Pressed> {
  const set = await openPage(input);
  try {
    const pdf = await printPage(set, facts(set.layout), input.what, input.signal);
    return { pdf, layout: set.layout, proofHtml: set.proofHtml, files: set.files };
  } finally {
    await set.close();
  }
}
