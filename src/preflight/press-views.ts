// What the proof shows of the press copy: a newsprint soft proof (the CMYK page rendered back to screen colours
// through the press profile, paper white included) and an ink overlay marking where the plates carry more ink
// than the plant allows. Both are images laid over the proof's sheets.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { PageInk, Plates } from './ink.ts';
import { encodeCmykTiff } from './tiff.ts';
import { scratchFolder } from '../workspace/run-folder.ts';
import { encodeRows, pngRows } from './png.ts';

const run = promisify(execFile);

export interface PressView {
  readonly page: number;
  /** JPEG of the trim, 96 px an inch (one CSS pixel a pixel), as the press profile says newsprint will print it. */
  readonly softProof: Uint8Array;
  /** PNG of the bleed box, 96 px an inch: red where the total ink is over the limit, amber within 10 % of it, clear elsewhere. */
  readonly ink: Uint8Array;
  /** Ink over the limit, per cent, and the share of the page over it. */
  readonly maxInk: number;
  readonly overShare: number;
}

/** One CSS pixel is 1/96 inch: the soft proof matches the proof's sheet pixel for pixel. */
const softProofDpi = 96;

/** Each page's soft proof beside its ink overlay (inkOverlays) and the ink as the preflight measured it. */
export function pressViews(options: { softProofs: readonly Uint8Array[]; overlays: readonly Uint8Array[]; ink: readonly PageInk[] }): PressView[] {
  return options.ink.map((page) => ({
    page: page.page,
    softProof: options.softProofs[page.page - 1] ?? new Uint8Array(0),
    ink: options.overlays[page.page - 1] ?? new Uint8Array(0),
    maxInk: page.max,
    overShare: page.overShare,
  }));
}

/** sRGB, from Debian's icc-profiles-free (installed with the TR 002 data the newsprint profile is built from). */
const screenProfile = '/usr/share/color/icc/sRGB.icc';

/**
 * Each page of the press copy as newsprint will show it, a JPEG of its trim a page: the plates (rendered for the
 * preflight, the bleed box at one CSS pixel a pixel) cut to the trim, `bleed` mm in, and through the press profile to
 * the screen, absolute colorimetric: unprinted paper shows as newsprint's grey, ink as it prints on it. Its folder is
 * made while the plates render, and `started` is told once the first page's Argyll run is under way: the work that
 * waits for the same plates (the ink overlay) waits for that, so as not to hold the thread before it.
 */
export async function renderSoftProofs(rendering: Promise<readonly Plates[]>, bleed: number, profile: string, started?: () => void): Promise<Uint8Array[]> {
  const work = await scratchFolder('soft-proof');
  try {
    const plates = await rendering;
    const proofs: Uint8Array[] = [];
    for (const [index, page] of plates.entries()) {
      const plateFile = join(work, `page-${index + 1}.tif`);
      const output = join(work, `page-${index + 1}.jpg`);
      writeFileSync(plateFile, trimmedPlates(page, bleed));
      const converting = run('cctiff', ['-f', 'J', '-q', '85', '-ia', profile, '-ir', screenProfile, plateFile, output], { timeout: 120_000 }).catch((cause: unknown) => {
        if (typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === 'ENOENT') throw new BroadsheetError('GhostscriptMissing', "Argyll's cctiff renders the newsprint soft proof, and it was not found; run `npm run setup`.");
        throw cause;
      });
      if (index === 0) started?.();
      await converting;
      proofs.push(await readFile(output));
    }
    return proofs;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A page's plates cut to the trim, `bleed` mm in, as a CMYK TIFF. */
function trimmedPlates(page: Plates, bleed: number): Buffer {
  // Ghostscript rounds the bleed box's pixels up: the trim is what is left inside the bleed, to the whole pixel below.
  const exact = (bleed / 25.4) * page.dpi;
  const inset = Math.round(exact);
  const width = Math.max(1, Math.min(page.width - inset, Math.floor(page.width - 2 * exact)));
  const height = Math.max(1, Math.min(page.height - inset, Math.floor(page.height - 2 * exact)));
  return encodeCmykTiff(width, height, page.pixels, page.dpi, { x: inset, y: inset, stride: page.width });
}

/** Every page's ink overlay (inkOverlay), page by page. */
export const inkOverlays = (plates: readonly Plates[], limit: number): Promise<Uint8Array[]> => Promise.all(plates.map((raster) => inkOverlay(raster, limit)));

/** A page's total ink as an overlay: over the limit red, within 10 % of it amber, the rest transparent. */
export function inkOverlay(raster: Plates, limit: number): Promise<Uint8Array> {
  const { width, height, pixels } = raster;
  const over = (limit / 100) * 255;
  const near = over * 0.9;
  // Drawn straight into the PNG's rows: the page's 13 MB of RGBA are not made twice.
  const rows = pngRows(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0, from = y * width * 4, to = y * (width * 4 + 1) + 1; x < width; x++, from += 4, to += 4) {
      const ink = (pixels[from] ?? 0) + (pixels[from + 1] ?? 0) + (pixels[from + 2] ?? 0) + (pixels[from + 3] ?? 0);
      if (ink > over) rows.set(red, to);
      else if (ink > near) rows.set(amber, to);
    }
  }
  return encodeRows(width, height, rows);
}

const red = [230, 0, 40, 200];
const amber = [255, 170, 0, 150];
