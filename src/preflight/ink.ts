// Total ink coverage, measured on the rendered plates: Ghostscript renders each page's bleed box as CMYK pixels
// (pamcmyk32), and the sum of C, M, Y and K at each pixel is the ink there. The maximum and where it is, per page,
// and the pixels over the limit, for the proof's ink overlay; the soft proof is made from the same plates.
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
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
  /** The rendered plates, for the overlay and the soft proof. */
  readonly raster: Plates;
}

/** A page's plates as Ghostscript renders them: width × height pixels of C, M, Y and K, the bleed box at `dpi`. */
export interface Plates {
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  readonly pixels: Uint8Array;
}

/**
 * The plates are rendered at 96 px an inch (one CSS pixel a pixel): the preflight measures ink on them, and the soft
 * proof and ink overlay are made from the same render, so one Ghostscript run serves all three.
 */
export const platesDpi = 96;

export interface PlatesOptions {
  readonly dpi?: number;
  /** Told once Ghostscript runs, so that the thread can do other work meanwhile. */
  readonly started?: () => void;
  /**
   * The PDF is Broadsheet's own press copy, whose every colour is DeviceCMYK or DeviceGray: Ghostscript is told not
   * to build ICC links for them (-dUseFastColor). Those links are identities here (DeviceCMYK and the pamcmyk32
   * device share Ghostscript's default CMYK profile; grey goes to the black plate alone either way), so the pixels
   * are the same, byte for byte, and building them was 40 % of Ghostscript's time (0.27 s → 0.16 s on the sample).
   * A PDF from elsewhere may hold RGB or ICC colour and is rendered through the ICC links.
   */
  readonly deviceColour?: boolean;
}

/** Renders the bleed box of every page of `pdf` as CMYK pixels, read from Ghostscript's output as it comes. */
export async function renderPlates(pdf: Uint8Array, options: PlatesOptions = {}): Promise<Plates[]> {
  const dpi = options.dpi ?? platesDpi;
  const work = await scratchFolder('plates');
  try {
    const input = join(work, 'in.pdf');
    await writeFile(input, pdf);
    // Ghostscript's own messages go to stderr (-sstdout=%stderr), so stdout carries the pages' PAM images alone.
    const args = ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', ...(options.deviceColour ? ['-dUseFastColor'] : []), '-sstdout=%stderr', '-sDEVICE=pamcmyk32', `-r${dpi}`, '-dUseBleedBox', '-sOutputFile=-', input];
    const rendering = timed('ink plates', async () => run('gs', args, { env: await childEnvironment(), encoding: 'buffer', maxBuffer: Number.MAX_SAFE_INTEGER, timeout: 120_000 }).catch((cause: unknown) => {
      if (typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === 'ENOENT') throw new BroadsheetError('GhostscriptMissing', 'Ghostscript (gs) renders the plates the preflight measures ink on, and it was not found.');
      throw cause;
    }));
    options.started?.();
    return pamPages((await rendering).stdout).map((page) => ({ ...page, dpi }));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Measures the ink of each page's plates against `limit` per cent. */
export function inkOf(plates: readonly Plates[], limit: number): PageInk[] {
  return plates.map((raster, index) => {
    let max = 0;
    let at = 0;
    let over = 0;
    const { pixels, dpi } = raster;
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
    return {
      page: index + 1,
      max: Math.round((max / 255) * 1000) / 10,
      at: { x: Math.round((at % raster.width) * mmPerPixel), y: Math.round(Math.floor(at / raster.width) * mmPerPixel) },
      overShare: Math.round((over / (pixels.length / 4)) * 10_000) / 10_000,
      raster,
    };
  });
}

/** Renders the bleed box of every page and measures its ink against `limit` per cent. */
export async function measureInk(pdf: Uint8Array, limit: number): Promise<PageInk[]> {
  return inkOf(await renderPlates(pdf), limit);
}

/** The pages of a PAM stream: one image after another, each its header (to ENDHDR) and width × height × 4 bytes. */
function pamPages(bytes: Buffer): Array<{ width: number; height: number; pixels: Uint8Array }> {
  const pages: Array<{ width: number; height: number; pixels: Uint8Array }> = [];
  for (let at = 0; at < bytes.length; ) {
    const end = bytes.indexOf('ENDHDR\n', at);
    if (end < 0) break;
    const header = bytes.subarray(at, end).toString('latin1');
    const width = Number(/WIDTH (\d+)/.exec(header)?.[1]);
    const height = Number(/HEIGHT (\d+)/.exec(header)?.[1]);
    const start = end + 'ENDHDR\n'.length;
    pages.push({ width, height, pixels: new Uint8Array(bytes.buffer, bytes.byteOffset + start, width * height * 4) });
    at = start + width * height * 4;
  }
  return pages;
}
