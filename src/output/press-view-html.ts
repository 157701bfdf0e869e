// The press views in a written proof: each sheet gets its soft proof and ink overlay as images, hidden until the
// proofreader ticks "Newsprint soft proof" or "Ink over limit" in a small bar (CSS only: the proof runs no script).
// The live proof puts the same images in the same places (ui/press-views.ts).
import type { PressView } from '../preflight/press-views.ts';

/** What the overlays need of a view: its page and its heaviest ink. */
export type ViewFacts = Pick<PressView, 'page' | 'maxInk'>;

export interface PressViewFiles {
  readonly softProof: string;
  readonly ink: string;
}

/** Where a sheet's press views are written, inside the output folder: `proof/<name>.soft-proof.jpg` and `.ink.png`. */
export const pressViewFiles = (sheet: number, name = `page-${sheet}`): PressViewFiles => ({ softProof: `proof/${name}.soft-proof.jpg`, ink: `proof/${name}.ink.png` });

/**
 * Where an edition page's press views are written: named after the edition's page, not the sheet of the page's own
 * PDF (every page's first sheet is its sheet 1), so that no page's soft proof takes another's place.
 */
export const editionPageViewFiles = (page: number, sheet: number): PressViewFiles => pressViewFiles(sheet, sheet === 1 ? `page-${page}` : `page-${page}-sheet-${sheet}`);

/** The sheet's overlays: the soft proof at the trim, the ink overlay at the bleed box (`bleed` mm beyond the trim). */
export function pressViewImages(files: PressViewFiles, view: ViewFacts, bleed: number): string {
  const outside = `calc(-${bleed}mm)`;
  const size = `calc(100% + ${2 * bleed}mm)`;
  return (
    `<img class="press-view press-soft-proof" src="${files.softProof}" alt="Newsprint soft proof of page ${view.page}">` +
    `<img class="press-view press-ink" src="${files.ink}" alt="Ink over the limit on page ${view.page}: the most is ${view.maxInk} %" style="left:${outside};top:${outside};width:${size};height:${size}">`
  );
}

/** Hidden until asked for: by the written proof's tick boxes, or the live proof's S and I keys (classes on <html>). */
export const pressViewCss = `
.press-view { display: none; position: absolute; left: 0; top: 0; width: 100%; height: 100%; z-index: 5; pointer-events: none; }
html:has(#press-soft-proof:checked) .press-soft-proof, html.aid-soft-proof .press-soft-proof { display: block; }
html:has(#press-ink:checked) .press-ink, html.aid-ink .press-ink { display: block; }
.press-views-bar { position: sticky; top: 0; z-index: 10; display: flex; gap: 14px; padding: 6px 10px; background: #1d2430; color: #eef; font: 13px/1.3 system-ui, sans-serif; }
@media print { .press-view, .press-views-bar { display: none !important; } }`;

/**
 * Adds the press views to a proof page's HTML: the overlays into each sheet, the bar and its CSS. The n-th sheet is the
 * PDF's n-th page (its data-page is the folio's number: page 3 of an edition, or of an article set for page 3).
 */
export function withPressViews(html: string, views: readonly PressView[], bleed: number, files: (page: number) => PressViewFiles): string {
  const byPage = new Map(views.map((view) => [view.page, view]));
  let sheet = 0;
  const sheets = html.replace(/<section class="sheet"[^>]*>/g, (tag: string) => {
    const view = byPage.get(++sheet);
    return view ? tag + pressViewImages(files(view.page), view, bleed) : tag;
  });
  const worst = views.reduce((most, view) => Math.max(most, view.maxInk), 0);
  const bar =
    `<div class="press-views-bar" role="group" aria-label="Press views">` +
    `<label><input type="checkbox" id="press-soft-proof"> Newsprint soft proof</label>` +
    `<label><input type="checkbox" id="press-ink"> Ink over limit (most: ${worst} %)</label></div>`;
  return sheets.replace('</head>', `<style>${pressViewCss}</style></head>`).replace(/(<body[^>]*>)/, `$1${bar}`);
}
