// What the desk asked of a photo in the manuscript (`{span=3 caption=below place=top role=lead crop=4:3 focus=30%,40%}`),
// read once into typed settings: the layout request carries them to the page, never as strings to parse again.

export interface FigureSpec {
  readonly span?: number;
  readonly caption?: 'beside' | 'below';
  readonly place?: 'top' | 'bottom';
  readonly role?: 'lead' | 'secondary' | 'small';
  /** Width over height the desk wants the photo cut to. */
  readonly crop?: number;
  /** The focal point as CSS object-position, e.g. `30% 40%`. */
  readonly focus?: string;
}

/** A figure of the story as the layout gets it: the desk's settings and the photo's own pixels. */
export interface StoryFigure extends FigureSpec {
  readonly pixelWidth: number;
  readonly pixelHeight: number;
}

declare module 'mdast' {
  interface ParagraphData {
    /** Set on a paragraph the figures plugin turned into a figure. */
    figureSpec?: FigureSpec;
  }
}
