// The press PDF's plates as a plant's RIP would make them: Ghostscript renders each page's MediaBox to CMYK pixels
// (pamcmyk32), one byte per plate per pixel, so the ink of any area on any plate can be read back.
import { execFileSync } from 'node:child_process';
import type { Rect } from './poppler.ts';

export interface Plates {
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  /** C, M, Y, K bytes per pixel, rows from the top. */
  readonly pixels: Uint8Array;
}

/** `extra` are further Ghostscript options (-dUseBleedBox to render the bleed box instead of the MediaBox). */
export function renderPlates(pdf: string, dpi = 100, page = 1, extra: readonly string[] = []): Plates {
  const pam = execFileSync('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', `-dFirstPage=${page}`, `-dLastPage=${page}`, ...extra, '-sDEVICE=pamcmyk32', `-r${dpi}`, '-sOutputFile=-', pdf], { maxBuffer: 512 * 1024 * 1024 });
  const end = pam.indexOf('ENDHDR\n');
  const header = pam.toString('latin1', 0, end);
  const width = Number(/WIDTH (\d+)/.exec(header)?.[1]);
  const height = Number(/HEIGHT (\d+)/.exec(header)?.[1]);
  return { width, height, dpi, pixels: new Uint8Array(pam.buffer, pam.byteOffset + end + 7, width * height * 4) };
}

export interface AreaInk {
  /** The most any pixel carries on each plate, 0–255. */
  readonly max: readonly [number, number, number, number];
  /** Pixels in the area. */
  readonly pixels: number;
}

/** The ink in `rect` (points from the MediaBox's top left, as pdftotext -bbox reports words). */
export function inkIn(plates: Plates, rect: Rect): AreaInk {
  const scale = plates.dpi / 72;
  const x1 = Math.max(0, Math.floor(rect.left * scale));
  const x2 = Math.min(plates.width, Math.ceil(rect.right * scale));
  const y1 = Math.max(0, Math.floor(rect.top * scale));
  const y2 = Math.min(plates.height, Math.ceil(rect.bottom * scale));
  const max: [number, number, number, number] = [0, 0, 0, 0];
  for (let y = y1; y < y2; y++) {
    for (let x = x1; x < x2; x++) {
      const at = (y * plates.width + x) * 4;
      for (let plate = 0; plate < 4; plate++) max[plate] = Math.max(max[plate] ?? 0, plates.pixels[at + plate] ?? 0);
    }
  }
  return { max, pixels: Math.max(0, x2 - x1) * Math.max(0, y2 - y1) };
}

/** The highest total ink (C + M + Y + K, per cent) inside `rect`, in points from the MediaBox's top left. */
export function maxTotalInk(plates: Plates, rect: Rect): number {
  const scale = plates.dpi / 72;
  let most = 0;
  for (let y = Math.max(0, Math.floor(rect.top * scale)); y < Math.min(plates.height, Math.ceil(rect.bottom * scale)); y++) {
    for (let x = Math.max(0, Math.floor(rect.left * scale)); x < Math.min(plates.width, Math.ceil(rect.right * scale)); x++) {
      const at = (y * plates.width + x) * 4;
      most = Math.max(most, (plates.pixels[at] ?? 0) + (plates.pixels[at + 1] ?? 0) + (plates.pixels[at + 2] ?? 0) + (plates.pixels[at + 3] ?? 0));
    }
  }
  return (most / 255) * 100;
}

/**
 * The CMYK (per cent) Argyll's own link (sRGB → `profile`, relative colorimetric) gives for each sRGB colour (0–255):
 * the reference a press copy's colours are held to. `work` is a folder for the link.
 */
export function argyllCmyk(profile: string, colours: ReadonlyArray<readonly number[]>, work: string): number[][] {
  const link = `${work}/srgb-to-press.icc`;
  execFileSync('collink', ['-ir', '/usr/share/color/icc/sRGB.icc', profile, link], { stdio: 'ignore' });
  const out = execFileSync('xicclu', ['-s255', link], { input: colours.map((colour) => colour.join(' ')).join('\n') + '\n' }).toString();
  return [...out.matchAll(/->\s*Lut\s*->\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/g)].map((match) => match.slice(1, 5).map((value) => (Number(value) / 255) * 100));
}
