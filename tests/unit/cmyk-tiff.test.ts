// encodeCmykTiff(): the plates handed to Argyll's cctiff for the soft proof, read back by another TIFF reader
// (libvips, through sharp): size, resolution, and the pixels of the window cut from a larger raster.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeCmykTiff } from '../../src/preflight/tiff.ts';

/** A 7 × 5 raster whose every byte says where it is: C = x, M = y, Y = 100 + x + y, K = 200. */
const rasterWidth = 7;
const rasterHeight = 5;
const raster = new Uint8Array(rasterWidth * rasterHeight * 4);
for (let y = 0; y < rasterHeight; y++) for (let x = 0; x < rasterWidth; x++) raster.set([x, y, 100 + x + y, 200], (y * rasterWidth + x) * 4);

const readBack = async (tiff: Buffer) => {
  const { data, info } = await sharp(tiff).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  const metadata = await sharp(tiff).metadata();
  return { data, info, metadata };
};

describe('the soft proof’s CMYK TIFF', () => {
  it('holds a whole raster as given, CMYK at the given resolution', async () => {
    const { data, info, metadata } = await readBack(encodeCmykTiff(rasterWidth, rasterHeight, raster, 96));
    expect([info.width, info.height, info.channels]).toEqual([rasterWidth, rasterHeight, 4]);
    expect(metadata.space).toBe('cmyk');
    expect(metadata.density).toBe(96);
    expect(Buffer.compare(data, Buffer.from(raster))).toBe(0);
  });

  it('holds exactly the window it is cut to (the trim inside the bleed), row by row', async () => {
    const { data, info } = await readBack(encodeCmykTiff(4, 3, raster, 96, { x: 2, y: 1, stride: rasterWidth }));
    expect([info.width, info.height]).toEqual([4, 3]);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) expect([...data.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4)]).toEqual([x + 2, y + 1, 100 + x + y + 3, 200]);
  });
});
