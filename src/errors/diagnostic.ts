// A problem found in a build, with the place it comes from: what the CLI prints and the proof's panel lists.

export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** A stable name of the rule, e.g. `front-matter:headline-required` or `layout:overset`. */
  readonly rule: string;
  /** In the manuscript: file (relative to the manuscript folder), line and column. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** On the page: page number and column (1-based), for layout problems. */
  readonly page?: number;
  readonly pageColumn?: number;
  /** A photo's source, for photo problems. */
  readonly photo?: string;
}
