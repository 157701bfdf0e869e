// Browser side: measures text in the page's own fonts on a canvas (the same shaping Chromium prints with), after making
// sure the font files that cover the text are loaded (the fonts come in many unicode-range parts).
import type { MeasureText } from '../lines/items.ts';

export interface GlyphWidths {
  readonly measure: MeasureText;
  /** Loads whatever font files `text` needs in `font` before it is measured. */
  load(font: string, text: string): Promise<void>;
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
    async load(font, text) {
      if (text.trim() === '') return;
      await document.fonts.load(font, text);
    },
  };
}

/** The CSS font shorthand an element's text is set in, as the canvas understands it. */
export function fontOf(element: Element): string {
  const style = getComputedStyle(element);
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}
