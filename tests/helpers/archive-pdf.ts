// A PDF's structure as qpdf reports it (qpdf --json): the outline, the trailer, the catalog and any object or stream,
// for checking archival rules directly rather than trusting the program that wrote the file.
import { execFileSync } from 'node:child_process';

const run = (args: readonly string[]): Buffer => execFileSync('qpdf', args, { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

export type PdfDict = Readonly<Record<string, unknown>>;

export const isDict = (value: unknown): value is PdfDict => typeof value === 'object' && value !== null && !Array.isArray(value);

function field(value: unknown, key: string): unknown {
  return isDict(value) ? value[key] : undefined;
}

export interface OutlineItem {
  readonly title: string;
  /** 1-based page the item points at. */
  readonly page: number;
  readonly kids: readonly OutlineItem[];
}

/** The document outline (bookmarks), from `qpdf --json --json-key=outlines`. */
export function pdfOutline(pdf: string): OutlineItem[] {
  const json: unknown = JSON.parse(run(['--json=2', '--json-key=outlines', pdf]).toString('utf8'));
  const items = (value: unknown): OutlineItem[] =>
    (Array.isArray(value) ? value : []).map((item: unknown) => ({
      title: String(field(item, 'title') ?? ''),
      page: Number(field(item, 'destpageposfrom1')),
      kids: items(field(item, 'kids')),
    }));
  return items(field(json, 'outlines'));
}

export interface PdfObject {
  /** The object's value; for a stream, its dictionary. */
  readonly value: unknown;
  readonly isStream: boolean;
}

export interface PdfObjects {
  readonly trailer: PdfDict;
  readonly count: number;
  /** The object a reference (`"12 0 R"`) points at, or the value itself when it is not a reference. */
  resolve(value: unknown): PdfObject;
  /** Every object's value (stream dictionaries for streams). */
  values(): unknown[];
}

/** Every object of the PDF, from `qpdf --json=2 --json-key=qpdf` (strings as `u:text` or `b:hex`, names as `/Name`). */
export function pdfObjects(pdf: string): PdfObjects {
  const json: unknown = JSON.parse(run(['--json=2', '--json-key=qpdf', pdf]).toString('utf8'));
  const sections = field(json, 'qpdf');
  const table = Array.isArray(sections) ? sections[1] : undefined;
  if (!isDict(table)) throw new Error(`qpdf --json gave no objects for ${pdf}`);
  const objectOf = (entry: unknown): PdfObject => {
    const stream = field(entry, 'stream');
    return stream === undefined ? { value: field(entry, 'value'), isStream: false } : { value: field(stream, 'dict'), isStream: true };
  };
  const trailer = objectOf(table['trailer']).value;
  return {
    trailer: isDict(trailer) ? trailer : {},
    count: Object.keys(table).filter((key) => key.startsWith('obj:')).length,
    resolve(value) {
      if (typeof value === 'string' && /^\d+ \d+ R$/.test(value)) return objectOf(table[`obj:${value}`]);
      return { value, isStream: false };
    },
    values() {
      return Object.entries(table)
        .filter(([key]) => key.startsWith('obj:'))
        .map(([, entry]) => objectOf(entry).value);
    },
  };
}

/** A stream's data with its filters undone (`qpdf --show-object=N --filtered-stream-data`). */
export function streamData(pdf: string, ref: string): Buffer {
  const number = /^(\d+) \d+ R$/.exec(ref)?.[1];
  if (!number) throw new Error(`${ref} is not an object reference`);
  return run([`--show-object=${number}`, '--filtered-stream-data', pdf]);
}

/** A PDF text string from qpdf's JSON (`u:…`), as text. */
export function pdfText(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('u:') ? value.slice(2) : undefined;
}

/** A PDF date (`D:20210108120000Z`, `D:20210108120000+08'00'`) as a Date. */
export function pdfDate(value: string): Date | undefined {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?$/.exec(value);
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', , sign, offsetHours = '00', offsetMinutes = '00'] = match;
  const offset = sign ? `${sign}${offsetHours}:${offsetMinutes}` : 'Z';
  return new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
}

/** Every dictionary key and name value anywhere in `value`, e.g. `/AA`, `/JavaScript`. */
export function namesIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string' && value.startsWith('/')) into.add(value);
  else if (Array.isArray(value)) for (const item of value) namesIn(item, into);
  else if (isDict(value)) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      namesIn(item, into);
    }
  }
  return into;
}
