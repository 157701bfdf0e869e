// The layout engine's contract: what it is asked to do, and the report of what it placed where (millimetres, page-relative).
import type { StoryFigure } from '../markdown/figure-spec.ts';
import type { BreakPoint, StoryMeasure } from './plan/types.ts';

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
  /** The language of the folio's words (the page's first story's, or the paper's). */
  readonly lang: string;
  readonly date?: string;
  readonly section?: string;
  /** The page the article starts on. */
  readonly page: number;
}

/** A block of whole columns on the page; top and height are fractions of the body area below the folio. */
export interface BlockSpec {
  /** 0-based first column and number of columns. */
  readonly column: number;
  readonly columns: number;
  readonly top: number;
  readonly height: number;
}

/**
 * What happens to text that does not fit: an error; continuation sheets printed after this one
 * (a single article's own build); or a jump to a named page of the edition, which sets the leftover.
 */
export type OversetPolicy = { readonly kind: 'error' } | { readonly kind: 'sheets' } | { readonly kind: 'jump'; readonly toPage: number };

/**
 * Where a story's text stopped on one page and goes on on another: the block and line of the story (its blocks are
 * composed the same way on every page of a grid), and the photos that go with the text.
 */
export interface BreakToken {
  readonly at: BreakPoint;
  readonly figures: readonly number[];
}

export interface StoryRequest {
  /** The story's own language: its jump lines and strings. */
  readonly lang: string;
  /** Its figures in body order: what the desk asked of each, and its pixels. */
  readonly figures: readonly StoryFigure[];
  /** Defaults to the whole page, or to what the stories before it on the page leave. */
  readonly block?: BlockSpec;
  readonly overset: OversetPolicy;
  /** This story started on another page: take it up at the token, under a jump head. */
  readonly continues?: { readonly fromPage: number; readonly token: BreakToken };
}

export interface LayoutRequest {
  readonly grid: GridSpec;
  readonly folio: FolioSpec;
  /** One entry per `article.story` in the page, in document order. */
  readonly stories: readonly StoryRequest[];
}

/** A rectangle of the page grid: 0-based first column and body line, and how many of each. */
export interface GridBox {
  readonly column: number;
  readonly columns: number;
  readonly line: number;
  readonly lines: number;
}

/** Space the story's module left empty in the space it was given: where, and how much. */
export interface NewsHole {
  readonly page: number;
  readonly rects: readonly GridBox[];
  /** The same rectangles on the page, in millimetres. */
  readonly boxes: readonly Box[];
  readonly columnLines: number;
  readonly squareMillimetres: number;
}

export interface StoryReport {
  readonly headline: string;
  readonly lang: string;
  readonly overset: Overset | null;
  /** Text that jumped to another page of the edition: where it takes up. */
  readonly jump: { readonly toPage: number; readonly token: BreakToken } | null;
  /** The story's module on each page it is set on, in grid units and millimetres. */
  readonly modules: readonly { readonly page: number; readonly grid: GridBox; readonly box: Box }[];
  readonly holes: readonly NewsHole[];
  /** The planner's score of the chosen module and its parts (lower is better), and how many layouts it weighed. */
  readonly score: number;
  readonly scoreParts: Readonly<Record<string, number>>;
  readonly candidates: number;
  readonly composition: CompositionReport;
  /** What the planner was given: the story measured (blocks in lines, photos, headline depths) and its space. */
  readonly measure: StoryMeasure;
  readonly space: GridBox;
}

/** How the body text was set: lines, and how wide its word spaces and CJK gaps had to open. */
export interface CompositionReport {
  readonly lines: number;
  readonly justifiedLines: number;
  /** Justified lines with a word space wider than 0.75 em. */
  readonly wideSpaceLines: number;
  /** The widest word space, in em. */
  readonly widestSpace: number;
  /** The largest extra space between two CJK characters on a justified line, in em. */
  readonly widestCjkGap: number;
  readonly hyphenatedLines: number;
  /** Most hyphenated lines in a row. */
  readonly hyphenLadder: number;
  /** Paragraphs set looser than the composer's strict tolerance allows. */
  readonly looseParagraphs: number;
}

export interface FigureReport {
  readonly src: string;
  readonly caption: string;
  /** Whole columns the photo spans, and where its caption went. */
  readonly span: number;
  readonly captionPlacement: 'beside' | 'below';
  readonly role: 'lead' | 'secondary' | 'small';
  /** Index of the story it belongs to. */
  readonly story: number;
  readonly photo: Box;
  readonly captionBox: Box | null;
  /** Pixels per inch at the printed size, the lower of the two directions. */
  readonly effectivePpi: number;
  /** Share of the photo's width (x) and height (y) its box cuts away. */
  readonly crop: { readonly x: number; readonly y: number };
}

export interface FrameReport {
  readonly column: number;
  /** The leg's number in its story's reading order, from 1, and the story's index. */
  readonly leg: number;
  readonly story: number;
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
  /** The page's news hole: what its stories left empty. */
  readonly newsHole?: { readonly columnLines: number; readonly squareMillimetres: number };
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
  /** The first story's overset that no jump took (an error). */
  readonly overset: Overset | null;
  readonly stories: readonly StoryReport[];
  readonly problems: readonly LayoutProblem[];
  /** Layouts the planner weighed, and the engine's time in the page: measuring (composition) and setting. */
  readonly timing: {
    readonly attempts: number;
    readonly milliseconds: number;
    readonly measuring: number;
    readonly setting: number;
    /** The whole build's stages up to writing, milliseconds (set by the build, not the engine). */
    readonly stages?: Readonly<Record<string, number>>;
  };
  /** The baseline pitch in mm and the y of the first baseline-grid line, for checking that every line sits on the grid. */
  readonly baseline: { readonly pitch: number; readonly origin: number };
}
