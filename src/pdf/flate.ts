// Flate streams through Node's zlib: pdf-lib inflates and deflates in JavaScript (pako and its own FlateStream),
// several times slower than zlib itself. The bytes differ from pako's (the same text and pixels, and the same bytes
// build after build on one Node).
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFName, decodePDFRawStream, type PDFContext, type PDFRawStream } from 'pdf-lib';

/** A stream's decoded bytes: Flate alone by zlib, anything else (other filters, predictors) by pdf-lib. */
export function decodedStream(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  if (filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) return inflateSync(stream.contents);
  if (filter === undefined) return stream.contents;
  return decodePDFRawStream(stream).decode();
}

/** What pdf-lib takes for a new stream's dictionary. */
type StreamDict = NonNullable<Parameters<PDFContext['stream']>[1]>;

/** A new Flate stream of `bytes`, with `dict`'s entries. */
export const flateStream = (context: PDFContext, bytes: Uint8Array, dict: StreamDict = {}): PDFRawStream => context.stream(deflateSync(bytes), { ...dict, Filter: 'FlateDecode' });

/**
 * `stream` with new contents: `bytes` as a Flate stream, keeping its dictionary's entries but those that described the
 * old encoding (and any named in `without`).
 */
export function restreamed(context: PDFContext, stream: PDFRawStream, bytes: Uint8Array, without: readonly string[] = []): PDFRawStream {
  const fresh = flateStream(context, bytes);
  const dropped = new Set(['Filter', 'Length', 'DecodeParms', ...without].map((key) => PDFName.of(key)));
  for (const [key, value] of stream.dict.entries()) if (!dropped.has(key)) fresh.dict.set(key, value);
  return fresh;
}
