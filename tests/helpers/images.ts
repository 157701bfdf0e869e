// Tiny, real photo files made in memory: a mid-grey JPEG or PNG of any size, and ways to break them.
import { deflateSync, crc32 } from 'node:zlib';

/**
 * A baseline greyscale JPEG, every 8×8 block flat mid-grey. Each block is coded as
 * "DC difference 0, end of block" with one-code Huffman tables, so the data is two zero bits a block.
 */
export function jpegBytes(width: number, height: number): Uint8Array {
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const oneCodeTable = (classAndId: number) => segment(0xc4, [classAndId, 1, ...new Array<number>(15).fill(0), 0x00]);
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const data = new Array<number>(Math.ceil(bits / 8)).fill(0);
  // Pad the last byte with one bits, as the standard asks; it can never become 0xFF.
  if (bits % 8 !== 0) data[data.length - 1] = (1 << (8 - (bits % 8))) - 1;
  return Uint8Array.from([
    0xff, 0xd8,
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...oneCodeTable(0x00),
    ...oneCodeTable(0x10),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...data,
    0xff, 0xd9,
  ]);
}

/** One PNG chunk: length, type, body and its CRC. */
function pngChunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** A greyscale PNG; `claimed` lets the header state a different size than the pixels hold (a decompression bomb). */
export function pngBytes(width: number, height: number, claimed?: { width: number; height: number }): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(claimed?.width ?? width, 0);
  header.writeUInt32BE(claimed?.height ?? height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (width + 1), 0x80);
  for (let row = 0; row < height; row++) rows[row * (width + 1)] = 0; // filter type "none" at the start of each row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** Bytes that look like nothing: the same every run, so a failure can be reproduced. */
export function noiseBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

/** The first `fraction` of a file, as an interrupted copy leaves it. */
export function truncated(bytes: Uint8Array, fraction = 0.5): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * fraction));
}

/**
 * An 8-bit colour PNG: RGB, or RGBA whose alpha fades from opaque at the left to clear at the right (a cut-out
 * logo). Each row is a red-to-blue ramp, so the photo has real colour to convert.
 */
export function colourPngBytes(width: number, height: number, options: { alpha: boolean }): Uint8Array {
  const channels = options.alpha ? 4 : 3;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, options.alpha ? 6 : 2, 0, 0, 0], 8);
  const stride = width * channels + 1;
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * stride + 1 + x * channels;
      const t = x / Math.max(1, width - 1);
      rows[at] = Math.round(220 * (1 - t));
      rows[at + 1] = 40;
      rows[at + 2] = Math.round(220 * t);
      if (options.alpha) rows[at + 3] = Math.round(255 * (1 - t));
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', new Uint8Array(0))]);
}
