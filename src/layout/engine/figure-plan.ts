// Browser side: reads what each figure asks for (span, caption placement, focal point) and chooses sensible defaults.

export interface FigurePlan {
  readonly figure: HTMLElement;
  /** Index of the body block this figure follows (-1: before all text). */
  readonly anchor: number;
  readonly lead: boolean;
  readonly span: number;
  readonly caption: 'beside' | 'below';
  readonly place: 'auto' | 'top' | 'bottom';
  /** Photo width over height, from its pixels. */
  readonly aspect: number;
}

export function planFigure(figure: HTMLElement, anchor: number, lead: boolean, columns: number): FigurePlan {
  const image = figure.querySelector('img');
  const width = Number(image?.dataset['pixelWidth'] ?? image?.naturalWidth ?? 3);
  const height = Number(image?.dataset['pixelHeight'] ?? image?.naturalHeight ?? 2);
  const aspect = width > 0 && height > 0 ? width / height : 1.5;
  const portrait = aspect < 1;
  const asked = Number(figure.dataset['span']);
  const automatic = lead
    ? portrait ? Math.max(2, Math.round(columns * 0.375)) : Math.max(2, Math.round(columns * 0.6))
    : portrait ? Math.max(1, Math.round(columns / 4)) : Math.max(2, Math.round(columns * 0.375));
  const span = Math.min(columns, Number.isInteger(asked) && asked > 0 ? asked : automatic);
  const askedCaption = figure.dataset['caption'];
  // A caption beside the photo needs a column of its own.
  const caption = askedCaption === 'below' || span + 1 > columns ? 'below' : 'beside';
  const askedPlace = figure.dataset['place'];
  const place = askedPlace === 'top' || askedPlace === 'bottom' ? askedPlace : 'auto';
  return { figure, anchor, lead, span, caption, place, aspect };
}
