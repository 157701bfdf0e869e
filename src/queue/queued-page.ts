// A page job as it travels through the queue: the job, its inputs by content hash, and the Broadsheet that sent it.
// Its name on the queue is the hash of all of it, so the same page sent twice is one job and is set once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolRoot, toolVersion } from '../project/resolve.ts';
import type { StoredInputs } from './page-inputs.ts';
import { contentHash, type PageJob } from './page-job.ts';

export const queuedPageFormat = 'broadsheet-page-job/1';

export interface QueuedPage {
  readonly format: typeof queuedPageFormat;
  /** The sender's Broadsheet (buildIdentity): a worker of another refuses the job, so every page is set alike. */
  readonly broadsheet: string;
  readonly job: PageJob;
  readonly inputs: StoredInputs;
}

export const queuedPageId = (page: QueuedPage): string => contentHash(JSON.stringify(page));

/** Progress a worker reports on a job (BullMQ's job progress), which the coordinator's progress lines come from. */
export type WorkerProgress =
  | { readonly stage: 'started'; readonly worker: string; readonly attempt: number }
  | { readonly stage: 'laid out'; readonly worker: string; readonly jumps: ReadonlyArray<{ readonly story: number; readonly token: unknown }> };

/**
 * This Broadsheet: its version and the hash of the sources and package lock it was built from (setup writes it), so
 * two installs of the same version with other code or other dependencies never pass for each other.
 */
export function buildIdentity(): string {
  let sources = 'unbuilt';
  try {
    sources = readFileSync(join(toolRoot, 'lib', '.source-sha256'), 'utf8').trim().slice(0, 12);
  } catch {
    // Run from the sources without setup: the version alone.
  }
  return `${toolVersion()}+${sources}`;
}
