// The plant's preflight: checks a press PDF against the rules in the house config (PDF/X version, output intent,
// colour spaces, fonts, transparency for X-1a, page and bleed boxes, photo resolution, total ink on the rendered
// plates) and says, for each failure, where it is and what to do.
import type { LayoutReport } from '../layout/report.ts';
import type { PressRules } from '../project/resolve.ts';
import { inkOf, measureInk, type PageInk, type Plates } from './ink.ts';
import { readPdf, type ReadPdf } from './pdf-facts.ts';

export interface PreflightCheck {
  readonly rule: string;
  readonly ok: boolean;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly page?: number;
}

export interface PreflightReport {
  readonly ok: boolean;
  readonly pdfx: string | null;
  readonly checks: readonly PreflightCheck[];
  /** Highest total ink per page (per cent) and where, in mm from the bleed box's top left. */
  readonly ink: readonly Omit<PageInk, 'raster'>[];
}

export interface PreflightOptions {
  readonly pdf: Uint8Array;
  readonly rules: PressRules;
  /** The layout that made it, to name photos and suggest spans; absent for a PDF from elsewhere. */
  readonly layout?: LayoutReport;
  /** The trims the page may have, mm, by grid name (a build gives its one grid), and the grid's column, for span suggestions. */
  readonly trims?: readonly Trim[];
  readonly columnWidth?: number;
  readonly gutter?: number;
  /** Receives each page's plates, for the proof's ink overlay. */
  readonly onInk?: (ink: PageInk) => void;
  /** The pdf's plates when they are rendered already (for the soft proof too); otherwise they are rendered here. */
  readonly plates?: Promise<readonly Plates[]>;
}

export interface Trim {
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

const ptPerMm = 72 / 25.4;

export async function preflightPdf(options: PreflightOptions): Promise<PreflightReport> {
  const { rules } = options;
  // The file's facts and its rendered plates come from separate processes: both at once.
  const inking = options.plates ? options.plates.then((plates) => inkOf(plates, rules.tac)) : measureInk(options.pdf, rules.tac);
  inking.catch(() => undefined);
  const read = await readPdf(options.pdf);
  const checks: PreflightCheck[] = [];
  const check = (rule: string, ok: boolean, message: string, extra: { page?: number; severity?: 'error' | 'warning' } = {}) =>
    checks.push({ rule, ok, severity: extra.severity ?? 'error', message, ...(extra.page !== undefined ? { page: extra.page } : {}) });

  const pdfx = /\/GTS_PDFXVersion\s*\(([^)]*)\)/.exec(read.text)?.[1] ?? null;
  // PDF/X-1a:2001 names itself version PDF/X-1:2001 with conformance PDF/X-1a:2001.
  const wanted = rules.pdfx === '4' ? 'PDF/X-4' : 'PDF/X-1:2001';
  const conformance = rules.pdfx === '4' || /\/GTS_PDFXConformance\s*\(PDF\/X-1a:2001\)/.test(read.text);
  const standard = rules.pdfx === '4' ? 'PDF/X-4' : 'PDF/X-1a:2001';
  const versionOk = pdfx === wanted && conformance;
  check('pdfx-version', versionOk, versionOk ? `${standard} (Info and XMP)` : `the file says ${pdfx ?? 'no PDF/X version'}${pdfx === wanted ? ' without the X-1a conformance' : ''}; the plant takes ${standard}`);
  const xmp = rules.pdfx === '4' ? /pdfxid:GTS_PDFXVersion="PDF\/X-4"/.test(read.text) : /pdfx:GTS_PDFXConformance="PDF\/X-1a:2001"/.test(read.text);
  check('pdfx-xmp', xmp, xmp ? 'XMP names the PDF/X version' : 'the XMP metadata does not name the PDF/X version');
  const newest = rules.pdfx === '4' ? 1.6 : 1.3;
  const headerOk = Number(read.version) <= newest;
  check('pdf-version', headerOk, headerOk ? `PDF ${read.version} (${standard} allows up to ${newest})` : `the file is PDF ${read.version}; ${standard} allows up to PDF ${newest}`);
  const intent = /\/S\s*\/GTS_PDFX/.test(read.text) && /\/DestOutputProfile\s+\d+\s+0\s+R/.test(read.text);
  check('output-intent', intent, intent ? 'a PDF/X output intent with its CMYK profile' : 'no PDF/X output intent with an embedded profile');

  colourChecks(read, rules, check);
  fontChecks(read, check);
  if (rules.pdfx === '1a') transparencyChecks(read, check);
  boxChecks(read, rules, options.trims, check);
  resolutionChecks(read, rules, options, check);

