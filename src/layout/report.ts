// The layout engine's contract: what it is asked to do, and the report of what it placed where (millimetres, page-relative).

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The page grid as the engine needs it (see layout/grid.ts for where it comes from). */
export interface GridSpec {
  readonly trim: { readonly width: number; readonly height: number };
  readonly margins: { readonly top: number; readonly bottom: number; readonly inside: number; readonly outside: number };
  readonly columns: number;
  readonly gutter: number;
  /** Body type size and leading, in points. */
  readonly body: { readonly size: number; readonly leading: number };
}

export interface FolioSpec {
  readonly paper: string;
  readonly date?: string;
  readonly section?: string;
  /** The page the article starts on. */
  readonly page: number;
}

export interface LayoutRequest {
  readonly grid: GridSpec;
  readonly folio: FolioSpec;
  /** Whether overset text may continue on a continuation page (with jump lines), or is an error. */
  readonly allowJump: boolean;
  /** The page the continuation goes to; defaults to the next page. */
  readonly jumpPage?: number;
}

export interface FigureReport {
  readonly src: string;
  readonly caption: string;
  /** Whole columns the photo spans, and where its caption went. */
  readonly span: number;
  readonly captionPlacement: 'beside' | 'below';
  readonly photo: Box;
  readonly captionBox: Box | null;
  /** Pixels per inch at the printed size, the lower of the two directions. */
  readonly effectivePpi: number;
}

export interface FrameReport {
  readonly column: number;
  readonly box: Box;
  /** Body lines the frame can hold, and how many it holds. */
  readonly capacity: number;
  readonly lines: number;
  /** The text of each line the frame shows, top to bottom, and where its glyphs sit. */
  readonly text: readonly { readonly text: string; readonly y: number; readonly body: boolean }[];
}

export interface LayoutProblem {
  readonly rule: string;
  readonly message: string;
  readonly page?: number;
  /** 1-based column of the page the problem is in. */
  readonly column?: number;
  /** The photo's source, for photo problems. */
  readonly photo?: string;
  readonly severity: 'error' | 'warning';
}

export interface PageReport {
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly frames: readonly FrameReport[];
  readonly figures: readonly FigureReport[];
  /** Lines of body text per column, left to right. */
  readonly linesPerColumn: readonly number[];
  /** Empty body lines left at the end of the article's frames. */
  readonly underset: number;
}

export interface Overset {
  readonly lines: number;
  readonly characters: number;
  /** The start of the first paragraph that did not fit. */
  readonly from: string;
}

export interface LayoutReport {
  readonly engine: string;
  readonly pages: readonly PageReport[];
  readonly overset: Overset | null;
  readonly problems: readonly LayoutProblem[];
  /** How many trial layouts copyfitting took, and the engine's time in the page. */
  readonly timing: { readonly attempts: number; readonly milliseconds: number };
  /** The baseline pitch in mm and the y of the first baseline-grid line, for checking that every line sits on the grid. */
  readonly baseline: { readonly pitch: number; readonly origin: number };
}
