// `broadsheet preflight FILE.pdf`: the plant's preflight on any PDF, with the house's rules and the house's page
// sizes. Reads the file only; writes nothing.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { ResolvedProject } from '../project/resolve.ts';
import { preflightPdf, preflightText, type PreflightReport, type Trim } from './preflight.ts';

export async function preflightFile(options: { project: ResolvedProject; file: string; grid?: string }): Promise<{ report: PreflightReport; text: string }> {
  const { project, file } = options;
  const pdf = await readFile(file).catch((cause: unknown) => {
    throw new BroadsheetError('PdfUnreadable', `${file} cannot be read: ${cause instanceof Error && 'code' in cause && cause.code === 'ENOENT' ? 'there is no such file' : String(cause)}.`, { cause });
  });
  if (!Buffer.from(pdf.subarray(0, 1024)).toString('latin1').includes('%PDF-')) throw new BroadsheetError('PdfUnreadable', `${file} is not a PDF: it does not start with a %PDF- header.`);
  const trims: Trim[] = options.grid
    ? [{ name: options.grid, ...project.gridFor({ name: options.grid, lang: project.paper.lang }).trim }]
    : [...project.grids.values()].map((grid) => ({ name: grid.name, ...grid.trim }));
  const report = await preflightPdf({ pdf, rules: project.press, trims }).catch((cause: unknown) => {
    if (cause instanceof BroadsheetError) throw cause;
    throw new BroadsheetError('PdfUnreadable', `${file} could not be read as a PDF (qpdf, pdfimages or Ghostscript refused it): ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`, { cause });
  });
  return { report, text: preflightText(report, basename(file)) };
}
