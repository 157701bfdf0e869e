// The page boxes of a printed page: Chromium prints the trim with the bleed (and room for marks) around it; the
// press copy names each box (TrimBox, BleedBox; CropBox = trim, so a viewer shows the trim size), and the screen
// copy is cut to the trim alone.
import { PDFName, type PDFDocument } from 'pdf-lib';
import type { PrintRoom } from '../layout/grid.ts';

const ptPerMm = 72 / 25.4;

/** Millimetres printed around the trim: bleed plus the room for marks. */
export type PrintedRoom = PrintRoom;

/** Sets the press boxes on every page: media (all printed), bleed (trim + bleed), trim, crop (= trim), no ArtBox. */
export function setPressBoxes(document: PDFDocument, room: PrintedRoom): void {
  for (const page of document.getPages()) {
    const { width, height } = page.getMediaBox();
    const trim = room.offset * ptPerMm;
    const marks = (room.offset - room.bleed) * ptPerMm;
    page.setTrimBox(trim, trim, width - 2 * trim, height - 2 * trim);
    page.setBleedBox(marks, marks, width - 2 * marks, height - 2 * marks);
    page.setCropBox(trim, trim, width - 2 * trim, height - 2 * trim);
    // Ghostscript adds an ArtBox; PDF/X wants a TrimBox or an ArtBox, not both.
    page.node.delete(PDFName.of('ArtBox'));
  }
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
