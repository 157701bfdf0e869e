// PDF streams through zlib: what Broadsheet deflates, a PDF reader inflates to the same bytes, and what pdf-lib (or
// Chromium) deflated, Broadsheet reads back as it was; a saved and reread file keeps a rewritten content stream.
import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { decodedStream, flateStream } from '../../src/pdf/flate.ts';
import { loadPdf, savePdf } from '../../src/pdf/pdf-file.ts';

const operators = Buffer.from('q 0 0 0 rg BT /F1 12 Tf 72 712 Td (Harbour ferry returns \\(after forty years\\)) Tj ET Q\n'.repeat(200), 'latin1');

describe('flateStream', () => {
  it('writes a FlateDecode stream that inflates to the bytes given, keeping the dictionary it is given', async () => {
    const document = await PDFDocument.create();
    const stream = flateStream(document.context, operators, { N: 4 });
    expect(stream.dict.get(PDFName.of('Filter'))).toBe(PDFName.of('FlateDecode'));
    expect(stream.dict.get(PDFName.of('N'))?.toString()).toBe('4');
    expect(stream.contents.length).toBeLessThan(operators.length / 10);
    expect(Buffer.from(inflateSync(stream.contents)).equals(operators)).toBe(true);
  });
});

describe('decodedStream', () => {
  it("reads pdf-lib's own Flate streams and unfiltered streams back as they were", async () => {
    const document = await PDFDocument.create();
    expect(Buffer.from(decodedStream(document.context.flateStream(operators))).equals(operators)).toBe(true);
    expect(Buffer.from(decodedStream(document.context.stream(operators))).equals(operators)).toBe(true);
  });

  it('keeps a rewritten page content stream through a save and a read', async () => {
    const document = await PDFDocument.create();
    const page = document.addPage();
    const ref = document.context.register(flateStream(document.context, operators));
    page.node.set(PDFName.of('Contents'), ref);
    const again = await loadPdf(await savePdf(document));
    const contents = again.getPage(0).node.get(PDFName.of('Contents'));
    const stream = again.context.lookup(contents);
    expect(stream).toBeInstanceOf(PDFRawStream);
    expect(Buffer.from(decodedStream(stream as PDFRawStream)).equals(operators)).toBe(true);
  });
});
