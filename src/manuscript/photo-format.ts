// Names the format of a file that is not a JPEG or PNG, from its first bytes: what phones (HEIC, AVIF, WebP),
// scanners (TIFF), the web (GIF, SVG) and chart tools (SVG, PDF) send, so a refusal can say what was found.

export const ascii = (bytes: Uint8Array, from: number, to: number): string => Buffer.from(bytes.subarray(from, to)).toString('latin1');

/** Formats Broadsheet converts itself (photo-convert.ts); the others are refused, naming what was found. */
export const convertibleFormats: ReadonlySet<string> = new Set(['a WebP image', 'an AVIF image', 'a TIFF image', 'a GIF image']);

export function formatFound(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'a WebP image';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (/^avi[fs]$/.test(brand)) return 'an AVIF image';
    if (/^(?:hei[cxms]|hev[cx]|mif1|msf1)$/.test(brand)) return 'a HEIC/HEIF image (an iPhone photo)';
    return `an ISO media file (${brand.trim()})`;
  }
  const head = ascii(bytes, 0, 4);
  if (head === 'II*\0' || head === 'MM\0*') return 'a TIFF image';
  if (head.startsWith('GIF8')) return 'a GIF image';
  if (head.startsWith('BM')) return 'a BMP image';
  if (head === '%PDF') return 'a PDF';
  const text = ascii(bytes, 0, Math.min(bytes.length, 512)).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return 'an SVG drawing';
  return undefined;
}
