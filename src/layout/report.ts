// The layout report: what the layout engine placed where, measured in the page, in millimetres.

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FigureReport {
  readonly src: string;
  readonly caption: string;
  readonly photo: Box;
  readonly captionBox: Box | null;
  /** Pixels per inch at the printed size, the lower of the two directions. */
  readonly effectivePpi: number;
}

export interface LayoutProblem {
  readonly rule: string;
  readonly message: string;
}

export interface PageReport {
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly figures: readonly FigureReport[];
}

export interface LayoutReport {
  readonly engine: string;
  readonly pages: readonly PageReport[];
  readonly problems: readonly LayoutProblem[];
}
