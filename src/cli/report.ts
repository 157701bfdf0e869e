// What a command says, in one of three voices: lines for a person (stderr for warnings and progress), nothing but
// errors with --quiet, or one JSON document on stdout with --json. Progress per page goes to a terminal only.
import type { GlobalOptions } from './arguments.ts';
import { eventLine, eventShown, type PageEvent } from './page-events.ts';

export interface Reporter {
  /** A result line for a person (stdout). */
  result(line: string): void;
  warn(line: string): void;
  /** A step and its timing, with --verbose. */
  step(line: string): void;
  /** Page N of M: on a terminal, one line rewritten in place; on a pipe, nothing. */
  progress(page: number, of: number, what: string): void;
  /** A page's progress: a line on a terminal (or with --verbose), a JSON line on stderr with --json. */
  event(event: PageEvent): void;
  /** The command's outcome for --json. */
  done(outcome: Readonly<Record<string, unknown>>): void;
  /** Everything said, as the JSON document (--json) prints it. */
  document(extra: Readonly<Record<string, unknown>>): string;
}

export function createReporter(global: GlobalOptions, streams: { out: NodeJS.WriteStream; err: NodeJS.WriteStream } = { out: process.stdout, err: process.stderr }): Reporter {
  const warnings: string[] = [];
  const events: PageEvent[] = [];
  const results: string[] = [];
  let outcome: Readonly<Record<string, unknown>> = {};
  const person = !global.json;
  let progressShown = false;
  const endProgress = () => {
    if (progressShown) streams.err.write('\n');
    progressShown = false;
  };
  return {
    result(line) {
      results.push(line);
      if (person && !global.quiet) {
        endProgress();
        streams.out.write(`${line}\n`);
      }
    },
    warn(line) {
      warnings.push(line);
      if (person && !global.quiet) {
        endProgress();
        streams.err.write(`${line}\n`);
      }
    },
    step(line) {
      if (person && global.verbose) {
        endProgress();
        streams.err.write(`${line}\n`);
      }
    },
    progress(page, of, what) {
      if (!person || global.quiet || !streams.err.isTTY) return;
      streams.err.write(`\r${what}: page ${page} of ${of}\u001b[K`);
      progressShown = true;
    },
    event(event) {
      events.push(event);
      if (global.json) streams.err.write(`${JSON.stringify(event)}\n`);
      else if (!global.quiet && (streams.err.isTTY || global.verbose) && eventShown(event, global.verbose)) {
        endProgress();
        streams.err.write(`${eventLine(event)}\n`);
      }
    },
    done(value) {
      endProgress();
      outcome = value;
    },
    document(extra) {
      return `${JSON.stringify({ ...outcome, ...extra, ...(events.length > 0 ? { events } : {}), warnings, lines: results }, null, 2)}\n`;
    },
  };
}
