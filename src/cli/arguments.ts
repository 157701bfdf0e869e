// Parses the command line into a command and its options, on commander (help for every command, "did you mean" for
// commands and options); nothing else happens here: no file is read, nothing runs.
import { Command as Program, CommanderError, Option } from 'commander';
import { BroadsheetError } from '../errors/catalogue.ts';

export interface GlobalOptions {
  /** --config FILE: the house config; otherwise the nearest broadsheet.config.yaml. */
  readonly config?: string;
  /** Results and diagnostics as one JSON document on stdout. */
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** --pdfx 1a|4 and --marks: the press PDF's standard and printer's marks, over the house config. */
  readonly pdfx?: '4' | '1a';
  readonly marks?: boolean;
}

export type Command =
  | { name: 'help'; text: string }
  | { name: 'version' }
  | { name: 'build'; dir: string; outDir?: string; force?: boolean; grid?: string; page?: number; allowJump?: boolean }
  | { name: 'preview'; dir: string; port: number; outDir?: string; force?: boolean; grid?: string; page?: number; allowJump?: boolean }
  | { name: 'edition'; file: string; outDir?: string; force?: boolean; queue?: QueueChoice }
  | { name: 'archive'; file: string; archive?: string; queue?: QueueChoice }
  | { name: 'rerender'; from?: string; to?: string; archive?: string; queue?: QueueChoice }
  | { name: 'worker'; queue: string; workerName?: string; concurrency?: number; restartAfter?: number; jobTimeout?: number; stall?: number }
  | { name: 'workers'; queue: string }
  | { name: 'verify'; entry?: string; archive?: string }
  | { name: 'search'; query: string; from?: string; to?: string; archive?: string }
  | { name: 'preflight'; file: string; grid?: string }
  | { name: 'serve'; port: number }
  | { name: 'init'; dir: string };

/** --queue URL, or --no-queue (false: this machine sets the pages whatever the house config says). */
export type QueueChoice = string | false;

export interface Parsed {
  readonly command: Command;
  readonly global: GlobalOptions;
}

export const exitCodes = '0 done · 1 failed · 2 the command was not understood · 130 interrupted (Ctrl-C)';

