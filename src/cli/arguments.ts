// Parses the command line into a command and its options; nothing else happens here.
import { parseArgs } from 'node:util';
import { BroadsheetError } from '../errors/catalogue.ts';

export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'version' }
  | { name: 'build'; dir: string; outDir?: string; grid?: string; page?: number; allowJump?: boolean }
  | { name: 'preview'; dir: string; port: number; outDir?: string; grid?: string; page?: number; allowJump?: boolean };

export const usage = `Broadsheet: a manuscript folder in, a print-ready newspaper page out.

Usage:
  broadsheet build DIR [--out OUTDIR] [--grid NAME] [--page N] [--jump]
      Builds the manuscript in DIR (a folder holding article.md and its photos)
      into OUTDIR/<slug>.pdf, the proof OUTDIR/index.html and OUTDIR/layout.json.
      OUTDIR defaults to dist/<slug>, where slug is DIR's folder name.
      --grid  a page grid from styles/grids.yaml: zh-broadsheet (default), berliner, tabloid
      --page  the page number the article starts on (default 1), for the folio
      --jump  text that does not fit continues on the next page, with jump lines;
              without it, overset text is an error
  broadsheet preview DIR [--port N] [--out OUTDIR] [--grid NAME] [--page N] [--jump]
      Serves a live proof of DIR on http://127.0.0.1:N/ (default port 4173; 0 picks a free one).
      It shows exactly what will print, rebuilds on every save of article.md, a photo, a template
      or a style, and has proof aids (G grid, F frames, P photos, O overset, C changes, D diagnostics),
      "Mark proofed", and "Print PDF" (writes OUTDIR/<slug>.pdf of what is shown).
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
    const portNumber = port === undefined ? 4173 : Number(port);
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
  throw new BroadsheetError('UsageError', `There is no command \`${name}\`.`);
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parseOrExplain(args: string[], options: OptionSpec) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new BroadsheetError('UsageError', error instanceof Error ? error.message : String(error));
  }
}
