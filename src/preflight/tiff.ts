// A minimal TIFF writer (8-bit CMYK, uncompressed, one strip), for handing rendered plates to Argyll's cctiff:
// nothing on npm is needed for one image kind.

/** Where the image lies in a larger raster: its top left pixel, and the raster's width in pixels. */
export interface RasterWindow {
  readonly x: number;
  readonly y: number;
  readonly stride: number;
}

/**
 * `cmyk` holds pixels of 4 bytes each (C, M, Y, K), row by row from the top: width × height of them, or a raster the
 * image is a `window` of (copied from it row by row into the file, with no copy of its own in between).
 */
export function encodeCmykTiff(width: number, height: number, cmyk: Uint8Array, dpi: number, window: RasterWindow = { x: 0, y: 0, stride: width }): Buffer {
  const SHORT = 3;
  const LONG = 4;
  const RATIONAL = 5;
  const entries: Array<[tag: number, type: number, count: number, value: number]> = [];
  const ifdAt = 8;
  const entryCount = 14;
  const extraAt = ifdAt + 2 + entryCount * 12 + 4;
  const bitsAt = extraAt;
  const xResolutionAt = bitsAt + 8;
  const yResolutionAt = xResolutionAt + 8;
  const pixelsAt = yResolutionAt + 8;
  entries.push(
    [256, LONG, 1, width],
    [257, LONG, 1, height],
    [258, SHORT, 4, bitsAt],
    [259, SHORT, 1, 1], // no compression
    [262, SHORT, 1, 5], // separated (CMYK)
    [273, LONG, 1, pixelsAt],
    [277, SHORT, 1, 4],
    [278, LONG, 1, height],
    [279, LONG, 1, width * height * 4],
    [282, RATIONAL, 1, xResolutionAt],
    [283, RATIONAL, 1, yResolutionAt],
    [284, SHORT, 1, 1], // chunky: C M Y K of a pixel together
    [296, SHORT, 1, 2], // inches
    [332, SHORT, 1, 1], // the ink set is CMYK
  );
  const file = Buffer.alloc(pixelsAt + width * height * 4);
  file.write('II', 0, 'latin1');
  file.writeUInt16LE(42, 2);
  file.writeUInt32LE(ifdAt, 4);
  file.writeUInt16LE(entryCount, ifdAt);
  entries.forEach(([tag, type, count, value], index) => {
    const at = ifdAt + 2 + index * 12;
    file.writeUInt16LE(tag, at);
    file.writeUInt16LE(type, at + 2);
    file.writeUInt32LE(count, at + 4);
    // A SHORT held in the entry sits in its first two bytes; longer values are elsewhere, by offset.
    if (type === SHORT && count === 1) file.writeUInt16LE(value, at + 8);
    else file.writeUInt32LE(value, at + 8);
  });
  file.writeUInt32LE(0, ifdAt + 2 + entryCount * 12); // no further image
  for (let plate = 0; plate < 4; plate++) file.writeUInt16LE(8, bitsAt + plate * 2);
  for (const at of [xResolutionAt, yResolutionAt]) {
    file.writeUInt32LE(dpi, at);
    file.writeUInt32LE(1, at + 4);
  }
  for (let row = 0; row < height; row++) {
    const from = ((row + window.y) * window.stride + window.x) * 4;
    file.set(cmyk.subarray(from, from + width * 4), pixelsAt + row * width * 4);
  }
  return file;
}
