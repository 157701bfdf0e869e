// The press copy's colour steps that need no Ghostscript: black and greys go to the black plate (DeviceGray) before
// conversion, coloured text keeps its colour; the ink overlay is a real PNG with red where the ink is over the limit.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rewriteNeutrals } from '../../src/pdf/neutral-gray.ts';
import { inkOverlay } from '../../src/preflight/press-views.ts';
import type { Plates } from '../../src/preflight/ink.ts';

describe('rewriteNeutrals', () => {
  it('turns equal-RGB fills and strokes into grey, and leaves colours, text and numbers elsewhere alone', () => {
    const { text, rewritten } = rewriteNeutrals('q 0 0 0 rg BT (1 1 1 rg) Tj ET 0.2 0.2 0.2 RG 0.8 0.1 0.1 rg 1 1 1 rg 10 20 30 re f Q');
    expect(text).toBe('q 0 g BT (1 1 1 rg) Tj ET 0.2 G 0.8 0.1 0.1 rg 1 g 10 20 30 re f Q');
    expect(rewritten).toBe(3);
  });

  it('reads numbers written without a leading zero, as Chromium writes them', () => {
    expect(rewriteNeutrals('.5 .5 .5 rg').text).toBe('.5 g');
    expect(rewriteNeutrals('.5 .5 .50 rg').text).toBe('.5 g');
    expect(rewriteNeutrals('.5 .5 .51 rg').rewritten).toBe(0);
  });
});

describe('inkOverlay', () => {
  const page = (pixels: number[][]): Plates => ({ width: pixels.length, height: 1, dpi: 72, pixels: Uint8Array.from(pixels.flat()) });
  /** The RGBA pixels of a PNG with one row, unfiltered. */
  const decode = (png: Uint8Array) => {
    const bytes = Buffer.from(png);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = bytes.readUInt32BE(16);
    const length = bytes.readUInt32BE(33);
    expect(bytes.toString('latin1', 37, 41)).toBe('IDAT');
    const rows = inflateSync(bytes.subarray(41, 41 + length));
    return { width, pixels: [...rows.subarray(1)] };
  };

  it('marks pixels over the limit red, near it amber, and leaves the rest clear', async () => {
    const limit = 240;
    // C, M, Y, K bytes: 400 %, 230 % (within 10 % of 240), 100 %.
    const { width, pixels } = decode(await inkOverlay(page([[255, 255, 255, 255], [150, 150, 150, 137], [0, 0, 0, 255]]), limit));
    expect(width).toBe(3);
    expect(pixels.slice(0, 4)).toEqual([230, 0, 40, 200]);
    expect(pixels.slice(4, 8)).toEqual([255, 170, 0, 150]);
    expect(pixels.slice(8, 12)).toEqual([0, 0, 0, 0]);
  });
});
