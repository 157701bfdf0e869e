// One catalogue of program errors: a stable code, a title, and what to do about it.

import type { Diagnostic } from './diagnostic.ts';

export interface ErrorEntry {
  readonly code: string;
  readonly title: string;
  readonly hint: string;
}

export const errors = {
  ChromiumMissing: {
    code: 'BS001',
    title: 'Chromium was not found',
    hint: 'Install Debian\'s Chromium with `apt-get install chromium` (as root), or run `npm run setup`; set BROADSHEET_CHROMIUM to use another binary.',
  },
  ChromiumLaunchFailed: {
    code: 'BS002',
    title: 'Chromium could not be started',
    hint: 'Check that `chromium --headless --version` works on this machine.',
  },
  ManuscriptNotFound: {
    code: 'BS010',
    title: 'No manuscript here',
    hint: 'A manuscript is a folder holding `article.md` and its photos; pass that folder.',
  },
  ManuscriptInvalid: {
    code: 'BS011',
    title: 'The manuscript has errors',
    hint: 'Fix the places listed above, then build again.',
  },
  ManuscriptTooLarge: {
    code: 'BS012',
    title: 'The manuscript is too large',
    hint: 'A single article is limited in size; split it or check that the right file was given.',
  },
  PhotoInvalid: {
    code: 'BS020',
    title: 'A photo cannot be used',
    hint: 'Replace the photo with a complete JPEG or PNG file.',
  },
  RequestBlocked: {
    code: 'BS030',
    title: 'The page asked for something outside the manuscript',
    hint: 'Manuscripts may only use files inside their own folder; remove the reference or copy the file into the manuscript folder.',
  },
  LayoutTimeout: {
    code: 'BS040',
    title: 'The page did not finish laying out in time',
    hint: 'Try again; if it keeps happening, report the manuscript that causes it.',
  },
  LayoutFailed: {
    code: 'BS041',
    title: 'The page could not be laid out',
    hint: 'See the message above for which rule could not be kept.',
  },
  OutputFailed: {
    code: 'BS050',
    title: 'The output could not be written',
    hint: 'Check that the output folder is writable and the disk has room.',
  },
  Interrupted: {
    code: 'BS060',
    title: 'Stopped before the end',
    hint: 'Run the command again when ready; any earlier output is as it was.',
  },
  UsageError: {
    code: 'BS090',
    title: 'The command was not understood',
    hint: 'Run `broadsheet --help` for the commands and their options.',
  },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorName = keyof typeof errors;

/** A failure the user can act on; the CLI prints it without a stack trace. */
export class BroadsheetError extends Error {
  readonly entry: ErrorEntry;
  readonly details: readonly string[];
  /** The same problems with their places, for the proof's diagnostics panel. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(name: ErrorName, message: string, options: { details?: readonly string[]; diagnostics?: readonly Diagnostic[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BroadsheetError';
    this.entry = errors[name];
    this.details = options.details ?? [];
    this.diagnostics = options.diagnostics ?? [];
  }

  /** The text the CLI prints: code and title, what happened, each place, what to do. */
  report(): string {
    const lines = [`error ${this.entry.code}: ${this.entry.title}`, `  ${this.message}`];
    for (const detail of this.details) lines.push(`  - ${detail}`);
    lines.push(`  What to do: ${this.entry.hint}`);
    return lines.join('\n');
  }
}
