// Who sets an edition's pages: this process (a pool of warm pages, one a core) or workers behind a job queue. Both
// take the same jobs and give back the same outcomes; an edition does not know which it has.
import type { PageRoots } from '../render/page-files.ts';
import type { JobHooks, PageJob, PageOutcome } from './page-job.ts';

/** A job's inputs on this machine: the folders its URL paths come from, and the press profile's path. */
export interface LocalInputs {
  readonly roots: PageRoots;
  readonly profile: string;
}

export interface PageRunner {
  /** How many pages it sets at once (the edition starts no more). */
  readonly atOnce: number;
  /** Sets and prints one page; `files` maps the URL paths it loaded to this machine's files. */
  run(job: PageJob, inputs: LocalInputs, hooks: JobHooks, signal: AbortSignal): Promise<PageOutcome & { files: ReadonlyMap<string, string> }>;
  close(): Promise<void>;
}