  const ink = await inking;
  for (const page of ink) {
    options.onInk?.(page);
    check('total-ink', page.max <= rules.tac, `page ${page.page}: the most ink is ${page.max} % at ${page.at.x} mm across, ${page.at.y} mm down${page.max > rules.tac ? `; the plant's limit is ${rules.tac} %: lighten that area, or give the photo through the press profile` : ` (limit ${rules.tac} %)`}`, { page: page.page });
  }
  return { ok: checks.every((item) => item.ok || item.severity !== 'error'), pdfx, checks, ink: ink.map(({ raster: _raster, ...rest }) => rest) };
}

type Check = (rule: string, ok: boolean, message: string, extra?: { page?: number; severity?: 'error' | 'warning' }) => void;

function colourChecks(read: ReadPdf, rules: PressRules, check: Check): void {
  const { text } = read;
  const rgbOperators = (text.match(/(?:^|\s)-?\d*\.?\d+\s+-?\d*\.?\d+\s+-?\d*\.?\d+\s+(?:rg|RG)(?=\s)/g) ?? []).length;
  check('rgb-operators', rgbOperators === 0, rgbOperators === 0 ? 'no RGB colour operators (rg, RG) in any content stream' : `${rgbOperators} RGB colour operators (rg, RG) in the content streams: convert the page through the press profile`);
  const deviceRgb = (text.match(/\/DeviceRGB/g) ?? []).length;
  check('device-rgb', deviceRgb === 0, deviceRgb === 0 ? 'no DeviceRGB colour space' : `${deviceRgb} uses of DeviceRGB: convert them to CMYK`);
  const rgbIcc = (text.match(/\/N\s+3\b/g) ?? []).length;
  check('rgb-icc', rgbIcc === 0, rgbIcc === 0 ? 'no three-component (RGB) ICC profile' : `${rgbIcc} RGB ICC colour spaces: convert them to CMYK`);
  const spots = [...text.matchAll(/\/Separation\s*\/([^\s/\]]+)/g)].map((match) => match[1] ?? '').filter((name) => name !== 'All' && name !== 'None');
  check('spot-colours', rules.spotColours || spots.length === 0, spots.length === 0 ? 'no spot colours' : `spot colours ${[...new Set(spots)].join(', ')}${rules.spotColours ? ' (allowed)' : ': the plant takes CMYK only; convert them'}`, { severity: rules.spotColours ? 'warning' : 'error' });
  for (const image of read.images) {
    const allowed = image.color === 'cmyk' || image.color === 'gray' || (image.color === 'icc' && image.components !== 3) || (image.color === 'sep' && rules.spotColours);
    if (!allowed) check('image-colour', false, `an image on page ${image.page} (${image.width}×${image.height} px) is ${image.color} with ${image.components} components: the plant takes CMYK or grey`, { page: image.page });
  }
  if (read.images.every((image) => image.color === 'cmyk' || image.color === 'gray' || (image.color === 'icc' && image.components !== 3))) check('image-colour', true, `${read.images.length} images, all CMYK or grey`);
}

function fontChecks(read: ReadPdf, check: Check): void {
  const loose = read.fonts.filter((font) => !font.embedded);
  const type3 = read.fonts.filter((font) => font.type.startsWith('Type 3'));
  check('fonts-embedded', loose.length === 0, loose.length === 0 ? `${read.fonts.length} fonts, all embedded` : `fonts not embedded: ${loose.map((font) => font.name).join(', ')}`);
  check('no-type3', type3.length === 0, type3.length === 0 ? 'no Type 3 fonts' : `${type3.length} Type 3 fonts (${type3.slice(0, 3).map((font) => font.name).join(', ')}): use fonts with TrueType outlines`);
}

function transparencyChecks(read: ReadPdf, check: Check): void {
  const { text } = read;
  const masks = (text.match(/\/SMask\s+\d+\s+0\s+R/g) ?? []).length;
  const alpha = [...text.matchAll(/\/(?:CA|ca)\s+(\d*\.?\d+)/g)].filter((match) => Number(match[1]) < 1).length;
  const groups = (text.match(/\/S\s*\/Transparency/g) ?? []).length;
  const blends = [...text.matchAll(/\/BM\s*\/(\w+)/g)].filter((match) => match[1] !== 'Normal' && match[1] !== 'Compatible').length;
  const found = masks + alpha + groups + blends;
  check('no-transparency', found === 0, found === 0 ? 'no transparency (PDF/X-1a)' : `transparency PDF/X-1a does not allow: ${masks} soft masks, ${alpha} alpha values, ${groups} transparency groups, ${blends} blend modes; flatten it or use PDF/X-4`);
}

