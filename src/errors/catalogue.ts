// One catalogue of program errors: a stable code, a title, what to do about it, and the exit code it ends with.
// One entry per kind of failure: an entry is never borrowed for a failure its "what to do" does not fit.
import type { Diagnostic } from './diagnostic.ts';

/** Exit codes, as documented: 0 done, 1 failed, 2 the command was not understood, 130 interrupted. */
export type ExitCode = 1 | 2 | 130;

export interface ErrorEntry {
  readonly code: string;
  readonly title: string;
  readonly hint: string;
  readonly exit: ExitCode;
}

export const errors = {
  ChromiumMissing: {
    code: 'BS001',
    title: 'Chromium was not found',
    hint: 'Install Debian\'s Chromium with `apt-get install chromium` (as root), or run `npm run setup`; set BROADSHEET_CHROMIUM to use another binary.',
    exit: 1,
  },
  ChromiumLaunchFailed: {
    code: 'BS002',
    title: 'Chromium could not be started',
    hint: 'Check that `chromium --headless --version` works on this machine.',
    exit: 1,
  },
  ManuscriptNotFound: {
    code: 'BS010',
    title: 'No manuscript here',
    hint: 'A manuscript is a folder holding `article.md` and its photos; pass that folder.',
    exit: 1,
  },
  ManuscriptInvalid: {
    code: 'BS011',
    title: 'The manuscript has errors',
    hint: 'Fix the places listed above, then build again.',
    exit: 1,
  },
  ManuscriptTooLarge: {
    code: 'BS012',
    title: 'The manuscript is too large',
    hint: 'A single article is limited in size; split it or check that the right file was given.',
    exit: 1,
  },
  PhotoInvalid: {
    code: 'BS020',
    title: 'A photo cannot be used',
    hint: 'Replace the photo with a complete JPEG or PNG file.',
    exit: 1,
  },
  RequestBlocked: {
    code: 'BS030',
    title: 'The page asked for something outside the manuscript',
    hint: 'Manuscripts may only use files inside their own folder; remove the reference or copy the file into the manuscript folder.',
    exit: 1,
  },
  LayoutTimeout: {
    code: 'BS040',
    title: 'The page did not finish laying out in time',
    hint: 'Try again; if it keeps happening, report the manuscript that causes it.',
    exit: 1,
  },
  LayoutFailed: {
    code: 'BS041',
    title: 'The page could not be laid out',
    hint: 'See the message above for which rule could not be kept.',
    exit: 1,
  },
  OutputFailed: {
    code: 'BS050',
    title: 'The output could not be written',
    hint: 'Check that the output folder is writable and the disk has room.',
    exit: 1,
  },
  OutputNotOurs: {
    code: 'BS051',
    title: 'The output folder holds files Broadsheet did not write',
    hint: 'Build into a new or empty folder (--out NEW), or move those files out; --force rebuilds a folder Broadsheet made and keeps the files added to it.',
    exit: 1,
  },
  OutputHoldsManuscript: {
    code: 'BS052',
    title: 'The output folder is, or holds, the manuscript',
    hint: 'Write the output somewhere else: leave --out out (the house output folder, dist/<slug>) or give a folder of its own.',
    exit: 2,
  },
  SystemFailed: {
    code: 'BS053',
    title: 'The machine refused to write',
    hint: 'Free disk space or fix the folder’s permissions, then run the command again: what was built or archived before is as it was.',
    exit: 1,
  },
  Interrupted: {
    code: 'BS060',
    title: 'Stopped before the end',
    hint: 'Run the command again when ready; any earlier output is as it was.',
    exit: 130,
  },
  UsageError: {
    code: 'BS090',
    title: 'The command was not understood',
    hint: 'Run `broadsheet --help` for the commands and their options, or `broadsheet COMMAND --help` for one.',
    exit: 2,
  },
  ConfigNotFound: {
    code: 'BS080',
    title: 'The house config cannot be read',
    hint: 'Check the path given to --config, or run `broadsheet init` to write a starter house folder.',
    exit: 1,
  },
  ConfigInvalid: {
    code: 'BS081',
    title: 'The house config has errors',
    hint: 'Fix the lines listed above in the config (or in styles/grids.yaml, styles/paper.yaml), then run again.',
    exit: 1,
  },
  GridUnknown: {
    code: 'BS082',
    title: 'There is no such page grid',
    hint: 'Use one of the grids listed above, or define it under `grids:` in broadsheet.config.yaml.',
    exit: 2,
  },
  FontRefused: {
    code: 'BS083',
    title: 'A house font cannot be used',
    hint: 'Use fonts with TrueType outlines (most @fontsource packages; .ttf files): Chromium prints CFF (PostScript-outline) fonts as Type 3 fonts, which presses refuse.',
    exit: 1,
  },
  HouseFileMissing: {
    code: 'BS084',
    title: 'A file the house config names is missing',
    hint: 'Put the file in the house folder, or correct its path in broadsheet.config.yaml (paths are relative to that file).',
    exit: 1,
  },
  GhostscriptMissing: {
    code: 'BS003',
    title: 'Ghostscript was not found',
    hint: 'Install Debian\'s Ghostscript with `apt-get install ghostscript` (as root), or run `npm run setup`.',
    exit: 1,
  },
  ProfileMissing: {
    code: 'BS004',
    title: 'The press colour profile is missing',
    hint: 'Run `npm run setup` (it builds the newsprint profile from CGATS TR 002 with Argyll, installing both as root), or name the plant’s profile under `press.profile`.',
    exit: 1,
  },
  PressFailed: {
    code: 'BS043',
    title: 'The press PDF could not be made',
    hint: 'Ghostscript could not convert this page for the press (the lines above say where it stopped); nothing was written. Try `--pdfx 4` if it was PDF/X-1a, and report the manuscript with those lines.',
    exit: 1,
  },
  PreflightFailed: {
    code: 'BS044',
    title: 'The press PDF fails the plant’s preflight',
    hint: 'Fix each item listed (the photo, the page, the colour), or change the plant’s rules under `press:` in the house config; nothing is written until it passes; `broadsheet preflight FILE.pdf` prints the full report for any PDF.',
    exit: 1,
  },
  PdfUnreadable: {
    code: 'BS045',
    title: 'The PDF to preflight cannot be read',
    hint: 'Give the path of a PDF file (the press PDF a build wrote, e.g. dist/<slug>/<slug>.pdf); a damaged file has to be exported again.',
    exit: 1,
  },
  PortInUse: {
    code: 'BS070',
    title: 'The proof server cannot listen on that port',
    hint: 'Another program uses the port: give another with --port N, or --port 0 for any free one.',
    exit: 1,
  },
  ArchiveEmpty: {
    code: 'BS071',
    title: 'There is nothing archived there',
    hint: 'Archive an edition first with `broadsheet archive EDITION.yaml`, or point --archive at the archive folder.',
    exit: 1,
  },
  ArchiveEntryUnknown: {
    code: 'BS072',
    title: 'There is no such archive entry',
    hint: 'Run `broadsheet verify` without an entry to check them all, or list the archive folder for the names.',
    exit: 1,
  },
  QueueUnreachable: {
    code: 'BS100',
    title: 'The job queue cannot be reached',
    hint: 'Start Redis (`redis-server --bind 127.0.0.1 --port 6379`, Debian\'s `redis-server` package) or pass the right `--queue redis://HOST:PORT`; without --queue the pages are set on this machine.',
    exit: 1,
  },
  QueuePageFailed: {
    code: 'BS101',
    title: 'A page failed on the job queue',
    hint: 'Read the worker\'s reason above: fix the manuscript if it names one, else look at the worker (`broadsheet workers --queue …`) and send the edition again; pages already done are not set again.',
    exit: 1,
  },
  WorkerMismatch: {
    code: 'BS102',
    title: 'The worker runs another Broadsheet',
    hint: 'Install the same Broadsheet version (and its Chromium and fonts) on every worker as on the machine sending the edition, so a page comes out the same wherever it is set.',
    exit: 1,
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
