// What the proof shows of the press copy: a newsprint soft proof (the CMYK page rendered back to screen colours
// through the press profile, paper white included) and an ink overlay marking where the plates carry more ink
// than the plant allows. Both are images laid over the proof's sheets.
import { execFile } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { PageInk } from './ink.ts';
import { childEnvironment, scratchFolder } from '../workspace/run-folder.ts';
import { encodePng } from './png.ts';

const run = promisify(execFile);

export interface PressView {
  readonly page: number;
  /** JPEG of the trim, 96 px an inch (one CSS pixel a pixel), as the press profile says newsprint will print it. */
  readonly softProof: Uint8Array;
  /** PNG of the bleed box: red where the total ink is over the limit, amber within 10 % of it, clear elsewhere. */
  readonly ink: Uint8Array;
  /** Ink over the limit, per cent, and the share of the page over it. */
  readonly maxInk: number;
  readonly overShare: number;
}

/** One CSS pixel is 1/96 inch: the soft proof matches the proof's sheet pixel for pixel. */
const softProofDpi = 96;

/** Each page's soft proof beside its ink overlay (the ink as the preflight measured it). */
export function pressViews(options: { softProofs: readonly Uint8Array[]; ink: readonly PageInk[]; limit: number }): PressView[] {
  return options.ink.map((page) => ({
    page: page.page,
    softProof: options.softProofs[page.page - 1] ?? new Uint8Array(0),
    ink: inkOverlay(page, options.limit),
    maxInk: page.max,
    overShare: page.overShare,
  }));
}

/** sRGB, from Debian's icc-profiles-free (installed with the TR 002 data the newsprint profile is built from). */
const screenProfile = '/usr/share/color/icc/sRGB.icc';

/** Each page of the press copy as newsprint will show it, a JPEG a page. */
export async function renderSoftProofs(pdf: Uint8Array, profile: string): Promise<Uint8Array[]> {
  const work = await scratchFolder('soft-proof');
  const missing = (tool: string, cause: unknown) => {
    if (typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === 'ENOENT') throw new BroadsheetError('GhostscriptMissing', `${tool} renders the newsprint soft proof, and it was not found; run \`npm run setup\`.`);
    throw cause;
  };
  try {
    const input = join(work, 'press.pdf');
    await writeFile(input, pdf);
    // The plates as the press copy gives them (CMYK, the trim), then through the press profile to the screen,
    // absolute colorimetric: unprinted paper shows as newsprint's grey, ink as it prints on it.
    await run('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=tiff32nc', `-r${softProofDpi}`, '-dUseTrimBox', `-sOutputFile=${join(work, 'page-%03d.tif')}`, input], { env: await childEnvironment(), maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }).catch((cause: unknown) => missing('Ghostscript (gs)', cause));
    const plates = (await readdir(work)).filter((name) => name.endsWith('.tif')).sort();
    const proofs: Uint8Array[] = [];
    for (const name of plates) {
      const output = join(work, name.replace(/\.tif$/, '.jpg'));
      await run('cctiff', ['-f', 'J', '-q', '85', '-ia', profile, '-ir', screenProfile, join(work, name), output], { timeout: 120_000 }).catch((cause: unknown) => missing("Argyll's cctiff", cause));
      proofs.push(await readFile(output));
    }
    return proofs;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The plates' total ink as an overlay: over the limit red, within 10 % of it amber, the rest transparent. */
export function inkOverlay(page: PageInk, limit: number): Uint8Array {
  const { width, height, pixels } = page.raster;
  const over = (limit / 100) * 255;
  const near = over * 0.9;
  const rgba = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const at = pixel * 4;
    const ink = (pixels[at] ?? 0) + (pixels[at + 1] ?? 0) + (pixels[at + 2] ?? 0) + (pixels[at + 3] ?? 0);
    if (ink > over) rgba.set([230, 0, 40, 200], at);
    else if (ink > near) rgba.set([255, 170, 0, 150], at);
  }
  return encodePng(width, height, rgba);
}