function boxChecks(read: ReadPdf, rules: PressRules, trims: PreflightOptions['trims'], check: Check): void {
  const box = (name: string) => [...read.text.matchAll(new RegExp(`/${name}\\s*\\[\\s*(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s*\\]`, 'g'))].map((match) => match.slice(1, 5).map(Number));
  const trimBoxes = box('TrimBox');
  const bleeds = box('BleedBox');
  const crops = box('CropBox');
  check('trim-box', trimBoxes.length >= read.pages, trimBoxes.length >= read.pages ? `a TrimBox on every page (${read.pages})` : `${read.pages - trimBoxes.length} of ${read.pages} pages have no TrimBox: the plant cannot tell where to cut`);
  const arts = box('ArtBox');
  check('trim-or-art', arts.length === 0, arts.length === 0 ? 'no ArtBox beside the TrimBox' : `${arts.length} pages have an ArtBox as well as a TrimBox: PDF/X takes one of them; remove the ArtBox`);
  const first = trimBoxes[0];
  if (trims && trims.length > 0 && first) {
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = first;
    const width = (x2 - x1) / ptPerMm;
    const height = (y2 - y1) / ptPerMm;
    const match = trims.find((trim) => Math.abs(width - trim.width) < 0.5 && Math.abs(height - trim.height) < 0.5);
    const named = trims.map((trim) => `${trim.name} ${trim.width} × ${trim.height} mm`).join(', ');
    check('page-is-trim', match !== undefined, match ? `the trim is ${match.width} × ${match.height} mm (${match.name})` : `the TrimBox is ${width.toFixed(1)} × ${height.toFixed(1)} mm; the paper's page is ${named}`);
  }
  // A CropBox clips the page: one inside the BleedBox cuts the bleed away in every RIP that honours it.
  const clipped = bleeds.filter((bleed, index) => {
    const crop = crops[index];
    if (crop === undefined) return false;
    const [cx1 = 0, cy1 = 0, cx2 = 0, cy2 = 0] = crop;
    const [bx1 = 0, by1 = 0, bx2 = 0, by2 = 0] = bleed;
    return cx1 > bx1 + 0.5 || cy1 > by1 + 0.5 || cx2 < bx2 - 0.5 || cy2 < by2 - 0.5;
  }).length;
  check('crop-holds-bleed', clipped === 0, clipped === 0 ? 'no CropBox cuts into the bleed' : `${clipped} of ${read.pages} pages have a CropBox inside the BleedBox: the RIP would cut the bleed away; remove the CropBox or make it the MediaBox`);
  const bled = trimBoxes.every((t, index) => {
    const b = bleeds[index];
    if (!b) return false;
    const margin = rules.bleed * ptPerMm - 0.5;
    return (t[0] ?? 0) - (b[0] ?? 0) >= margin && (t[1] ?? 0) - (b[1] ?? 0) >= margin && (b[2] ?? 0) - (t[2] ?? 0) >= margin && (b[3] ?? 0) - (t[3] ?? 0) >= margin;
  });
  const bleedOk = bled && trimBoxes.length >= read.pages && bleeds.length >= read.pages;
  check('bleed', bleedOk, bleedOk ? `${rules.bleed} mm of bleed on every side` : `the BleedBox does not give ${rules.bleed} mm of bleed on every side: photos and tints at the edge need it`);
}

function resolutionChecks(read: ReadPdf, rules: PressRules, options: PreflightOptions, check: Check): void {
  const figures = options.layout?.pages.flatMap((page) => page.figures.map((figure) => ({ ...figure, page: page.number }))) ?? [];
  let low = 0;
  for (const image of read.images) {
    const ppi = Math.min(image.xPpi, image.yPpi);
    if (ppi >= rules.minPpi) continue;
    low++;
    // The photo of the layout this image is: same page, the resolution the layout reported.
    const figure = figures.find((candidate) => candidate.page === image.page && Math.abs(candidate.effectivePpi - ppi) <= Math.max(2, ppi * 0.02));
    const name = figure ? `photo ${figure.src.replace(/^manuscript\/|^manuscripts\/[^/]+\//, '')} on page ${image.page}` : `an image on page ${image.page} (${image.width}×${image.height} px)`;
    const needed = Math.ceil((image.width * rules.minPpi) / Math.max(1, ppi));
    const at = figure ? ` at ${figure.span} column${figure.span === 1 ? '' : 's'}` : '';
    const span = figure && options.columnWidth ? suggestedSpan(figure.photo.width, image.width, rules.minPpi, options.columnWidth, options.gutter ?? 0) : undefined;
    check('resolution', false, `${name} prints at ${ppi} ppi${at}: supply ≥ ${needed.toLocaleString('en-GB')} px across${span !== undefined && figure && span < figure.span ? ` or set span=${span}` : ''}`, { page: image.page });
  }
  if (low === 0) check('resolution', true, `every image prints at ${rules.minPpi} ppi or more`);
}

/** The widest span at which `pixels` across still print at `ppi`. */
function suggestedSpan(_width: number, pixels: number, ppi: number, column: number, gutter: number): number {
  const widest = (pixels / ppi) * 25.4;
  return Math.max(1, Math.floor((widest + gutter) / (column + gutter)));
}

/** The report as text, one line a check, failures first. */
export function preflightText(report: PreflightReport, file: string): string {
  const lines = [`preflight of ${file}: ${report.ok ? 'passes' : 'FAILS'} (${report.pdfx ?? 'not PDF/X'})`];
  const sorted = [...report.checks].sort((a, b) => Number(a.ok) - Number(b.ok));
  for (const item of sorted) lines.push(`  ${item.ok ? 'ok  ' : item.severity === 'error' ? 'FAIL' : 'warn'} ${item.rule}: ${item.message}`);
  return `${lines.join('\n')}\n`;
}
