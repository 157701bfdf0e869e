// Each page's progress as events (queued, started on a worker, laid out, retrying, done, failed): a line a page on a
// terminal, one JSON object a line on stderr with --json (stdout keeps its one document, which lists them too).
import type { JobHooks } from '../queue/page-job.ts';

export interface PageEvent {
  readonly event: 'queued' | 'started' | 'laid out' | 'retrying' | 'done' | 'failed';
  readonly page: number;
  readonly of: number;
  readonly at: string;
  readonly worker?: string;
  readonly attempt?: number;
  /** Done by the queue before (the same page, sent again): not set twice. */
  readonly again?: boolean;
  readonly reason?: string;
}

/** The hooks of page `page` of `of`, each telling `emit` an event. */
export const pageEventHooks =
  (emit: (event: PageEvent) => void) =>
  (page: number, of: number): JobHooks & { failed(reason: string): void } => {
    const at = () => new Date().toISOString();
    return {
      queued: () => emit({ event: 'queued', page, of, at: at() }),
      started: (worker, attempt) => emit({ event: 'started', page, of, at: at(), worker, attempt }),
      laidOut: () => emit({ event: 'laid out', page, of, at: at() }),
      retrying: (attempt, reason) => emit({ event: 'retrying', page, of, at: at(), attempt, reason }),
      done: (worker, again) => emit({ event: 'done', page, of, at: at(), worker, ...(again ? { again } : {}) }),
      failed: (reason) => emit({ event: 'failed', page, of, at: at(), reason }),
    };
  };

/** Events a terminal shows without --verbose: a page's start, end and trouble. */
export const eventShown = (event: PageEvent, verbose: boolean): boolean => verbose || (event.event !== 'queued' && event.event !== 'laid out');

/** An event as a person reads it. */
export function eventLine(event: PageEvent): string {
  const head = `page ${event.page} of ${event.of}`;
  switch (event.event) {
    case 'queued':
      return `${head}: queued`;
    case 'started':
      return `${head}: started on ${event.worker ?? 'a worker'}`;
    case 'laid out':
      return `${head}: laid out`;
    case 'retrying':
      return `${head}: attempt ${event.attempt ?? 2} (${event.reason ?? 'the last one failed'})`;
    case 'done':
      return event.again ? `${head}: done before (the same page), not set again` : `${head}: done on ${event.worker ?? 'a worker'}`;
    case 'failed':
      return `${head}: FAILED: ${(event.reason ?? '').split('\n')[0] ?? ''}`;
  }
}
