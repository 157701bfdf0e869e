// Total ink coverage, measured on the rendered plates: Ghostscript renders each page's bleed box as CMYK pixels
// (pamcmyk32), and the sum of C, M, Y and K at each pixel is the ink there. The maximum and where it is, per page,
// and the pixels over the limit, for the proof's ink overlay.
import { execFile } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childEnvironment, scratchFolder } from '../workspace/run-folder.ts';
import { BroadsheetError } from '../errors/catalogue.ts';
import { timed } from '../workspace/stage-clock.ts';

const run = promisify(execFile);

export interface PageInk {
  readonly page: number;
  /** Highest total ink on the page, per cent, and where: millimetres from the bleed box's top left. */
  readonly max: number;
  readonly at: { readonly x: number; readonly y: number };
  /** Share of the page's pixels over the limit. */
  readonly overShare: number;
  /** The rendered plates, for the overlay: width × height pixels, 4 bytes (C, M, Y, K) each. */
  readonly raster: { readonly width: number; readonly height: number; readonly dpi: number; readonly pixels: Uint8Array };
}

/** Renders the bleed box of every page at `dpi` and measures its ink against `limit` per cent. */
export async function measureInk(pdf: Uint8Array, limit: number, dpi = 72): Promise<PageInk[]> {
  const work = await scratchFolder('ink');
  try {
    const input = join(work, 'in.pdf');
    await writeFile(input, pdf);
    await timed('ink plates', async () => run('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pamcmyk32', `-r${dpi}`, '-dUseBleedBox', '-sOutputFile=' + join(work, 'page-%03d.pam'), input], { env: await childEnvironment(), maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }).catch((cause: unknown) => {
      if (typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === 'ENOENT') throw new BroadsheetError('GhostscriptMissing', 'Ghostscript (gs) renders the plates the preflight measures ink on, and it was not found.');
      throw cause;
    }));
    const pages: PageInk[] = [];
    for (const name of (await readdir(work)).filter((file) => file.endsWith('.pam')).sort()) {
      const raster = parsePam(await readFile(join(work, name)));
      let max = 0;
      let at = 0;
      let over = 0;
      const { pixels } = raster;
      const threshold = (limit / 100) * 255;
      for (let offset = 0; offset < pixels.length; offset += 4) {
        const ink = (pixels[offset] ?? 0) + (pixels[offset + 1] ?? 0) + (pixels[offset + 2] ?? 0) + (pixels[offset + 3] ?? 0);
        if (ink > max) {
          max = ink;
          at = offset / 4;
        }
        if (ink > threshold) over++;
      }
      const mmPerPixel = 25.4 / dpi;
      pages.push({
        page: pages.length + 1,
        max: Math.round((max / 255) * 1000) / 10,
        at: { x: Math.round((at % raster.width) * mmPerPixel), y: Math.round(Math.floor(at / raster.width) * mmPerPixel) },
        overShare: Math.round((over / (pixels.length / 4)) * 10_000) / 10_000,
        raster: { ...raster, dpi },
      });
    }
    return pages;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function parsePam(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const end = bytes.indexOf('ENDHDR\n');
  const header = bytes.subarray(0, end).toString('latin1');
  const width = Number(/WIDTH (\d+)/.exec(header)?.[1]);
  const height = Number(/HEIGHT (\d+)/.exec(header)?.[1]);
  return { width, height, pixels: new Uint8Array(bytes.buffer, bytes.byteOffset + end + 7, width * height * 4) };
}
