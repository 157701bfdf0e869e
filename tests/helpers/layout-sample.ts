// One build of a manuscript and everything the layout tests read from it: layout.json, the PDF through poppler, the proof.
import { join } from 'node:path';
import { build } from '../../src/index.ts';
import type { BuildResult } from '../../src/build.ts';
import type { PressBrowser } from '../../src/render/browser.ts';
import type { FrameReport } from '../../src/layout/report.ts';
import { readArticleBody, comparable, type ArticleBody } from './layout-article.ts';
import { readGridPreset, type GridPreset } from './layout-grid.ts';
import { readLayoutJson, type ReadReport } from './layout-json.ts';
import { embeddedImages, pdfFacts, readPdfPages, type EmbeddedImage, type PdfFacts, type PdfPage } from './layout-pdf.ts';
import { readProof, type ProofSnapshot } from './layout-proof.ts';
import { isJumpLine } from './layout-rules.ts';

export interface LaidOut {
  readonly result: BuildResult;
  /** layout.json as written to the output folder. */
  readonly report: ReadReport;
  readonly grid: GridPreset;
  readonly article: ArticleBody;
  readonly pdf: { readonly facts: PdfFacts; readonly pages: readonly PdfPage[]; readonly images: readonly EmbeddedImage[] };
  readonly proof: ProofSnapshot;
}

export async function layOut(options: { dir: string; outDir: string; grid: string; useGridOption: boolean; allowJump?: boolean; press: PressBrowser }): Promise<LaidOut> {
  const result = await build({
    dir: options.dir,
    outDir: options.outDir,
    press: options.press,
    ...(options.useGridOption ? { grid: options.grid } : {}),
    ...(options.allowJump ? { allowJump: true } : {}),
  });
  return {
    result,
    report: await readLayoutJson(join(result.outDir, 'layout.json')),
    grid: readGridPreset(options.grid),
    article: readArticleBody(join(options.dir, 'article.md')),
    // Geometry and photos are read from the screen copy: Chromium's page as printed, cut to the trim. The press copy
    // (PDF/X) has the bleed round it and CMYK photos; its own tests check it.
    pdf: { facts: pdfFacts(result.pdfPath), pages: readPdfPages(result.screenPath), images: embeddedImages(result.screenPath) },
    proof: await readProof(options.press, result.proofPath),
  };
}

export interface PlacedFrame extends FrameReport {
  readonly page: number;
}

/** Every frame of every page, in reading order (page, then the order the report lists them). */
export const framesOf = (report: ReadReport): PlacedFrame[] =>
  report.pages.flatMap((page) => page.frames.map((frame) => ({ ...frame, page: page.number })));

/** The frames' lines joined in reading order, jump lines left out, as `comparable` text. */
export function frameStream(report: ReadReport, latin: boolean): string {
  return framesOf(report)
    .flatMap((frame) => frame.text)
    .filter((line) => !isJumpLine(line.text))
    .map((line) => comparable(line.text, latin))
    .join('');
}
