// inspectPhoto(): reads a photo's format and size from its bytes, and refuses what Chromium would print broken or could not hold in memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPhoto, maxPhotoPixels } from '../../src/manuscript/photo-file.ts';
import { jpegBytes, noiseBytes, pngBytes, truncated } from '../helpers/images.ts';
import { sampleDir } from '../helpers/sample-article.ts';

/** A copy of a JPEG whose frame header claims another size. */
function jpegClaiming(width: number, height: number): Uint8Array {
  const bytes = Uint8Array.from(jpegBytes(8, 8));
  const frame = bytes.findIndex((value, index) => value === 0xff && bytes[index + 1] === 0xc0);
  bytes.set([height >> 8, height & 0xff, width >> 8, width & 0xff], frame + 5);
  return bytes;
}

/** A PNG with every chunk in place but its pixel data overwritten (its checksum no longer matches). */
function pngWithCorruptData(): Uint8Array {
  const bytes = Buffer.from(pngBytes(64, 64));
  const data = bytes.indexOf('IDAT', 0, 'latin1') + 4;
  bytes.fill(0x55, data, data + 16);
  return bytes;
}

/** The JPEG with an APP1 Exif segment (one IFD0 entry: orientation) right after its start marker. */
function withExifOrientation(jpeg: Uint8Array, orientation: number, littleEndian = false): Uint8Array {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write(littleEndian ? 'II' : 'MM', 0, 'latin1');
  const u16 = (value: number, at: number) => (littleEndian ? tiff.writeUInt16LE(value, at) : tiff.writeUInt16BE(value, at));
  const u32 = (value: number, at: number) => (littleEndian ? tiff.writeUInt32LE(value, at) : tiff.writeUInt32BE(value, at));
  u16(42, 2);
  u32(8, 4);
  u16(1, 8);
  u16(0x0112, 10);
  u16(3, 12);
  u32(1, 14);
  u16(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Uint8Array.from(Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), segment, Buffer.from(jpeg.subarray(2))]));
}

describe('inspectPhoto accepts real photos and reads their size', () => {
  it.each([
    ['a JPEG', jpegBytes(37, 23), { format: 'jpeg', width: 37, height: 23 }],
    ['a PNG', pngBytes(41, 17), { format: 'png', width: 41, height: 17 }],
    ['the sample’s highway photo', readFileSync(join(sampleDir, 'images/highway.jpg')), { format: 'jpeg', width: 3600, height: 2400 }],
    ['the sample’s upright photo', readFileSync(join(sampleDir, 'images/research-visit.jpg')), { format: 'jpeg', width: 1600, height: 2200 }],
    ['a JPEG with bytes padded after its end', Uint8Array.from([...jpegBytes(16, 16), 0, 0, 0, 0]), { format: 'jpeg', width: 16, height: 16 }],
  ])('%s', (_, bytes, facts) => {
    expect(inspectPhoto(bytes)).toMatchObject({ ok: true, facts });
  });

  it('reads a JPEG’s colour components and EXIF orientation, which decide whether it is converted first', () => {
    expect(inspectPhoto(jpegBytes(16, 16))).toMatchObject({ traits: { components: 1, orientation: 1 } });
    const highway = readFileSync(join(sampleDir, 'images/highway.jpg'));
    expect(inspectPhoto(highway)).toMatchObject({ traits: { components: 3, orientation: 1 } });
    expect(inspectPhoto(withExifOrientation(jpegBytes(16, 16), 6))).toMatchObject({ traits: { orientation: 6 } });
    expect(inspectPhoto(withExifOrientation(jpegBytes(16, 16), 8, true))).toMatchObject({ traits: { orientation: 8 } });
  });

  it(`takes a photo of exactly ${maxPhotoPixels / 1e6} megapixels`, () => {
    // A real JPEG of that size (flat grey, so small); a PNG claiming it without the pixels is refused as truncated.
    expect(inspectPhoto(jpegBytes(12_000, 10_000))).toMatchObject({ ok: true, facts: { format: 'jpeg', width: 12_000, height: 10_000 } });
    expect(inspectPhoto(pngBytes(4, 4, { width: 1_000, height: 1_000 })).ok).toBe(false);
  });
});

describe('inspectPhoto refuses', () => {
  it.each([
    ['random bytes', noiseBytes(4096), 'not a JPEG or PNG'],
    ['an empty file', new Uint8Array(0), 'not a JPEG or PNG'],
    ['a GIF', Uint8Array.from(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')), 'is a GIF image'],
    ['a WebP from the web', Uint8Array.from(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1')), 'is a WebP image'],
    ['an iPhone photo (HEIC)', Uint8Array.from(Buffer.from('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic', 'latin1')), 'is a HEIC/HEIF image (an iPhone photo)'],
    ['an AVIF', Uint8Array.from(Buffer.from('\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1', 'latin1')), 'is an AVIF image'],
    ['a scanner’s TIFF', Uint8Array.from(Buffer.from('II*\x00\x08\x00\x00\x00', 'latin1')), 'is a TIFF image'],
    ['a chart as SVG', Uint8Array.from(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', 'utf8')), 'is an SVG drawing; Broadsheet prints JPEG, PNG, WebP, AVIF, TIFF and GIF photos: export it as JPEG or PNG at the size it prints'],
    ['random bytes behind a JPEG signature', Uint8Array.from([0xff, 0xd8, 0xff, ...noiseBytes(4096, 3)]), 'damaged JPEG'],
    ['a truncated JPEG', truncated(jpegBytes(320, 200), 0.6), 'truncated JPEG'],
    ['the sample’s highway photo cut in half', truncated(readFileSync(join(sampleDir, 'images/highway.jpg'))), 'truncated JPEG'],
    ['a truncated PNG', truncated(pngBytes(320, 200), 0.6), 'truncated PNG'],
    ['a PNG cut inside its header', pngBytes(320, 200).slice(0, 20), 'damaged PNG'],
    ['a PNG header claiming 50000×50000 pixels (a decompression bomb)', pngBytes(4, 4, { width: 50_000, height: 50_000 }), '2500 MP'],
    ['a PNG one pixel row over the limit', pngBytes(4, 4, { width: 12_000, height: 10_001 }), 'more than the 120 MP limit'],
    ['a JPEG header claiming 65535×65535 pixels', jpegClaiming(65_535, 65_535), 'more than the 120 MP limit'],
    ['a PNG claiming 0 pixels', pngBytes(4, 4, { width: 0, height: 0 }), '0 pixels'],
  ])('%s', (_, bytes, reason) => {
    const verdict = inspectPhoto(bytes);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toContain(reason);
  });

  it('names the format found, so the photo stage can convert WebP, AVIF, TIFF and GIF and refuse the rest', () => {
    const found = (text: string) => {
      const verdict = inspectPhoto(Uint8Array.from(Buffer.from(text, 'latin1')));
      return verdict.ok ? undefined : verdict.found;
    };
    expect(found('RIFF\x24\x00\x00\x00WEBPVP8 ')).toBe('a WebP image');
    expect(found('\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic')).toBe('a HEIC/HEIF image (an iPhone photo)');
    expect(found('BM\x00\x00')).toBe('a BMP image');
    expect(found('not an image at all')).toBeUndefined();
  });

  it('a PNG whose pixel data is corrupt (its chunk checksum fails), which Chromium prints half blank without a word', () => {
    expect(inspectPhoto(pngWithCorruptData()).ok).toBe(false);
  });
});
