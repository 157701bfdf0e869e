// Printer's marks, drawn outside the bleed after the CMYK conversion, in DeviceCMYK: crop marks and registration
// targets in registration colour (100 % of every plate), and a colour bar of solids, overprints and K tints.
import { cmyk, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { PrintedRoom } from './boxes.ts';

const ptPerMm = 72 / 25.4;
const registration = cmyk(1, 1, 1, 1);

export function drawMarks(document: PDFDocument, room: PrintedRoom): void {
  for (const page of document.getPages()) drawPageMarks(page, room);
}

function drawPageMarks(page: PDFPage, room: PrintedRoom): void {
  const { width, height } = page.getMediaBox();
  const trim = room.offset * ptPerMm;
  // Marks keep 1 mm clear of the bleed edge, so no rendering of the bleed box picks up a hairline of them.
  const bleed = (room.bleed + 1) * ptPerMm;
  const length = (room.offset - room.bleed - 3) * ptPerMm;
  const line = (x1: number, y1: number, x2: number, y2: number) => page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.25, color: registration });
  // Crop marks at each corner, starting outside the bleed so they never print on the page.
  const left = trim;
  const right = width - trim;
  const bottom = trim;
  const top = height - trim;
  for (const [x, dx] of [
    [left, -1],
    [right, 1],
  ] as const) {
    for (const [y, dy] of [
      [bottom, -1],
      [top, 1],
    ] as const) {
      line(x + dx * bleed, y, x + dx * (bleed + length), y);
      line(x, y + dy * bleed, x, y + dy * (bleed + length));
    }
  }
  // Registration targets at the middle of each side.
  const target = (x: number, y: number) => {
    const r = Math.min(length / 2.5, 3 * ptPerMm);
    page.drawCircle({ x, y, size: r, borderColor: registration, borderWidth: 0.25 });
    line(x - r * 1.4, y, x + r * 1.4, y);
    line(x, y - r * 1.4, x, y + r * 1.4);
  };
  const middle = ((room.offset - room.bleed) * ptPerMm) / 2;
  target(width / 2, middle);
  target(width / 2, height - middle);
  target(middle, height / 2);
  target(width - middle, height / 2);
  // A colour bar along the foot: solids, two-colour overprints, and K tints for the plant's densitometer.
  const patches = [cmyk(1, 0, 0, 0), cmyk(0, 1, 0, 0), cmyk(0, 0, 1, 0), cmyk(0, 0, 0, 1), cmyk(1, 1, 0, 0), cmyk(1, 0, 1, 0), cmyk(0, 1, 1, 0), cmyk(0, 0, 0, 0.75), cmyk(0, 0, 0, 0.5), cmyk(0, 0, 0, 0.25)];
  const size = Math.min(length * 0.8, 5 * ptPerMm);
  patches.forEach((color, index) => page.drawRectangle({ x: trim + 20 * ptPerMm + index * size, y: middle - size / 2, width: size, height: size, color }));
}
