// Limits checked on the raw text before parsing: sizes and nestings that would hang or crash the parser.

export const limits = {
  /** A long feature is 20 KB; one megabyte is a wrong file, not an article. */
  maxBytes: 1024 * 1024,
  /** Block quotes and lists nested deeper than this are never an article (and overflow remark-parse's stack). */
  maxNesting: 32,
  /** Emphasis markers in one paragraph; parsing them is quadratic. */
  maxEmphasisMarkers: 2000,
} as const;

export interface GuardProblem {
  readonly line: number;
  readonly reason: string;
}

export function checkSourceLimits(source: string): GuardProblem | undefined {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > limits.maxBytes) {
    return { line: 1, reason: `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; an article may be at most ${limits.maxBytes / 1024 / 1024} MB` };
  }
  const lines = source.split('\n');
  let markers = 0;
  for (const [index, text] of lines.entries()) {
    const nesting = /^[\s>*+\-\d.)]*/.exec(text)?.[0].replace(/[\s\d.)]/g, '').length ?? 0;
    if (nesting > limits.maxNesting) {
      return { line: index + 1, reason: `quotes or lists are nested ${nesting} deep here; at most ${limits.maxNesting} levels can be printed` };
    }
    markers = text.trim() === '' ? 0 : markers + (text.match(/[*_]/g)?.length ?? 0);
    if (markers > limits.maxEmphasisMarkers) {
      return { line: index + 1, reason: `this paragraph has more than ${limits.maxEmphasisMarkers} emphasis marks (* or _); escape them or split the paragraph` };
    }
  }
  return undefined;
}
