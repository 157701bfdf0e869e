// The page boxes of a printed page: Chromium prints the trim with the bleed (and room for marks) around it; the
// press copy names each box (TrimBox, BleedBox), has no CropBox and asks viewers to show its trim; the screen copy
// is cut to the trim alone.
import { PDFName, type PDFDocument } from 'pdf-lib';
import type { PrintRoom } from '../layout/grid.ts';

const ptPerMm = 72 / 25.4;

/** Millimetres printed around the trim: bleed plus the room for marks. */
export type PrintedRoom = PrintRoom;

/**
 * Sets the press boxes on every page: media (all printed), bleed (trim + bleed), trim, no CropBox and no ArtBox.
 * A CropBox clips what is drawn: one at the trim would cut the bleed away in every RIP that honours it (Ghostscript
 * does), so the press copy shows its whole sheet, bleed and marks, as a plant's proof does.
 */
export function setPressBoxes(document: PDFDocument, room: PrintedRoom): void {
  for (const page of document.getPages()) {
    const { width, height } = page.getMediaBox();
    const trim = room.offset * ptPerMm;
    const marks = (room.offset - room.bleed) * ptPerMm;
    page.setTrimBox(trim, trim, width - 2 * trim, height - 2 * trim);
    page.setBleedBox(marks, marks, width - 2 * marks, height - 2 * marks);
    page.node.delete(PDFName.of('CropBox'));
    // Ghostscript adds an ArtBox; PDF/X wants a TrimBox or an ArtBox, not both.
    page.node.delete(PDFName.of('ArtBox'));
  }
  showTrimInViewers(document);
}

/**
 * Asks viewers to show the page at its trim (ViewArea and ViewClip, PDF 1.4): the view of the page a reader checks,
 * without cutting anything from what a RIP prints, as a CropBox would. Printing from a viewer keeps the whole sheet.
 */
function showTrimInViewers(document: PDFDocument): void {
  const preferences = document.catalog.getOrCreateViewerPreferences().dict;
  preferences.set(PDFName.of('ViewArea'), PDFName.of('TrimBox'));
  preferences.set(PDFName.of('ViewClip'), PDFName.of('TrimBox'));
  preferences.set(PDFName.of('PrintArea'), PDFName.of('MediaBox'));
  preferences.set(PDFName.of('PrintClip'), PDFName.of('MediaBox'));
}

/** Cuts every page to its trim: the screen copy, which reads and measures as the page the desk laid out. */
export function cutToTrim(document: PDFDocument, room: PrintedRoom): void {
  for (const page of document.getPages()) {
    const { width, height } = page.getMediaBox();
    const trim = room.offset * ptPerMm;
    page.setMediaBox(trim, trim, width - 2 * trim, height - 2 * trim);
    page.setCropBox(trim, trim, width - 2 * trim, height - 2 * trim);
  }
}
