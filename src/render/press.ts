// The one press pipeline: open the page behind the allowlist and lay it out; check that it is printable; print it;
// finish the PDF. `broadsheet build`, editions and the proof's Print all go through here, so none prints what another
// would refuse, and nothing is printed before the check.
import type { Browser } from 'puppeteer-core';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { LayoutReport, LayoutRequest } from '../layout/report.ts';
import type { PdfFacts } from '../pdf/finish.ts';
import { startPrintCopies } from '../pdf/pdfx.ts';
import { printRoom } from '../layout/grid.ts';
import { preflightPdf, type PreflightReport } from '../preflight/preflight.ts';
import { renderPlates, type PageInk } from '../preflight/ink.ts';
import { inkOverlays, pressViews, renderSoftProofs, type PressView } from '../preflight/press-views.ts';
import type { PressRules } from '../project/resolve.ts';
import type { PageFiles } from './page-files.ts';
import { setPage, type SetPage } from './set-page.ts';
import type { PageRack } from './page-rack.ts';
import { timed } from '../workspace/stage-clock.ts';
import { pending } from '../workspace/pending.ts';
import { printKey, type FinishedCopies } from './finished-copies.ts';

export interface PressInput {
  readonly browser: Browser;
  readonly html: string;
  readonly roots: PageFiles;
  readonly request: LayoutRequest;
  /** What the page is, in errors: "shanting", "page 2 of 样报 第1期". */
  readonly what: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Called once the page is printed, before its copies are finished: a one-page build closes Chromium here. */
  readonly onPrinted?: () => void;
  /** Pages kept open between layouts (a warm press's, an edition's): the page is taken from it and given back. */
  readonly rack?: PageRack;
  /** A warm press's finished copies (CopyOptions). */
  readonly finished?: FinishedCopies<PrintedPage>;
}

/** A pressed page: its printed copies (PrintedPage), and the layout and proof they were printed from. */
export interface Pressed extends PrintedPage {
  readonly layout: LayoutReport;
  readonly proofHtml: string;
  readonly files: ReadonlyMap<string, string>;
}

/** Opens and lays out the page; it stays open (for a proof) until closed. */
export const openPage = (input: PressInput): Promise<SetPage> =>
  input.rack
    ? input.rack.open(input)
    : setPage({ browser: input.browser, html: input.html, roots: input.roots, layout: input.request, timeoutMs: input.timeoutMs, ...(input.signal ? { signal: input.signal } : {}) });

/** Done with a page: back to its rack, or closed. */
export const releasePage = (input: Pick<PressInput, 'rack'>, set: SetPage): Promise<void> => (input.rack ? input.rack.release(set) : set.close());

/** Refuses a layout a press would refuse: overset, a photo without room, a page that could not be set. */
export function checkPrintable(layout: LayoutReport, what: string): void {
  const broken = layout.problems.filter((problem) => problem.severity === 'error');
  if (broken.length > 0) {
    throw new BroadsheetError('LayoutFailed', `${what} cannot be laid out:`, { details: broken.map((problem) => `${problem.rule}: ${problem.message}`) });
  }
}

export interface PrintedPage {
  readonly pdf: Uint8Array;
  readonly screen: Uint8Array;
  readonly preflight: PreflightReport;
  /** The soft proof and ink overlay of each page, for the proof. */
  readonly views: readonly PressView[];
}

/**
 * Prints and finishes an open page, whatever its preflight says: the press copy (PDF/X) with the plant's preflight
 * of it and its soft proof and ink overlay, and the screen copy, all of exactly what the page shows. A live proof
 * shows a failing page's ink this way.
 */
export async function pressCopies(set: SetPage, facts: PdfFacts, rules: PressRules, options: CopyOptions = {}): Promise<PrintedPage> {
  const { signal, finished } = options;
  const printed = await set.print();
  options.onPrinted?.();
  signal?.throwIfAborted();
  if (!finished) return finishCopies(set, printed, facts, rules, signal);
  const { timing: _timing, ...layout } = set.layout;
  const key = await printKey(printed, { facts, rules, layout, grid: set.request.grid }, rules.profile);
  return finished.take(key, () => finishCopies(set, printed, facts, rules, signal));
}

