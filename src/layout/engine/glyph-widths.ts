// Browser side: measures text in the page's own fonts on a canvas (the same shaping Chromium prints with). The faces
// are those the page loaded for its own text (the fonts come in many unicode-range parts), so measure only that text.
import type { MeasureText } from '../lines/items.ts';

export interface GlyphWidths {
  readonly measure: MeasureText;
}

export function createGlyphWidths(): GlyphWidths {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the page has no 2D canvas to measure text with');
  context.fontKerning = 'normal';
  context.textRendering = 'geometricPrecision';
  let current = '';
  return {
    measure(text, font) {
      if (font !== current) {
        context.font = font;
        current = font;
      }
      return context.measureText(text).width;
    },
  };
}

/** The CSS font shorthand an element's text is set in, as the canvas understands it. */
export function fontOf(element: Element): string {
  const style = getComputedStyle(element);
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}
