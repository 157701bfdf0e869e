// Reads a photo's format and pixel size from its bytes and refuses files Chromium would print silently broken.
import { crc32, inflateSync } from 'node:zlib';
import { ascii, formatFound } from './photo-format.ts';

export interface PhotoFacts {
  readonly format: 'jpeg' | 'png';
  readonly width: number;
  readonly height: number;
}

/** What a JPEG says beyond its size: the page needs it upright and in RGB, so these are converted first. */
export interface JpegTraits {
  /** 4 for a CMYK (or YCCK) JPEG from a picture desk or a prepress tool. */
  readonly components: number;
  /** EXIF orientation, 1 (upright) to 8: phones store portraits sideways and say so here. */
  readonly orientation: number;
}

/** Above this many pixels a photo is refused: a decompression bomb, or far beyond any press need. */
export const maxPhotoPixels = 120_000_000;

export type PhotoVerdict = { ok: true; facts: PhotoFacts; traits?: JpegTraits } | { ok: false; reason: string; found?: string };

export function inspectPhoto(bytes: Uint8Array): PhotoVerdict {
  const verdict = isJpeg(bytes) ? inspectJpeg(bytes) : isPng(bytes) ? inspectPng(bytes) : undefined;
  if (!verdict) {
    const found = formatFound(bytes);
    return {
      ok: false,
      ...(found ? { found } : {}),
      reason: found
        ? `is ${found}; Broadsheet prints JPEG, PNG, WebP, AVIF, TIFF and GIF photos: export it as JPEG${found.includes('SVG') || found.includes('PDF') ? ' or PNG at the size it prints (300 ppi)' : ''} and name that file`
        : 'is not a JPEG or PNG image (its first bytes say otherwise)',
    };
  }
  if (!verdict.ok) return verdict;
  const { width, height } = verdict.facts;
  if (width === 0 || height === 0) return { ok: false, reason: 'says it is 0 pixels wide or high' };
  if (width * height > maxPhotoPixels) {
    return { ok: false, reason: `is ${width}×${height} pixels (${Math.round((width * height) / 1e6)} MP), more than the ${maxPhotoPixels / 1e6} MP limit` };
  }
  return verdict;
}

const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (b: Uint8Array) => b.length > 8 && pngSignature.every((value, index) => b[index] === value);

function inspectJpeg(bytes: Uint8Array): PhotoVerdict {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let facts: PhotoFacts | undefined;
  let components = 3;
  let orientation = 1;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return { ok: false, reason: `is a damaged JPEG (no segment marker at byte ${offset})` };
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) break;
    if (marker >= 0xd0 && marker <= 0xd7) {
      offset += 2;
      continue;
    }
    const length = view.getUint16(offset + 2);
    const isFrameHeader = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrameHeader && offset + 9 <= bytes.length) {
      facts = { format: 'jpeg', height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
      components = bytes[offset + 9] ?? 3;
    }
    if (marker === 0xe1 && offset + 4 + length <= bytes.length) orientation = exifOrientation(bytes.subarray(offset + 4, offset + 2 + length)) ?? orientation;
    if (marker === 0xda) break; // entropy-coded data follows; the end is checked below
    offset += 2 + length;
  }
  if (!facts) return { ok: false, reason: 'is a damaged JPEG (no frame header with its size)' };
  if (!endsWithJpegEnd(bytes)) return { ok: false, reason: 'is a truncated JPEG (the file stops before its end marker); export it again' };
  return { ok: true, facts, traits: { components, orientation } };
}

/** The orientation tag (0x0112) of IFD0 in an APP1 Exif segment, if there is one. */
function exifOrientation(segment: Uint8Array): number | undefined {
  if (ascii(segment, 0, 6) !== 'Exif\0\0' || segment.length < 14) return undefined;
  const tiff = new DataView(segment.buffer, segment.byteOffset + 6, segment.byteLength - 6);
  const little = ascii(segment, 6, 8) === 'II';
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return undefined;
  const entries = tiff.getUint16(ifd, little);
  for (let index = 0; index < entries; index++) {
    const at = ifd + 2 + index * 12;
    if (at + 12 > tiff.byteLength) return undefined;
    if (tiff.getUint16(at, little) === 0x0112) {
      const value = tiff.getUint16(at + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

function endsWithJpegEnd(bytes: Uint8Array): boolean {
  // Some cameras pad after the end marker; look at the last few bytes only.
  for (let index = bytes.length - 2; index >= Math.max(2, bytes.length - 64); index--) {
    if (bytes[index] === 0xff && bytes[index + 1] === 0xd9) return true;
  }
  return false;
}

function inspectPng(bytes: Uint8Array): PhotoVerdict {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkType = (at: number) => String.fromCharCode(...bytes.subarray(at + 4, at + 8));
  if (bytes.length < 33 || chunkType(8) !== 'IHDR') return { ok: false, reason: 'is a damaged PNG (no IHDR header)' };
  const facts: PhotoFacts = { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  if (facts.width * facts.height > maxPhotoPixels) return { ok: true, facts }; // refused by size before any inflating
  const data: Uint8Array[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = chunkType(offset);
    if (offset + 12 + length > bytes.length) break;
    // Every chunk carries a CRC of its type and data: a mismatch means damaged bytes Chromium would print as blank.
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) {
      return { ok: false, reason: `is a damaged PNG (the ${type} chunk at byte ${offset} fails its checksum); export it again` };
    }
    if (type === 'IDAT') data.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') return checkPixels(data, facts, bytes[24] ?? 8, bytes[25] ?? 2);
    offset += 12 + length;
  }
  return { ok: false, reason: 'is a truncated PNG (no IEND chunk); export it again' };
}

const channelsByColourType: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Inflates the pixel data (bounded by the size it must have) to be sure it is all there. */
function checkPixels(data: readonly Uint8Array[], facts: PhotoFacts, bitDepth: number, colourType: number): PhotoVerdict {
  const channels = channelsByColourType[colourType] ?? 4;
  const rowBytes = Math.ceil((facts.width * channels * bitDepth) / 8) + 1;
  // Interlaced images carry a little more; allow for it.
  const expected = rowBytes * facts.height;
  try {
    const pixels = inflateSync(Buffer.concat(data), { maxOutputLength: Math.ceil(expected * 1.2) + 1024 });
    if (pixels.length < expected) return { ok: false, reason: 'is a truncated PNG (its pixel data stops early); export it again' };
  } catch {
    return { ok: false, reason: 'is a damaged PNG (its pixel data cannot be unpacked); export it again' };
  }
  return { ok: true, facts };
}