function program(found: (command: Command) => void): Program {
  const root = new Program('broadsheet')
    .description('A manuscript folder in, a print-ready newspaper page out.')
    .option('--config <file>', 'the house config (default: the nearest broadsheet.config.yaml, from this folder up)')
    .option('--json', 'print the result and every diagnostic as one JSON document on stdout')
    .option('-q, --quiet', 'print errors only')
    .option('--verbose', 'print each step and its timing')
    .addOption(new Option('--pdfx <version>', 'the press PDF as PDF/X-4 or PDF/X-1a:2001 (default: the house config, else 4)').choices(['4', '1a']))
    .option('--marks', 'crop marks, registration marks and a colour bar outside the bleed')
    .option('-v, --version', 'print the version')
    .addHelpText('after', `\nExit codes: ${exitCodes}\nExample:\n  broadsheet build manuscript/shanting      → dist/shanting/shanting.pdf`)
    .showSuggestionAfterError(true)
    .exitOverride()
    .allowExcessArguments(false);

  const page = (name: string) => new Option('--page <n>', 'the page number the article starts on, for the folio (default 1)').argParser((value) => pageNumber(value, name));
  root
    .command('build')
    .description('Builds the manuscript in DIR (a folder with article.md and its photos) into OUTDIR/<slug>.pdf, the proof OUTDIR/index.html and OUTDIR/layout.json.')
    .argument('<dir>', 'the manuscript folder')
    .option('-o, --out <outdir>', 'the output folder (default: the house output folder, dist/<slug>)')
    .option('--force', 'rebuild an output folder Broadsheet made even if files were added to it (they are kept); never replaces a folder it did not make')
    .option('--grid <name>', "a page grid: zh-broadsheet, berliner, tabloid or the house's own (default: the grid for the article's language)")
    .addOption(page('build'))
    .option('--jump', 'text that does not fit continues on the next page, with jump lines; without it, overset text is an error')
    .action((dir: string, options: { out?: string; force?: boolean; grid?: string; page?: number; jump?: boolean }) => found({ name: 'build', dir, ...articleOptions(options) }));
  root
    .command('preview')
    .description('Serves a live proof of DIR on http://127.0.0.1:PORT/ that shows exactly what will print, rebuilds on every save, and has proof aids (G grid, F legs, P photos, O overset and news hole, C changes, D diagnostics), "Mark proofed" and "Print PDF".')
    .argument('<dir>', 'the manuscript folder')
    .option('-p, --port <port>', 'the port on 127.0.0.1 (0 picks a free one)', '4173')
    .option('-o, --out <outdir>', 'where Print PDF writes (default dist/<slug>)')
    .option('--force', 'rebuild an output folder Broadsheet made even if files were added to it (they are kept); never replaces a folder it did not make')
    .option('--grid <name>', 'a page grid, as for build')
    .addOption(page('preview'))
    .option('--jump', 'overset continues on further pages')
    .action((dir: string, options: { port: string; out?: string; force?: boolean; grid?: string; page?: number; jump?: boolean }) => found({ name: 'preview', dir, port: portNumber(options.port), ...articleOptions(options) }));
  root
    .command('edition')
    .description('Builds every page of the edition FILE (YAML; see manuscript/edition.yaml): page-N.pdf, page-N.html, page-N.layout.json and edition.pdf with bookmarks.')
    .argument('<file>', 'the edition file')
    .option('-o, --out <outdir>', 'the output folder (default dist/<file name>)')
    .option('--force', 'rebuild an output folder Broadsheet made even if files were added to it (they are kept); never replaces a folder it did not make')
    .option('--queue <url>', queueHelp)
    .option('--no-queue', 'set the pages on this machine, even when the house config names a queue')
    .action((file: string, options: { out?: string; force?: boolean; queue?: string }) => found({ name: 'edition', file, ...(options.out ? { outDir: options.out } : {}), ...(options.force ? { force: true } : {}), ...(options.queue !== undefined ? { queue: options.queue } : {}) }));
  root
    .command('archive')
    .description('Builds the edition and archives it: press PDFs, PDF/A-2b copies, self-contained proofs, manuscripts and photos, JSON-LD, manifest.json. An entry is never changed: archiving again adds a revision.')
    .argument('<file>', 'the edition file')
    .option('--archive <dir>', 'the archive folder (default: the house archive folder, archive/)')
    .option('--queue <url>', queueHelp)
    .option('--no-queue', 'set the pages on this machine, even when the house config names a queue')
    .action((file: string, options: { archive?: string; queue?: string }) => found({ name: 'archive', file, ...(options.archive ? { archive: options.archive } : {}), ...(options.queue !== undefined ? { queue: options.queue } : {}) }));
  root
    .command('rerender')
    .description('Builds every archived edition (or those printed --from/--to) again from its archived manuscripts and photos, with the fonts, profile and rules of now: each becomes a new revision beside the old, which is never touched, and the catalogue records the new one as current.')
    .option('--from <day>', 'editions dated on or after YYYY-MM-DD')
    .option('--to <day>', 'editions dated on or before YYYY-MM-DD')
    .option('--archive <dir>', 'the archive folder')
    .option('--queue <url>', queueHelp)
    .option('--no-queue', 'set the pages on this machine, even when the house config names a queue')
    .action((options: { from?: string; to?: string; archive?: string; queue?: QueueChoice }) =>
      found({
        name: 'rerender',
        ...(options.from ? { from: day(options.from, '--from') } : {}),
        ...(options.to ? { to: day(options.to, '--to') } : {}),
        ...(options.archive ? { archive: options.archive } : {}),
        ...(options.queue !== undefined ? { queue: options.queue } : {}),
      }),
    );
  root
    .command('worker')
    .description('Sets pages sent to the job queue (by `edition`, `archive` or `rerender` with --queue) in a warm Chromium of its own, until Ctrl-C; start one on every machine of the render farm.')
    .requiredOption('--queue <url>', 'the job queue, redis://HOST:PORT')
    .option('--name <name>', 'the name it reports in progress and health (default: HOST-PID)')
    .option('--concurrency <pages>', 'pages set at once (default: one a core)')
    .option('--restart-after <pages>', 'Chromium is started afresh after this many pages', '50')
    .option('--job-timeout <seconds>', 'a page taking longer is given up, Chromium restarted and the page tried again', '180')
    .option('--stall <seconds>', 'how soon a page whose worker died is taken up by another', '30')
    .action((options: { queue: string; name?: string; concurrency?: string; restartAfter: string; jobTimeout: string; stall: string }) =>
      found({
        name: 'worker',
        queue: options.queue,
        ...(options.name ? { workerName: options.name } : {}),
        ...(options.concurrency ? { concurrency: count(options.concurrency, '--concurrency') } : {}),
        restartAfter: count(options.restartAfter, '--restart-after'),
        jobTimeout: count(options.jobTimeout, '--job-timeout'),
        stall: count(options.stall, '--stall'),
      }),
    );
  root
    .command('workers')
    .description('Lists the workers taking pages from the job queue and their health: pages set, failures, pages in hand, memory, Chromium starts.')
    .requiredOption('--queue <url>', 'the job queue, redis://HOST:PORT')
    .action((options: { queue: string }) => found({ name: 'workers', queue: options.queue }));
  root
    .command('verify')
    .description('Re-hashes one archive entry (or every entry) and names any file missing, added or changed.')
    .argument('[entry]', 'an entry name, e.g. 2021-01-08_edition_r1')
    .option('--archive <dir>', 'the archive folder')
    .action((entry: string | undefined, options: { archive?: string }) => found({ name: 'verify', ...(entry ? { entry } : {}), ...(options.archive ? { archive: options.archive } : {}) }));
  root
    .command('search')
    .description('Finds archived articles by words in headline, byline or text (any Chinese phrase too).')
    .argument('<query>', 'the words (quote them)')
    .option('--from <day>', 'published on or after YYYY-MM-DD')
    .option('--to <day>', 'published on or before YYYY-MM-DD')
    .option('--archive <dir>', 'the archive folder')
    .action((query: string, options: { from?: string; to?: string; archive?: string }) =>
      found({
        name: 'search',
        query,
        ...(options.from ? { from: day(options.from, '--from') } : {}),
        ...(options.to ? { to: day(options.to, '--to') } : {}),
        ...(options.archive ? { archive: options.archive } : {}),
      }),
    );
  root
    .command('preflight')
    .description("Checks FILE (a press PDF, Broadsheet's or anyone's) against the plant's rules in the house config: PDF/X version, output intent, colour spaces, fonts, transparency (X-1a), boxes and bleed, photo resolution, total ink on the rendered plates. Exit 1 if it fails.")
    .argument('<file>', 'the PDF')
    .option('--grid <name>', 'the grid whose trim the page must have (default: any of the house grids)')
    .action((file: string, options: { grid?: string }) => found({ name: 'preflight', file, ...(options.grid ? { grid: options.grid } : {}) }));
  root
    .command('serve')
    .description('Keeps a press warm on http://127.0.0.1:PORT/ for scripts: POST /build {"dir": "manuscript/shanting"} builds an article (as `build` does, in a fraction of its time once warm) and answers in JSON; GET /status. Ctrl-C stops.')
    .option('-p, --port <port>', 'the port on 127.0.0.1 (0 picks a free one)', '4420')
    .action((options: { port: string }) => found({ name: 'serve', port: portNumber(options.port) }));
  root
    .command('init')
    .description("Writes a starter house folder in DIR: broadsheet.config.yaml with the paper's name, a grid and a font, a stylesheet, a template, and one manuscript to build.")
    .argument('[dir]', 'the folder (default: this one)', '.')
    .action((dir: string) => found({ name: 'init', dir }));
  for (const command of root.commands) command.showSuggestionAfterError(true).exitOverride().allowExcessArguments(false);
  return root;
}

