// Limits checked on the raw text before parsing: sizes and nestings that would hang or crash the parser, and what no
// page can hold. These are the defaults; a house raises or lowers any of them under `limits:` in its config.

export const defaultLimits = {
  /** A long feature is 20 KB; one megabyte is a wrong file, not an article. */
  maxBytes: 1024 * 1024,
  /** Block quotes and lists nested deeper than this are never an article (and overflow remark-parse's stack). */
  maxNesting: 32,
  /** Emphasis markers in one paragraph; parsing them is quadratic. */
  maxEmphasisMarkers: 2000,
  /** Characters of one word (no space, not Chinese or Japanese): no column can break more than this into lines. */
  maxWordLength: 200,
  /** Characters of one paragraph: a long feature's longest is 2,000; a whole article in one is a wrong file. */
  maxParagraphLength: 20_000,
  /** Columns of one table: more cannot be read in a newspaper column, however small the type. */
  maxTableColumns: 12,
  /** Photos in one article: a picture story has 20; more is an album, not a page. */
  maxPhotos: 40,
  /** Pixels of all an article's photos together (megapixels): forty 12 MP photos; the page holds them in memory. */
  maxMegapixels: 500,
  /** Seconds the Markdown parser may take (in its own thread, stopped when they are up): a long feature takes 0.1. */
  parseSeconds: 10,
};

export type ManuscriptLimits = { readonly [Key in keyof typeof defaultLimits]: number };

/** How the house raises a limit, said after each limit's error. */
export const raiseLimit = (key: keyof ManuscriptLimits): string => ` (the limit is \`limits: { ${key}: … }\` in broadsheet.config.yaml)`;

export interface GuardProblem {
  readonly line: number;
  readonly reason: string;
}

export function checkSourceLimits(source: string, limits: ManuscriptLimits = defaultLimits): GuardProblem | undefined {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > limits.maxBytes) {
    return { line: 1, reason: `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; an article may be at most ${limits.maxBytes / 1024 / 1024} MB${raiseLimit('maxBytes')}` };
  }
  const lines = source.split('\n');
  let markers = 0;
  let paragraph = 0;
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    // Depth counts each quote or list marker at the start, and each two spaces of indentation before them.
    const lead = /^[\s>*+\-\d.)]*/.exec(text)?.[0] ?? '';
    const indent = (/^[ \t]*/.exec(text)?.[0] ?? '').replace(/\t/g, '    ').length;
    const nesting = lead.replace(/[\s\d.)]/g, '').length + Math.floor(indent / 2);
    if (nesting > limits.maxNesting) {
      return { line, reason: `quotes or lists are nested ${nesting} deep here; at most ${limits.maxNesting} levels can be printed: flatten the list${raiseLimit('maxNesting')}` };
    }
    markers = text.trim() === '' ? 0 : markers + (text.match(/[*_]/g)?.length ?? 0);
    if (markers > limits.maxEmphasisMarkers) {
      return { line, reason: `this paragraph has more than ${limits.maxEmphasisMarkers} emphasis marks (* or _); escape them or split the paragraph${raiseLimit('maxEmphasisMarkers')}` };
    }
    // A link definition's address is never printed.
    const word = /^\s*\[[^\]]+\]:\s/.test(text) ? '' : longestWord(text);
    if (word.length > limits.maxWordLength) {
      return { line, reason: `\`${word.slice(0, 24)}…\` is one word of ${word.length.toLocaleString('en')} characters; no column can break more than ${limits.maxWordLength} into lines: add spaces, or give a long link a short text ([the council's notice](https://…))${raiseLimit('maxWordLength')}` };
    }
    paragraph = text.trim() === '' ? 0 : paragraph + text.length;
    if (paragraph > limits.maxParagraphLength) {
      return { line, reason: `this paragraph runs past ${limits.maxParagraphLength.toLocaleString('en')} characters; split it into paragraphs (a blank line between them)${raiseLimit('maxParagraphLength')}` };
    }
    const columns = tableColumns(text);
    if (columns > limits.maxTableColumns) {
      return { line, reason: `this table has ${columns} columns; at most ${limits.maxTableColumns} can be set across a page: split it into tables of fewer columns, or send it as a graphic${raiseLimit('maxTableColumns')}` };
    }
  }
  return undefined;
}

/** The longest run of characters with no space and no place to break (Chinese and Japanese break anywhere). */
function longestWord(text: string): string {
  let longest = '';
  for (const word of text.split(/[\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]+/u)) {
    // A link's destination is not printed: `[text](https://…)` keeps only its text.
    const printed = word.replace(/\]\([^)]*\)/g, ']').replace(/^<[^>]*>$/, '');
    if (printed.length > longest.length) longest = printed;
  }
  return longest;
}

/** Columns of a table's delimiter row (`| --- | :-: |`), or 0 for any other line. */
function tableColumns(text: string): number {
  if (!/^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$/.test(text)) return 0;
  return text.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').length;
}
