// PDF/X-1a allows no transparency, and Ghostscript's flattening drops a photo's soft mask (its cut-out shows as a
// solid rectangle). A soft-masked image on the white sheet is flattened here instead, exactly: each pixel mixed
// with paper white by its alpha. What cannot be done exactly (another mask size, encodings other than 8-bit Flate)
// is left, and the preflight's no-transparency check says so.
import { PDFArray, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { decodedStream, restreamed } from './flate.ts';

export function flattenSoftMasks(document: PDFDocument): number {
  let flattened = 0;
  for (const [ref, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const maskRef = object.dict.get(PDFName.of('SMask'));
    const mask = maskRef ? document.context.lookup(maskRef) : undefined;
    if (!(mask instanceof PDFRawStream)) continue;
    const components = componentsOf(document, object.dict.get(PDFName.of('ColorSpace')));
    if (!components || !flat8Bit(object) || !flat8Bit(mask) || size(object) !== size(mask)) continue;
    const pixels = decodedStream(object);
    const alpha = decodedStream(mask);
    const count = alpha.length;
    if (pixels.length !== count * components) continue;
    const mixed = new Uint8Array(pixels.length);
    for (let pixel = 0; pixel < count; pixel++) {
      const a = (alpha[pixel] ?? 255) / 255;
      for (let channel = 0; channel < components; channel++) {
        const at = pixel * components + channel;
        mixed[at] = Math.round((pixels[at] ?? 0) * a + 255 * (1 - a));
      }
    }
    const fresh = restreamed(document.context, object, mixed, ['SMask']);
    document.context.assign(ref, fresh);
    if (maskRef instanceof PDFRef) document.context.delete(maskRef);
    flattened++;
  }
  return flattened;
}

/** Colour components of an RGB or grey space (device or ICC-based); undefined for anything else. */
function componentsOf(document: PDFDocument, space: PDFObject | undefined): number | undefined {
  if (space === PDFName.of('DeviceRGB')) return 3;
  if (space === PDFName.of('DeviceGray')) return 1;
  const resolved = space ? document.context.lookup(space) : undefined;
  if (resolved instanceof PDFArray && resolved.get(0) === PDFName.of('ICCBased')) {
    const profile = document.context.lookup(resolved.get(1));
    const n = profile instanceof PDFRawStream ? profile.dict.get(PDFName.of('N')) : undefined;
    return n instanceof PDFNumber && (n.asNumber() === 3 || n.asNumber() === 1) ? n.asNumber() : undefined;
  }
  return undefined;
}

const flat8Bit = (stream: PDFRawStream): boolean => {
  const bits = stream.dict.get(PDFName.of('BitsPerComponent'));
  const filter = stream.dict.get(PDFName.of('Filter'));
  return bits instanceof PDFNumber && bits.asNumber() === 8 && (filter === undefined || filter === PDFName.of('FlateDecode')) && stream.dict.get(PDFName.of('DecodeParms')) === undefined;
};

const size = (stream: PDFRawStream): string => `${String(stream.dict.get(PDFName.of('Width')))}×${String(stream.dict.get(PDFName.of('Height')))}`;