/** What finishing a printed page needs besides the page: a stop, who to tell once it is printed, a press's kept copies. */
export interface CopyOptions {
  readonly signal?: AbortSignal;
  /** Called once the page is printed, before its copies are finished: a one-page build closes Chromium here. */
  readonly onPrinted?: () => void;
  /** A warm press's finished copies: a page printed again unchanged takes them instead of being finished again. */
  readonly finished?: FinishedCopies<PrintedPage>;
}

/** The bytes a page's finished copies hold, for a press's bound on the copies it keeps. */
export const copiesBytes = (copies: PrintedPage): number =>
  copies.pdf.byteLength + copies.screen.byteLength + copies.views.reduce((sum, view) => sum + view.softProof.byteLength + view.ink.byteLength, 0);

async function finishCopies(set: SetPage, printed: Uint8Array, facts: PdfFacts, rules: PressRules, signal?: AbortSignal): Promise<PrintedPage> {
  const room = printRoom(rules);
  // The plates are rendered once, while the screen copy is made (it waits until Ghostscript is under way): the
  // preflight measures ink on them, the soft proof is made of them.
  const platesStarted = pending<void>();
  const copies = startPrintCopies({ printed, facts, rules, room, screenAfter: platesStarted.promise });
  copies.screen.catch(() => undefined);
  const press = await timed('press copy', () => copies.press);
  signal?.throwIfAborted();
  const grid = set.request.grid;
  const ink: PageInk[] = [];
  const plates = renderPlates(press, { deviceColour: true, started: () => platesStarted.resolve() });
  plates.catch(() => undefined).finally(() => platesStarted.resolve());
  const softProofStarted = pending<void>();
  const [preflight, softProofs, overlays, screen] = await Promise.all([
    // The preflight's three readers start once Ghostscript has: each spawn holds the thread for a moment.
    timed('preflight', () => platesStarted.promise.then(() => preflightPdf({ pdf: press, rules, layout: set.layout, plates, onInk: (page) => ink.push(page), trims: [{ name: `${grid.columns}-column grid`, ...grid.trim }], columnWidth: columnWidthOf(grid), gutter: grid.gutter }))),
    timed('soft proof', () => renderSoftProofs(plates, rules.bleed, rules.profile, () => softProofStarted.resolve())).finally(() => softProofStarted.resolve()),
    // Drawn while Argyll makes the soft proof in its own process.
    softProofStarted.promise.then(() => plates).then((rendered) => inkOverlays(rendered, rules.tac)),
    copies.screen,
  ]);
  const views = pressViews({ softProofs, overlays, ink });
  return { pdf: press, screen, preflight, views };
}

/** Checks, prints and finishes an open page for the press: a page the layout or the plant's preflight refuses is refused. */
export async function printPage(set: SetPage, facts: PdfFacts, what: string, rules: PressRules, options: CopyOptions = {}): Promise<PrintedPage> {
  checkPrintable(set.layout, what);
  options.signal?.throwIfAborted();
  const copies = await pressCopies(set, facts, rules, options);
  const failed = copies.preflight.checks.filter((check) => !check.ok && check.severity === 'error');
  if (failed.length > 0) {
    throw new BroadsheetError('PreflightFailed', `${what}: the press PDF fails ${failed.length} of the plant’s rules:`, { details: failed.map((check) => check.message) });
  }
  return copies;
}

/** The whole pipeline for a page nobody keeps open: open, check, print, finish, preflight, close. */
export async function pressPage(input: PressInput & { rules: PressRules }, facts: (layout: LayoutReport) => PdfFacts): Promise<Pressed> {
  const set = await openPage(input);
  try {
    const printed = await printPage(set, facts(set.layout), input.what, input.rules, {
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.onPrinted ? { onPrinted: input.onPrinted } : {}),
      ...(input.finished ? { finished: input.finished } : {}),
    });
    return { ...printed, layout: set.layout, proofHtml: set.proofHtml, files: set.files };
  } finally {
    await releasePage(input, set);
  }
}

const columnWidthOf = (grid: LayoutRequest['grid']): number => (grid.trim.width - grid.margins.inside - grid.margins.outside - grid.gutter * (grid.columns - 1)) / grid.columns;
