// A minimal PNG writer (8-bit RGBA, no filters), for the ink overlay: nothing on npm is needed for one image kind.
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';

const deflated = promisify(deflate);

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}

/**
 * The rows of a PNG to draw into: each a filter byte (none) and width × 4 bytes of RGBA, all transparent, so a picture
 * can be drawn into them and encoded (encodeRows) with no copy of its own in between.
 */
export const pngRows = (width: number, height: number): Buffer => Buffer.alloc((width * 4 + 1) * height);

/** A PNG of rows made by pngRows. Compressed off the thread (zlib's pool). */
export async function encodeRows(width: number, height: number, rows: Buffer): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', await deflated(rows)), chunk('IEND', new Uint8Array(0))]);
}
