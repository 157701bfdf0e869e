// The press copy: Chromium's page (RGB, with its bleed) made PDF/X for the plant: neutrals to the black plate, then
// Ghostscript 10.06 converts everything else through the CMYK output profile and writes PDF/X-4 (or X-1a) with its
// output intent; Broadsheet then names the boxes, writes the facts and XMP itself, and draws the marks.
import { readFile } from 'node:fs/promises';
import type { PDFDocument } from 'pdf-lib';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { PressRules } from '../project/resolve.ts';
import { cutToTrim, setPressBoxes, type PrintedRoom } from './boxes.ts';
import { stampFacts, type DocumentFacts } from './document-metadata.ts';
import { writeFacts, type PdfFacts } from './finish.ts';
import { photosToCmyk, type ProfileFile } from './cmyk-photos.ts';
import { convertOwnPdfx } from './own-pdfx.ts';
import { runGhostscript } from './ghostscript.ts';
import { drawMarks } from './marks.ts';
import { flattenSoftMasks } from './flatten-masks.ts';
import { neutralsToGray } from './neutral-gray.ts';
import { imageSettings } from './image-settings.ts';
import { timed } from '../workspace/stage-clock.ts';
import { pending } from '../workspace/pending.ts';
import { numberStructureIds } from './structure-ids.ts';
import { loadPdf, savePdf } from './pdf-file.ts';

/** Both copies, each as soon as it is made: the press copy's checks can start while the screen copy is still being made. */
export interface PendingCopies {
  /** What the press receives: PDF/X in the plant's CMYK, with trim and bleed boxes. */
  readonly press: Promise<Uint8Array>;
  /** The screen copy: RGB, cut to the trim, for reading and for the PDF/A archive copy. */
  readonly screen: Promise<Uint8Array>;
}

/**
 * Starts both copies. `screenAfter`: the screen copy (whose parse holds the thread for a tenth of a second) waits for
 * it too, so that what the press copy starts next (its plates) is not kept waiting behind it.
 */
export function startPrintCopies(options: { printed: Uint8Array; facts: PdfFacts; rules: PressRules; room: PrintedRoom; screenAfter?: Promise<unknown> }): PendingCopies {
  // Ghostscript runs in a thread of its own: the screen copy is made here meanwhile, once the page for it is handed over.
  const handedOver = pending<void>();
  const press = pressCopy(options, () => handedOver.resolve());
  press.catch(() => handedOver.resolve());
  const screen = Promise.all([handedOver.promise, options.screenAfter]).then(() => timed('screen copy', () => screenCopy(options)));
  return { press, screen };
}

async function screenCopy(options: { printed: Uint8Array; facts: PdfFacts; room: PrintedRoom }): Promise<Uint8Array> {
  const document = await loadPdf(options.printed);
  numberStructureIds(document);
  cutToTrim(document, options.room);
  writeFacts(document, options.facts);
  return savePdf(document);
}

async function pressCopy(options: PressCopyInput, handedOver: () => void): Promise<Uint8Array> {
  const { rules } = options;
  const bytes = await readFile(rules.profile).catch((cause: unknown) => {
    throw new BroadsheetError('ProfileMissing', `The press profile ${rules.profile} cannot be read.`, { cause });
  });
  const profile: ProfileFile = { path: rules.profile, bytes };
  // PDF/X-4 of a page as Chromium prints it is written here; anything else, and X-1a (which flattens), by Ghostscript.
  if (rules.pdfx === '4') {
    const page = await preparedPage(options, profile);
    const own = await timed('PDF/X (Broadsheet)', () => convertOwnPdfx(page, { profile, outputCondition: rules.outputCondition, outputConditionIdentifier: rules.outputConditionIdentifier }));
    if (own.converted) {
      handedOver();
      return timed('press: finish', () => finishPress(page, options, 'PDF/X by Broadsheet'));
    }
  }
  // Read again after an attempt: it may have changed the page before it came to what it does not convert.
  return ghostscriptCopy(await preparedPage(options, profile), profile, options, handedOver);
}

interface PressCopyInput {
  readonly printed: Uint8Array;
  readonly facts: PdfFacts;
  readonly rules: PressRules;
  readonly room: PrintedRoom;
}

