// Parses the command line into a command and its options; nothing else happens here.
import { parseArgs } from 'node:util';
import { BroadsheetError } from '../errors/catalogue.ts';

export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'version' }
  | { name: 'build'; dir: string; outDir?: string; grid?: string; page?: number; allowJump?: boolean }
  | { name: 'preview'; dir: string; port: number; outDir?: string; grid?: string; page?: number; allowJump?: boolean }
  | { name: 'edition'; file: string; outDir?: string }
  | { name: 'archive'; file: string; archive?: string }
  | { name: 'verify'; entry?: string; archive?: string }
  | { name: 'search'; query: string; from?: string; to?: string; archive?: string };

export const usage = `Broadsheet: a manuscript folder in, a print-ready newspaper page out.

Usage:
  broadsheet build DIR [--out OUTDIR] [--grid NAME] [--page N] [--jump]
      Builds the manuscript in DIR (a folder holding article.md and its photos)
      into OUTDIR/<slug>.pdf, the proof OUTDIR/index.html and OUTDIR/layout.json.
      OUTDIR defaults to dist/<slug>, where slug is DIR's folder name.
      --grid  a page grid from styles/grids.yaml: zh-broadsheet, berliner, tabloid (default: the paper's grid for the article's language)
      --page  the page number the article starts on (default 1), for the folio
      --jump  text that does not fit continues on the next page, with jump lines;
              without it, overset text is an error
  broadsheet preview DIR [--port N] [--out OUTDIR] [--grid NAME] [--page N] [--jump]
      Serves a live proof of DIR on http://127.0.0.1:N/ (default port 4173; 0 picks a free one).
      It shows exactly what will print, rebuilds on every save of article.md, a photo, a template
      or a style, and has proof aids (G grid, F frames, P photos, O overset, C changes, D diagnostics),
      "Mark proofed", and "Print PDF" (writes OUTDIR/<slug>.pdf of what is shown).
  broadsheet edition FILE [--out OUTDIR]
      Builds every page of the edition FILE (YAML; see manuscript/edition.yaml) in one browser:
      OUTDIR/page-N.pdf, page-N.html (proof), page-N.layout.json, and edition.pdf with
      bookmarks for pages and articles. OUTDIR defaults to dist/<file name>.
  broadsheet archive FILE [--archive DIR]
      Builds the edition and archives it in DIR (default archive/): press PDFs, PDF/A-2b copies,
      self-contained proofs, manuscripts and photos, NewsArticle JSON-LD, manifest.json with
      SHA-256 of every file. An existing entry is never changed: archiving again adds a revision.
  broadsheet verify [ENTRY] [--archive DIR]
      Re-hashes one archive entry (or every entry) and names any file missing, added or changed.
  broadsheet search QUERY [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--archive DIR]
      Finds archived articles by words in headline, byline or text (Chinese included).
  broadsheet --help | --version

Example:
  broadsheet build manuscript/shanting      → dist/shanting/shanting.pdf`;

export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name === '--version' || name === '-v') return { name: 'version' };
  if (name === 'build' || name === 'preview') {
    const parsed = parseOrExplain(rest, {
      out: { type: 'string', short: 'o' },
      grid: { type: 'string' },
      page: { type: 'string' },
      jump: { type: 'boolean' },
      port: { type: 'string', short: 'p' },
      help: { type: 'boolean', short: 'h' },
    });
    if (parsed.values.help) return { name: 'help', topic: name };
    const [dir, ...extra] = parsed.positionals;
    if (dir === undefined) throw new BroadsheetError('UsageError', `\`broadsheet ${name}\` needs the manuscript folder, e.g. \`broadsheet ${name} manuscript/shanting\`.`);
    if (extra.length > 0) throw new BroadsheetError('UsageError', `\`broadsheet ${name}\` takes one folder; also got ${extra.join(' ')}.`);
    const { out, grid, page, jump, port } = parsed.values;
    if (port !== undefined && name === 'build') throw new BroadsheetError('UsageError', '--port is for `broadsheet preview`.');
    const portNumber = port === undefined ? 4173 : typeof port === 'string' && /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(Number.isInteger(portNumber) && portNumber >= 0 && portNumber <= 65535)) throw new BroadsheetError('UsageError', `--port takes a port number from 0 to 65535, not ${String(port)}.`);
    const pageNumber = typeof page === 'string' ? Number(page) : undefined;
    if (pageNumber !== undefined && !(Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 999)) {
      throw new BroadsheetError('UsageError', `--page takes a page number from 1 to 999, not ${String(page)}.`);
    }
    const common = {
      dir,
      ...(typeof out === 'string' ? { outDir: out } : {}),
      ...(typeof grid === 'string' ? { grid } : {}),
      ...(pageNumber !== undefined ? { page: pageNumber } : {}),
      ...(jump === true ? { allowJump: true } : {}),
    };
    return name === 'build' ? { name, ...common } : { name, port: portNumber, ...common };
  }
  if (name === 'edition' || name === 'archive' || name === 'verify' || name === 'search') return archiveCommand(name, rest);
  throw new BroadsheetError('UsageError', `There is no command \`${name}\`.`);
}

function archiveCommand(name: 'edition' | 'archive' | 'verify' | 'search', rest: string[]): Command {
  const parsed = parseOrExplain(rest, {
    out: { type: 'string', short: 'o' },
    archive: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (parsed.values.help) return { name: 'help', topic: name };
  const { out, archive, from, to } = parsed.values;
  const [first, ...extra] = parsed.positionals;
  const allowed: Record<typeof name, string[]> = { edition: ['out'], archive: ['archive'], verify: ['archive'], search: ['archive', 'from', 'to'] };
  for (const [option, value] of Object.entries({ out, archive, from, to })) {
    if (value !== undefined && !allowed[name].includes(option)) throw new BroadsheetError('UsageError', `--${option} is not an option of \`broadsheet ${name}\`.`);
  }
  for (const [option, value] of Object.entries({ from, to })) {
    if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new BroadsheetError('UsageError', `--${option} takes a day written YYYY-MM-DD, not ${value}.`);
  }
  if (extra.length > 0) throw new BroadsheetError('UsageError', `\`broadsheet ${name}\` takes one ${name === 'search' ? 'query (quote it)' : 'argument'}; also got ${extra.join(' ')}.`);
  const archiveOption = typeof archive === 'string' ? { archive } : {};
  if (name === 'verify') return { name, ...(first === undefined ? {} : { entry: first }), ...archiveOption };
  if (first === undefined) throw new BroadsheetError('UsageError', `\`broadsheet ${name}\` needs ${name === 'search' ? 'a query' : 'the edition file, e.g. manuscript/edition.yaml'}.`);
  if (name === 'search') return { name, query: first, ...archiveOption, ...(typeof from === 'string' ? { from } : {}), ...(typeof to === 'string' ? { to } : {}) };
  if (name === 'archive') return { name, file: first, ...archiveOption };
  return { name, file: first, ...(typeof out === 'string' ? { outDir: out } : {}) };
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parseOrExplain(args: string[], options: OptionSpec) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new BroadsheetError('UsageError', error instanceof Error ? error.message : String(error));
  }
}
