// One page of an edition as a job: everything a press needs to set and print it, in plain data, so that the same job
// runs in this process or on a worker of another machine. Its files are named by URL path; where they come from (this
// machine's folders, or a content store by SHA-256) is the runner's business.
import { createHash } from 'node:crypto';
import type { BreakToken, LayoutReport, LayoutRequest } from '../layout/report.ts';
import type { PdfFacts } from '../pdf/finish.ts';
import type { PreflightReport } from '../preflight/preflight.ts';
import type { PressView } from '../preflight/press-views.ts';
import type { PressRules } from '../project/resolve.ts';
import type { PdfAFacts } from '../pdf/pdfa.ts';

export interface PageJob {
  /** The page in messages: "Page 2 of 样报 第1期". */
  readonly what: string;
  /** The edition's page number, for progress. */
  readonly page: number;
  /** The page document, serialised. */
  readonly html: string;
  readonly request: LayoutRequest;
  /** The PDF's facts but its producer, which names the Chromium that printed it. */
  readonly facts: Omit<PdfFacts, 'producer'>;
  /** The plant's rules but the profile, which is one of the job's inputs. */
  readonly rules: Omit<PressRules, 'profile'>;
  readonly timeoutMs: number;
  /** For an archive: the facts of the page's PDF/A copy, made where the page is set. */
  readonly pdfa?: PdfAFacts;
}

/** A story's text that jumped on: which story of the page, and where it stopped. */
export interface PageJump {
  readonly story: number;
  readonly token: BreakToken;
}

/** What a runner gives back for a job: the printed copies and what they were printed from. */
export interface PageOutcome {
  readonly layout: LayoutReport;
  readonly proofHtml: string;
  readonly pdf: Uint8Array;
  readonly screen: Uint8Array;
  readonly preflight: PreflightReport;
  readonly views: readonly PressView[];
  /** The PDF/A-2b copy, when the job asked for one. */
  readonly pdfa?: Uint8Array;
  /** URL paths of the files the page loaded. */
  readonly loaded: readonly string[];
  /** The Chromium that printed it ("Chrome/131…"), and who did: "in-process" or a worker's name. */
  readonly chromium: string;
  readonly worker: string;
}

/** The jumps of a laid-out page, for the pages that take them up. */
export const jumpsOf = (layout: LayoutReport): PageJump[] => layout.stories.flatMap((story, index) => (story.jump ? [{ story: index, token: story.jump.token }] : []));

/** What a runner tells while a job runs: the progress a TTY line or a `--json` event shows. */
export interface JobHooks {
  /** Sent to the queue (a queue runner's only). */
  queued?(): void;
  /** Taken up, by whom ("in-process" or a worker's name), in its `attempt`th try (1 the first). */
  started?(worker: string, attempt: number): void;
  /** Laid out: its jumps are known before it is printed. */
  laidOut?(jumps: readonly PageJump[]): void;
  /** An attempt failed and the queue will try again. */
  retrying?(attempt: number, reason: string): void;
  /** Printed and finished; `again` when the queue had set the very same page before and it was not set twice. */
  done?(worker: string, again: boolean): void;
}

/** SHA-256 of bytes or text, in hex: the name of everything in a content store, and of a job. */
export const contentHash = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