/** Chromium's page with its neutrals on the black plate, its photos in CMYK and its press boxes. */
async function preparedPage(options: PressCopyInput, profile: ProfileFile): Promise<PDFDocument> {
  const page = await timed('press: read', () => loadPdf(options.printed));
  numberStructureIds(page);
  await timed('press: neutrals', async () => neutralsToGray(page));
  await timed('photos to CMYK', () => photosToCmyk(page, profile));
  if (options.rules.pdfx === '1a') flattenSoftMasks(page);
  setPressBoxes(page, options.room);
  return page;
}

/** The press copy through Ghostscript (WebAssembly, in a thread of its own), which converts what is left to CMYK. */
async function ghostscriptCopy(page: PDFDocument, profile: ProfileFile, options: PressCopyInput, handedOver: () => void): Promise<Uint8Array> {
  const { rules } = options;
  const rgb = await timed('press: save for Ghostscript', () => savePdf(page));
  const converted = await timed('PDF/X (Ghostscript)', () => runGhostscript({
    started: handedOver,
    files: new Map<string, Uint8Array | string>([
      ['/in.pdf', rgb],
      ['/profile.icc', profile.bytes],
      ['/pdfx.ps', outputIntent(rules)],
      ['/images.ps', imageSettings()],
    ]),
    args: [
      '-dBATCH',
      '-dNOPAUSE',
      '-dNOSAFER', // the output intent reads the profile from the instance's own in-memory file system
      '-sDEVICE=pdfwrite',
      rules.pdfx === '4' ? '-dPDFX=4' : '-dPDFX=1',
      // X-1a: transparency flattened at 300 dpi (newsprint's screens need no more), in bands: a whole-page bitmap
      // runs the WebAssembly build out of memory.
      ...(rules.pdfx === '1a' ? ['-dCompatibilityLevel=1.3', '-dHaveTransparency=false', '-r300', '-dBandHeight=64', '-dBandBufferSpace=1000000'] : ['-dCompatibilityLevel=1.6']),
      '-sColorConversionStrategy=CMYK',
      '-sProcessColorModel=DeviceCMYK',
      '-sOutputICCProfile=/profile.icc',
      '-dRenderIntent=1', // relative colorimetric: newsprint's paper white is the page's white
      '-dEmbedAllFonts=true',
      '-sOutputFile=/out.pdf',
      '/images.ps',
      '/pdfx.ps',
      '/in.pdf',
    ],
    output: '/out.pdf',
  }));

  return timed('press: finish', async () => finishPress(await loadPdf(converted), options, 'Ghostscript 10.06 (PDF/X)'));
}

/** Boxes, facts and XMP, marks, and the header's PDF version. */
async function finishPress(document: PDFDocument, options: PressCopyInput, made: string): Promise<Uint8Array> {
  const { rules, room } = options;
  setPressBoxes(document, room);
  const facts: DocumentFacts = { ...options.facts, producer: `${options.facts.producer}; ${made}` };
  stampFacts(document, facts, { pdfx: rules.pdfx });
  if (rules.marks) drawMarks(document, room);
  return withHeaderVersion(await savePdf(document), rules.pdfx === '4' ? '1.6' : '1.3');
}

/**
 * pdf-lib heads every file it saves %PDF-1.7; PDF/X-4 is PDF 1.6 and PDF/X-1a PDF 1.3, and preflights check the
 * header. The version has the same length, so no offset in the file moves.
 */
function withHeaderVersion(pdf: Uint8Array, version: '1.6' | '1.3'): Uint8Array {
  const header = Buffer.from(pdf.subarray(0, 8)).toString('latin1');
  if (!/^%PDF-\d\.\d$/.test(header)) throw new BroadsheetError('PressFailed', `The press PDF starts ${JSON.stringify(header)}, not a PDF header.`);
  pdf.set(Buffer.from(`%PDF-${version}`, 'latin1'), 0);
  return pdf;
}

/** The PDF/X output intent, as pdfmark: the profile embedded once, named by its condition. */
function outputIntent(rules: PressRules): string {
  const text = (value: string) => `<${Buffer.from(`\ufeff${value}`, 'utf16le').swap16().toString('hex')}>`;
  return `%!
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} <</N 4>> /PUT pdfmark
[{icc_PDFX} (/profile.icc) (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputCondition ${text(rules.outputCondition)}
  /OutputConditionIdentifier (${rules.outputConditionIdentifier})
  /RegistryName (http://www.color.org)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} <</OutputIntents [ {OutputIntent_PDFX} ]>> /PUT pdfmark
`;
}