export function parseCommand(argv: readonly string[]): Parsed {
  let command: Command | undefined;
  let written = '';
  const root = program((found) => (command = found));
  const capture = { writeOut: (text: string) => (written += text), writeErr: (text: string) => (written += text), outputError: () => undefined };
  root.configureOutput(capture);
  for (const sub of root.commands) sub.configureOutput(capture);
  if (argv.length === 0) return { command: { name: 'help', text: root.helpInformation() }, global: { json: false, quiet: false, verbose: false } };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: { name: 'version' }, global: { json: argv.includes('--json'), quiet: false, verbose: false } };
  try {
    root.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return { command: { name: 'help', text: written.trimEnd() }, global: globalOf(root) };
      if (error.code === 'commander.version') return { command: { name: 'version' }, global: globalOf(root) };
      throw new BroadsheetError('UsageError', error.message.replace(/^error: /, '').replace(/\n/g, ' '));
    }
    throw error;
  }
  const global = globalOf(root);
  if (root.opts()['version'] === true && !command) return { command: { name: 'version' }, global };
  if (!command) return { command: { name: 'help', text: root.helpInformation() }, global };
  return { command, global };
}

function globalOf(root: Program): GlobalOptions {
  const options = root.opts();
  const config = options['config'];
  return {
    ...(typeof config === 'string' ? { config } : {}),
    json: options['json'] === true,
    quiet: options['quiet'] === true,
    verbose: options['verbose'] === true,
    ...(options['pdfx'] === '4' || options['pdfx'] === '1a' ? { pdfx: options['pdfx'] } : {}),
    ...(options['marks'] === true ? { marks: true } : {}),
  };
}

function articleOptions(options: { out?: string; force?: boolean; grid?: string; page?: number; jump?: boolean }) {
  return {
    ...(options.out ? { outDir: options.out } : {}),
    ...(options.force ? { force: true } : {}),
    ...(options.grid ? { grid: options.grid } : {}),
    ...(options.page !== undefined ? { page: options.page } : {}),
    ...(options.jump ? { allowJump: true } : {}),
  };
}

const queueHelp = 'send the pages to the job queue at redis://HOST:PORT, where `broadsheet worker`s set them (default: the house config\'s queue; without one, this machine sets them, one a core)';

function count(value: string, option: string): number {
  const number = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1)) throw new BroadsheetError('UsageError', `${option} takes a whole number from 1, not ${value}.`);
  return number;
}

function portNumber(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new BroadsheetError('UsageError', `--port takes a port number from 0 to 65535, not ${value}.`);
  return port;
}

function pageNumber(value: string, _command: string): number {
  const page = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(page >= 1 && page <= 999)) throw new BroadsheetError('UsageError', `--page takes a page number from 1 to 999, not ${value}.`);
  return page;
}

function day(value: string, option: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new BroadsheetError('UsageError', `${option} takes a day written YYYY-MM-DD, not ${value}.`);
  return value;
}
