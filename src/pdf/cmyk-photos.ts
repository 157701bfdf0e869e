// The press copy's photos go to CMYK before Ghostscript sees them: sharp (libvips and Little CMS, native, on every
// core) converts each RGB JPEG of Chromium's page from sRGB through the press profile's relative colorimetric table
// (the CMYK Argyll's own link gives, to the per cent) and writes it back as a CMYK JPEG. Ghostscript then passes the
// photos through instead of decoding, converting and encoding every pixel in WebAssembly, which was two thirds of
// its time. Photos in other forms (PNG, alpha) are left to it.
import { PDFArray, PDFName, PDFNumber, PDFRawStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import { cachedWork } from '../workspace/work-cache.ts';

/** An RGB JPEG image of the page, as Chromium writes it: DCTDecode alone, DeviceRGB or an ICC space of 3 components. */
function isRgbJpeg(document: PDFDocument, stream: PDFRawStream): boolean {
  const dict = stream.dict;
  if (dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) return false;
  if (dict.get(PDFName.of('Filter')) !== PDFName.of('DCTDecode')) return false;
  if (dict.has(PDFName.of('SMask')) || dict.has(PDFName.of('Mask')) || dict.has(PDFName.of('Decode'))) return false;
  return isRgbSpace(document, dict.get(PDFName.of('ColorSpace')));
}

function isRgbSpace(document: PDFDocument, space: PDFObject | undefined): boolean {
  const resolved = space === undefined ? undefined : document.context.lookup(space);
  if (resolved === PDFName.of('DeviceRGB')) return true;
  if (!(resolved instanceof PDFArray) || resolved.get(0) !== PDFName.of('ICCBased')) return false;
  const profile = document.context.lookup(resolved.get(1));
  return profile instanceof PDFRawStream && document.context.lookup(profile.dict.get(PDFName.of('N'))) instanceof PDFNumber && (document.context.lookup(profile.dict.get(PDFName.of('N'))) as PDFNumber).asNumber() === 3;
}

/** The press profile: its path (for sharp) and its bytes (for the cache's key and the output intent), read once. */
export interface ProfileFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Rewrites every RGB JPEG photo of the document as CMYK through `profile` (a CMYK output profile); returns how many.
 * JPEG quality 92 with full chroma: what Ghostscript's prepress setting (QFactor 0.15) would have written.
 */
export async function photosToCmyk(document: PDFDocument, profile: ProfileFile): Promise<number> {
  const { default: sharp } = await import('sharp');
  const photos = document.context.enumerateIndirectObjects().filter((entry): entry is [(typeof entry)[0], PDFRawStream] => entry[1] instanceof PDFRawStream && isRgbJpeg(document, entry[1]));
  await Promise.all(
    photos.map(async ([ref, stream]) => {
      // Chromium's JPEGs carry no profile of their own: their ICC space is sRGB, which sharp assumes.
      // The same photo through the same profile is converted once (work-cache.ts).
      const cmyk = await cachedWork(['cmyk', sharp.versions.vips, profile.bytes, stream.contents], 'jpg', () =>
        sharp(stream.contents, { failOn: 'error' }).withIccProfile(profile.path, { attach: false }).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer(),
      );
      const dict = stream.dict.clone(document.context);
      dict.set(PDFName.of('ColorSpace'), PDFName.of('DeviceCMYK'));
      dict.delete(PDFName.of('ColorTransform'));
      // libvips writes Adobe's inverted CMYK (as Photoshop does); a PDF reads it the right way up with this Decode.
      dict.set(PDFName.of('Decode'), document.context.obj([1, 0, 1, 0, 1, 0, 1, 0]));
      dict.set(PDFName.of('Length'), PDFNumber.of(cmyk.bytes.length));
      document.context.assign(ref, PDFRawStream.of(dict, cmyk.bytes));
    }),
  );
  return photos.length;
}
