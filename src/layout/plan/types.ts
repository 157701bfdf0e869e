// What the planner works on and what it decides, in grid units (columns and baseline lines): pure data, shared by
// the page (which measures and sets) and by Node's tests.

/** A rectangle in grid units: columns [column, column + columns), lines [line, line + lines). */
export interface GridRect {
  readonly column: number;
  readonly columns: number;
  readonly line: number;
  readonly lines: number;
}

/** One block of the story's body as the flow sees it: lines that may be split between legs, or a solid piece. */
export type FlowBlock =
  | { readonly kind: 'text'; readonly id: number; readonly lines: number }
  | { readonly kind: 'solid'; readonly id: number; readonly lines: number; readonly keepWithNext: boolean; readonly what: 'heading' | 'table' | 'quote' | 'other' };

export type PhotoRole = 'lead' | 'secondary' | 'small';
export type CaptionPlace = 'beside' | 'below';

/** What the desk asked for a photo in the manuscript (`{span=3 caption=below place=top role=lead crop=4:3}`). */
export interface DeskSettings {
  readonly span?: number;
  readonly caption?: CaptionPlace;
  readonly place?: 'top' | 'bottom';
  readonly role?: PhotoRole;
  /** Width over height the desk wants the photo cut to. */
  readonly crop?: number;
}

export interface FigureMeasure {
  /** The body block this figure follows (-1: before all text). */
  readonly anchor: number;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  readonly desk: DeskSettings;
  /** Body lines the caption takes when set below the photo, `n` columns wide: index n − 1. */
  readonly captionLines: readonly number[];
  /** Body lines the caption takes when set in the column beside the photo. */
  readonly captionBesideLines: number;
}

export interface StoryMeasure {
  readonly blocks: readonly FlowBlock[];
  readonly figures: readonly FigureMeasure[];
  /** Body lines the headline module takes (with its rule and the line of space below) when set n columns wide: index n − 1. */
  readonly headlineLines: readonly number[];
}

/** The page grid in millimetres, for photo sizes and resolutions. */
export interface GridMetrics {
  readonly columnWidth: number;
  readonly gutter: number;
  readonly leading: number;
  /** Columns across the whole page: role limits are shares of the page. */
  readonly pageColumns: number;
}

/** Where a story may go: whole columns and whole lines of the body area. */
export type Space = GridRect;

/** A piece of a block set in a leg: lines [from, to) of a text block, or a whole solid block (0, lines). */
export interface FlowPiece {
  readonly block: number;
  readonly from: number;
  readonly to: number;
}

export interface LegPlan extends GridRect {
  readonly pieces: readonly FlowPiece[];
  /** Lines of the leg the text uses. */
  readonly used: number;
}

export interface FigurePlacement {
  readonly figure: number;
  readonly role: PhotoRole;
  readonly photo: GridRect;
  readonly caption: GridRect;
  readonly captionPlace: CaptionPlace | 'beside-left';
  /** Effective resolution at the planned size. */
  readonly ppi: number;
  /** Share of the photo's width (x) or height (y) cut away to fit its box. */
  readonly crop: { readonly x: number; readonly y: number };
}

/** Where the text stopped when it did not all fit: block and line. */
export interface BreakPoint {
  readonly block: number;
  readonly line: number;
}

export interface ScoreParts {
  readonly [part: string]: number;
}

export interface StoryPlan {
  /** The whole module: headline and body. */
  readonly module: GridRect;
  readonly headline: GridRect | null;
  readonly figures: readonly FigurePlacement[];
  readonly legs: readonly LegPlan[];
  readonly overset: BreakPoint | null;
  /** Figures not placed here: their text went on to another page. */
  readonly deferred: readonly number[];
  /** The part of the space the module leaves empty (the news hole): below it, and right of it when it is narrower. */
  readonly hole: readonly GridRect[];
  readonly score: number;
  readonly scoreParts: ScoreParts;
  /** How many layouts the search weighed. */
  readonly candidates: number;
}

/** What the planner is asked: the story, where it goes, and how to weigh what it leaves. */
export interface PlanOptions {
  readonly story: StoryMeasure;
  readonly space: Space;
  readonly metrics: GridMetrics;
  /** Where the text starts (a continuation takes it up where it stopped). */
  readonly start?: BreakPoint;
  /** Figures to place here, by index; all of them by default. */
  readonly figures?: readonly number[];
  /** What an empty column-line of the space costs: low for a story alone, higher on an edition page. */
  readonly holeWeight: number;
  /** Leftover text goes on elsewhere (a jump, a continuation sheet) instead of being an error. */
  readonly continues: boolean;
  /** Modules narrower than the space may be tried, at its full depth. */
  readonly narrower: boolean;
  /** Module depth fixed to the whole space (a continuation sheet that must take all it can). */
  readonly fullDepth?: boolean;
  /** A block set ahead of the text: the jump line of a continuation. */
  readonly leadIn?: FlowBlock;
  /** Keep the last leg's last line for a jump line (default: when the text continues). */
  readonly jumpLine?: boolean;
}
