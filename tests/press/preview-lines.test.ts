// The live proof shows the lines the PDF prints: the page on screen, the layout report the server gives for it, and the
// PDF that "Print PDF" writes of it, compared frame by frame and line by line.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { readLayoutJson, type ReadReport } from '../helpers/layout-json.ts';
import { ptRect, readPdfPages, rowsIn, type PdfPage } from '../helpers/layout-pdf.ts';
import { bareLine, frameAt, openProof, shownFrames, shownProof, type ShownFrame } from '../helpers/preview-page.ts';
import { eventually, previewSampleCopy, previewState, rawRequest, type PreviewState, type SamplePreview } from '../helpers/preview-server.ts';

let preview: SamplePreview;
let press: PressBrowser;
let page: Page;
let state: PreviewState;
let report: ReadReport;
let shown: ShownFrame[];

beforeAll(async () => {
  preview = await previewSampleCopy('lines');
  press = await launchBrowser();
  page = await openProof(press, preview.url);
  state = await previewState(preview.port);
  if (!state.layout) throw new Error(`the sample did not lay out: ${JSON.stringify(state.diagnostics)}`);
  report = state.layout;
  shown = await shownFrames(page);
});
afterAll(async () => {
  await page?.close().catch(() => undefined);
  await press?.close();
  await preview?.stop();
});

/** Every frame of the report with its page number, in the report's order. */
const reportedFrames = () => report.pages.flatMap((sheet) => sheet.frames.map((frame) => ({ ...frame, page: sheet.number })));

describe('Print PDF in the live proof', () => {
  const pdfPath = () => join(preview.outDir, 'shanting.pdf');
  let pdf: PdfPage[];

  it('shows the build the server calls current', async () => {
    expect((await shownProof(page)).build).toBe(state.id);
  });

  it('refuses to print a build that is not the one on screen (409) and writes nothing', async () => {
    for (const build of [state.id - 1, state.id + 1, 'latest']) {
      const response = await rawRequest({ port: preview.port, path: '/_proof/print', method: 'POST', origin: `http://127.0.0.1:${preview.port}`, json: { build } });
      expect(response.status, `build ${String(build)}`).toBe(409);
      expect(response.text).toMatch(/not the current one/);
    }
    expect(existsSync(pdfPath())).toBe(false);
  });

  it('writes OUTDIR/<slug>.pdf when the button is clicked, and says where', async () => {
    const button = await page.waitForSelector('nav.proof-toolbar button.proof-action::-p-text(Print PDF)', { timeout: 10_000 });
    if (!button) throw new Error('no Print PDF button');
    await button.click();
    const said = await eventually('the Print button to report the PDF', async () => {
      const text = await button.evaluate((element) => element.textContent ?? '');
      return text.startsWith('Printed: ') || text.startsWith('Not printed') ? text : undefined;
    });
    expect(said).toBe(`Printed: ${pdfPath()}`);
    const bytes = await readFile(pdfPath());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await stat(pdfPath())).size).toBeGreaterThan(10_000);
    // The press copy beside it is PDF/X with bleed; the lines are compared on the screen copy, cut to the trim.
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.6');
    pdf = readPdfPages(join(preview.outDir, 'shanting.screen.pdf'));
    expect(pdf).toHaveLength(report.pages.length);
  });

  it('writes with it the layout report of the build on screen (layout.json = /_proof/state layout)', async () => {
    const written = await readLayoutJson(join(preview.outDir, 'layout.json'));
    expect(written.pages).toEqual(report.pages);
  });

  it('prints in every frame exactly the lines the proof shows there (pdftotext -bbox-layout inside the frame’s box)', () => {
    const differences: string[] = [];
    let compared = 0;
    for (const frame of reportedFrames()) {
      const onScreen = frameAt(shown, frame.page, frame.box);
      const sheet = pdf[frame.page - 1];
      if (!onScreen || !sheet) {
        differences.push(`page ${frame.page} column ${frame.column + 1} at y ${frame.box.y} mm: not found on screen or in the PDF`);
        continue;
      }
      const printed = rowsIn(sheet, ptRect(frame.box, 1)).map((row) => bareLine(row.text));
      const proof = onScreen.lines.map(bareLine);
      compared += proof.length;
      if (JSON.stringify(printed) !== JSON.stringify(proof)) {
        differences.push(`page ${frame.page} column ${frame.column + 1} at y ${frame.box.y} mm:\n  proof ${JSON.stringify(proof)}\n  PDF   ${JSON.stringify(printed)}`);
      }
    }
    expect(compared, 'lines compared').toBeGreaterThan(200);
    expect(differences).toEqual([]);
  });
});

describe('the proof page against its layout report', () => {
  it('has one frame on screen for every frame of the report, at the same place (±0.5 mm)', () => {
    const frames = reportedFrames();
    expect(frames.length).toBeGreaterThan(5);
    expect(shown).toHaveLength(frames.length);
    expect(frames.filter((frame) => !frameAt(shown, frame.page, frame.box)).map((frame) => `column ${frame.column + 1} at y ${frame.box.y}`)).toEqual([]);
  });

  it('breaks every frame’s lines where the report says (glyph boxes in the reader’s page)', () => {
    const differences: string[] = [];
    let compared = 0;
    for (const frame of reportedFrames()) {
      const onScreen = frameAt(shown, frame.page, frame.box);
      const reported = frame.text.map((line) => bareLine(line.text));
      const proof = onScreen?.lines.map(bareLine) ?? [];
      compared += reported.length;
      if (JSON.stringify(reported) !== JSON.stringify(proof)) {
        differences.push(`page ${frame.page} column ${frame.column + 1} at y ${frame.box.y} mm:\n  report ${JSON.stringify(reported)}\n  proof  ${JSON.stringify(proof)}`);
      }
    }
    expect(compared, 'lines compared').toBeGreaterThan(200);
    expect(differences).toEqual([]);
  });
});
