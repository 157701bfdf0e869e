// Reads a PDF the way a plant's preflight does: decompressed by qpdf (every stream, no object streams), then the
// colour spaces and operators in it, the boxes, the output intent, the fonts (pdffonts) and the images (pdfimages).
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratchFolder } from '../workspace/run-folder.ts';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfImage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  /** pdfimages' colour column: gray, rgb, cmyk, icc, index, sep… */
  readonly color: string;
  readonly components: number;
  readonly xPpi: number;
  readonly yPpi: number;
}

export interface PdfFont {
  readonly name: string;
  readonly type: string;
  readonly embedded: boolean;
}

export interface ReadPdf {
  /** The whole file decompressed, as Latin-1 text (operators and dictionaries are ASCII). */
  readonly text: string;
  readonly images: readonly PdfImage[];
  readonly fonts: readonly PdfFont[];
  readonly pages: number;
  /** The version in the file's header (%PDF-1.6 → "1.6"). */
  readonly version: string;
}

export async function readPdf(pdf: Uint8Array): Promise<ReadPdf> {
  const work = await scratchFolder('preflight');
  try {
    const input = join(work, 'in.pdf');
    const flat = join(work, 'flat.pdf');
    await writeFile(input, pdf);
    // qpdf, pdfimages and pdffonts read the same file: side by side.
    const [text, images, fonts] = await Promise.all([
      run('qpdf', ['--qdf', '--object-streams=disable', '--decode-level=generalized', input, flat], { maxBuffer: 256 * 1024 * 1024 })
        .catch((error: unknown) => {
          // qpdf exits 3 for warnings it recovered from; the file is written.
          if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 3)) throw error;
        })
        .then(async () => (await readFile(flat)).toString('latin1')),
      run('pdfimages', ['-list', input], { maxBuffer: 64 * 1024 * 1024 }).then(({ stdout }) => parseImages(stdout)),
      run('pdffonts', [input], { maxBuffer: 64 * 1024 * 1024 }).then(({ stdout }) => parseFonts(stdout)),
    ]);
    // qpdf's QDF output heads each page's object with `%% Page N`: the page count, as qpdf reads the page tree.
    const pages = text.match(/^%% Page \d+$/gm)?.length ?? 0;
    const version = /^%PDF-(\d\.\d)/.exec(Buffer.from(pdf.subarray(0, 16)).toString('latin1'))?.[1] ?? 'unknown';
    return { text, images, fonts, pages, version };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function parseImages(listing: string): PdfImage[] {
  const images: PdfImage[] = [];
  for (const line of listing.split('\n').slice(2)) {
    const cells = line.trim().split(/\s+/);
    if (cells.length < 14 || cells[2] === 'smask' || cells[2] === 'stencil') continue;
    images.push({ page: Number(cells[0]), width: Number(cells[3]), height: Number(cells[4]), color: cells[5] ?? '', components: Number(cells[6]), xPpi: Number(cells[12]), yPpi: Number(cells[13]) });
  }
  return images;
}

function parseFonts(listing: string): PdfFont[] {
  const lines = listing.split('\n');
  const rule = lines[1] ?? '';
  const columns: Array<[number, number]> = [];
  for (const match of rule.matchAll(/-+/g)) columns.push([match.index, match.index + match[0].length]);
  const cell = (line: string, index: number) => {
    const [start, end] = columns[index] ?? [0, 0];
    return line.slice(start, end).trim();
  };
  return lines
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ name: cell(line, 0), type: cell(line, 1), embedded: cell(line, 3) === 'yes' }));
}
