// Reading and writing a PDF with pdf-lib in one go. By default pdf-lib waits a timer tick every 100 objects it reads
// and every 50 it writes (to keep a browser tab responsive); a page's ~1,100 objects then cost tens of ticks, each at
// least a millisecond, and under load far more: 60 ms to save the sample's page against 10 ms without them.
import { PDFDocument, ParseSpeeds } from 'pdf-lib';

/** Reads a PDF as it is: its producer and dates are left as written (Broadsheet writes its own). */
export const loadPdf = (bytes: Uint8Array): Promise<PDFDocument> => PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });

/** Writes a PDF with plain cross-reference tables (no object streams), which preflights and PDF/X-1a expect. */
export const savePdf = (document: PDFDocument): Promise<Uint8Array> => document.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
