// The press copy's photos reach the plates in the CMYK the press profile gives for them: a photo of known sRGB
// patches, through the PDF/X conversion, is measured on the plates Ghostscript renders and compared with the CMYK
// Argyll's own link (sRGB → the profile, relative colorimetric) computes for the same colours.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrintCopies } from '../../src/pdf/pdfx.ts';
import { testProject } from '../helpers/project.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { argyllCmyk } from '../helpers/plates.ts';

const patches: Array<[number, number, number]> = [
  [200, 100, 50],
  [30, 90, 200],
  [128, 128, 128],
  [240, 220, 200],
  [60, 150, 70],
];

let folder: TempFolder;
beforeAll(async () => (folder = await tempFolder('photo-colour')));
afterAll(() => folder.remove());

describe('photos in the press copy', () => {
  it('print each colour as the press profile’s relative colorimetric table gives it, within 3 per cent a plate', async () => {
    const rules = { ...(await testProject()).press, bleed: 0, marks: false };
    // One JPEG photo of five patches, as Chromium would place it (an RGB JPEG in the page).
    const photo = await sharp({ create: { width: 50, height: 10, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .composite(patches.map(([r, g, b], index) => ({ input: { create: { width: 10, height: 10, channels: 3, background: { r, g, b } } }, left: index * 10, top: 0 })))
      .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
      .toBuffer();
    const document = await PDFDocument.create();
    const page = document.addPage([500, 100]);
    page.drawImage(await document.embedJpg(photo), { x: 0, y: 0, width: 500, height: 100 });
    const printed = await document.save();
    const room = { bleed: 0, offset: 0 };
    const copies = startPrintCopies({ printed, facts: { title: 'patches', lang: 'en', producer: 'test' }, rules, room });
    const [press] = await Promise.all([copies.press, copies.screen]);
    const pdf = join(folder.path, 'press.pdf');
    await writeFile(pdf, press);
    const pam = join(folder.path, 'plates.pam');
    execFileSync('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pamcmyk32', '-r72', `-sOutputFile=${pam}`, pdf]);
    const bytes = await readFile(pam);
    const header = bytes.subarray(0, bytes.indexOf('ENDHDR\n')).toString('latin1');
    const width = Number(/WIDTH (\d+)/.exec(header)?.[1]);
    const pixels = bytes.subarray(bytes.indexOf('ENDHDR\n') + 7);
    const measured = patches.map((_, index) => {
      const at = (50 * width + index * 100 + 50) * 4;
      return Array.from(pixels.subarray(at, at + 4)).map((value) => (value / 255) * 100);
    });
    const expected = argyllCmyk(rules.profile, patches, folder.path);
    expect(expected).toHaveLength(patches.length);
    for (const [index, plates] of measured.entries()) {
      for (const [plate, value] of plates.entries()) expect(Math.abs(value - (expected[index]?.[plate] ?? -100)), `patch ${patches[index]?.join(',')} plate ${'CMYK'[plate]}`).toBeLessThan(3);
    }
  });
});
