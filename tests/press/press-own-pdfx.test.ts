// The press copy written without Ghostscript: a page as Chromium prints it (coloured text, black text, an RGB photo)
// becomes PDF/X-4 by Broadsheet's own hand, passes the plant's preflight, and prints its colours as the press
// profile gives them, a CSS gradient too; a page holding what Broadsheet does not convert (a form) goes to
// Ghostscript instead.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrintCopies } from '../../src/pdf/pdfx.ts';
import { launchBrowser } from '../../src/render/browser.ts';
import { preflightPdf } from '../../src/preflight/preflight.ts';
import { testProject } from '../helpers/project.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { argyllCmyk, inkIn, renderPlates } from '../helpers/plates.ts';
import { pdfInfo } from '../helpers/poppler.ts';

let folder: TempFolder;
beforeAll(async () => (folder = await tempFolder('own-pdfx')));
afterAll(() => folder.remove());

const facts = { title: 'own PDF/X', lang: 'en', producer: 'test' };
const room = { bleed: 0, offset: 0 };

/** A one-page PDF of a coloured bar, a black rule and a photo, drawn the way Chromium draws (r g b rg). */
async function chromiumLikePage(extra?: (document: PDFDocument) => void): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage([400, 300]);
  page.drawRectangle({ x: 20, y: 200, width: 160, height: 60, color: rgb(200 / 255, 100 / 255, 50 / 255) });
  page.drawRectangle({ x: 20, y: 150, width: 160, height: 4, color: rgb(0, 0, 0) });
  const photo = await sharp({ create: { width: 700, height: 525, channels: 3, background: { r: 30, g: 90, b: 200 } } }).jpeg({ quality: 100 }).toBuffer();
  page.drawImage(await document.embedJpg(photo), { x: 220, y: 40, width: 160, height: 120 });
  extra?.(document);
  return document.save();
}

async function pressOf(printed: Uint8Array, name: string): Promise<{ file: string; bytes: Uint8Array }> {
  const rules = { ...(await testProject()).press, bleed: 0, marks: false };
  const copies = startPrintCopies({ printed, facts, rules, room });
  const [press] = await Promise.all([copies.press, copies.screen]);
  const file = join(folder.path, `${name}.pdf`);
  await writeFile(file, press);
  return { file, bytes: press };
}

describe('the press copy written by Broadsheet', () => {
  it('makes PDF/X-4 without Ghostscript, which passes the plant’s preflight', async () => {
    const { file, bytes } = await pressOf(await chromiumLikePage(), 'own');
    expect(pdfInfo(file).get('Producer')).toContain('PDF/X by Broadsheet');
    const rules = { ...(await testProject()).press, bleed: 0, marks: false };
    const report = await preflightPdf({ pdf: bytes, rules });
    expect(report.checks.filter((check) => !check.ok).map((check) => `${check.rule}: ${check.message}`)).toEqual([]);
    expect(report.pdfx).toBe('PDF/X-4');
  });

  it('prints the coloured bar as the press profile gives it, the photo too, and the black rule on the black plate alone', async () => {
    const { file } = await pressOf(await chromiumLikePage(), 'colours');
    const plates = renderPlates(file, 72);
    const [bar, photo] = argyllCmyk((await testProject()).press.profile, [[200, 100, 50], [30, 90, 200]], folder.path);
    const at = (x: number, y: number) => Array.from(plates.pixels.subarray((y * plates.width + x) * 4, (y * plates.width + x) * 4 + 4), (value) => (value / 255) * 100);
    // Points from the top: the bar is 40–100 pt down, the photo 140–260.
    for (const [plate, value] of at(100, 70).entries()) expect(Math.abs(value - (bar?.[plate] ?? -100)), `bar plate ${'CMYK'[plate]}`).toBeLessThan(3);
    for (const [plate, value] of at(300, 200).entries()) expect(Math.abs(value - (photo?.[plate] ?? -100)), `photo plate ${'CMYK'[plate]}`).toBeLessThan(3);
    const rule = inkIn(plates, { left: 22, top: 147, right: 178, bottom: 149 });
    expect(rule.max.slice(0, 3)).toEqual([0, 0, 0]);
    expect(rule.max[3]).toBeGreaterThan(240);
  });

  it('converts a CSS gradient as Chromium prints it: its ends print as the press profile gives their colours', async () => {
    const press = await launchBrowser();
    let printed: Uint8Array;
    try {
      const page = await press.browser.newPage();
      await page.setContent('<style>@page { size: 400px 200px; margin: 0 } body { margin: 0 }</style><div style="width: 400px; height: 100px; background: linear-gradient(90deg, #c86432, #1e5ac8)"></div>');
      printed = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await press.close();
    }
    const { file, bytes } = await pressOf(printed, 'gradient');
    expect(pdfInfo(file).get('Producer')).toContain('PDF/X by Broadsheet');
    const rules = { ...(await testProject()).press, bleed: 0, marks: false };
    const report = await preflightPdf({ pdf: bytes, rules });
    expect(report.checks.filter((check) => check.severity === 'error' && !check.ok).map((check) => check.message)).toEqual([]);
    const plates = renderPlates(file, 72);
    const [left, right] = argyllCmyk(rules.profile, [[200, 100, 50], [30, 90, 200]], folder.path);
    const at = (x: number, y: number) => Array.from(plates.pixels.subarray((y * plates.width + x) * 4, (y * plates.width + x) * 4 + 4), (value) => (value / 255) * 100);
    // 400 CSS px is 300 pt: the ends are at 1 pt and 298 pt across, 30 pt down.
    for (const [plate, value] of at(1, 30).entries()) expect(Math.abs(value - (left?.[plate] ?? -100)), `left end, plate ${'CMYK'[plate]}`).toBeLessThan(4);
    for (const [plate, value] of at(298, 30).entries()) expect(Math.abs(value - (right?.[plate] ?? -100)), `right end, plate ${'CMYK'[plate]}`).toBeLessThan(4);
  });

  it('leaves a page with a form XObject to Ghostscript, whose copy is PDF/X-4 with no RGB left', async () => {
    const printed = await chromiumLikePage((document) => {
      const page = document.getPage(0);
      const form = document.context.stream('0.2 0.4 0.8 rg 0 0 50 50 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 50, 50] });
      page.node.Resources()?.set(PDFName.of('XObject'), document.context.obj({ Fm0: document.context.register(form) }));
      page.node.addContentStream(document.context.register(document.context.flateStream('q 1 0 0 1 300 220 cm /Fm0 Do Q')));
    });
    const { file, bytes } = await pressOf(printed, 'form');
    expect(pdfInfo(file).get('Producer')).toContain('Ghostscript');
    const rules = { ...(await testProject()).press, bleed: 0, marks: false };
    const report = await preflightPdf({ pdf: bytes, rules });
    expect(report.checks.filter((check) => check.severity === 'error' && !check.ok).map((check) => check.message)).toEqual([]);
  });
});
