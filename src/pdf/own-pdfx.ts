// PDF/X-4 written by Broadsheet itself for pages as Chromium prints them, without Ghostscript: by then neutrals are
// on the black plate and photos are CMYK (neutral-gray.ts, cmyk-photos.ts), so what is left is the colours of the
// content streams (`r g b rg`), which go through the press profile's relative colorimetric table as the photos did,
// the sRGB profiles nothing uses any more, the links (meaningless on newsprint), and the output intent. Fonts are
// kept as Chromium embedded them (TrueType subsets). Gradients (axial and radial shadings, as patterns or painted
// with `sh`) have their stops converted the same way. A page holding anything else (sampled or tiling patterns, soft
// masks, forms, colours set in other named spaces, RGB images other than photos, fonts not embedded) is left to
// Ghostscript: `convertOwnPdfx` says so.
import type { ProfileFile } from './cmyk-photos.ts';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, PDFHexString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { decodedStream, flateStream, restreamed } from './flate.ts';

/**
 * Converted, or why the page is left to Ghostscript. A page found unfit before anything was changed is as it was;
 * one found unfit after (an RGB colour space still used somewhere) is not, and is to be read again.
 */
export type OwnPdfxOutcome = { readonly converted: true } | { readonly converted: false; readonly because: string };

const rgbOperator = /(^|[\s\]])(-?\d*\.?\d+)\s+(-?\d*\.?\d+)\s+(-?\d*\.?\d+)\s+(rg|RG)(?=[\s[/]|$)/g;
/** A colour space set by name: only the Pattern space (Chromium's gradients) is converted here. */
const namedSpace = /(\/[^\s/[\]()<>{}%]+)\s+(?:cs|CS)(?=[\s/[\]<>(]|$)/g;
/** A colour given in a named space: only a pattern's name (`/P3 scn`) is converted here, not numbers. */
const spaceColour = /(\/?[^\s/[\]()<>{}%]+)\s+(?:sc|scn|SC|SCN)(?=[\s/[\]<>(]|$)/g;

export async function convertOwnPdfx(document: PDFDocument, options: { profile: ProfileFile; outputCondition: string; outputConditionIdentifier: string }): Promise<OwnPdfxOutcome> {
  const { context } = document;
  const contents: Array<{ ref: PDFRef; stream: PDFRawStream; text: string }> = [];
  // The pages' content streams, by the objects themselves (Contents gives a stream or an array of references).
  const pageContents = new Set<PDFObject>();
  for (const page of document.getPages()) {
    const listed = page.node.Contents();
    const entries = listed instanceof PDFArray ? listed.asArray() : listed ? [listed] : [];
    for (const entry of entries) pageContents.add(context.lookup(entry) ?? entry);
  }
  const srgbProfiles = new Set<PDFRef>();
  const iccSpaces: Array<{ ref: PDFRef; space: PDFArray }> = [];
  const shadings = new Set<PDFDict>();
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (object instanceof PDFArray && object.get(0) === PDFName.of('ICCBased')) iccSpaces.push({ ref, space: object });
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (!dict) continue;
    const type = dict.get(PDFName.of('Type'));
    const subtype = dict.get(PDFName.of('Subtype'));
    if (type === PDFName.of('Pattern') && dict.get(PDFName.of('PatternType')) !== undefined && (context.lookup(dict.get(PDFName.of('PatternType'))) as PDFNumber | undefined)?.asNumber() !== 2) return { converted: false, because: 'a tiling pattern' };
    if (dict.has(PDFName.of('ShadingType'))) shadings.add(dict);
    const inner = context.lookup(dict.get(PDFName.of('Shading')));
    if (type === PDFName.of('Pattern') && inner instanceof PDFDict) shadings.add(inner);
    if (type === PDFName.of('ExtGState') && dict.has(PDFName.of('SMask')) && dict.get(PDFName.of('SMask')) !== PDFName.of('None')) return { converted: false, because: 'a soft mask' };
    if (subtype === PDFName.of('Form')) return { converted: false, because: 'a form XObject' };
    // Fonts as Chromium embeds them; one that is not embedded is Ghostscript's to embed.
    if (type === PDFName.of('FontDescriptor') && !['FontFile', 'FontFile2', 'FontFile3'].some((key) => dict.has(PDFName.of(key)))) return { converted: false, because: 'a font not embedded' };
    if (type === PDFName.of('Font') && subtype !== PDFName.of('Type0') && !dict.has(PDFName.of('FontDescriptor'))) return { converted: false, because: 'a font not embedded' };
    if (subtype === PDFName.of('Image')) {
      const space = context.lookup(dict.get(PDFName.of('ColorSpace')));
      const isMask = dict.get(PDFName.of('ImageMask')) !== undefined;
      if (!isMask && space !== PDFName.of('DeviceCMYK') && space !== PDFName.of('DeviceGray')) return { converted: false, because: 'an image in neither CMYK nor grey' };
    }
    if (object instanceof PDFRawStream && pageContents.has(object)) {
      const text = Buffer.from(decodedStream(object)).toString('latin1');
      if ([...text.matchAll(namedSpace)].some((match) => match[1] !== '/Pattern') || [...text.matchAll(spaceColour)].some((match) => !(match[1] ?? '').startsWith('/'))) return { converted: false, because: 'a colour set by a named colour space' };
      contents.push({ ref, stream: object, text });
    }
    if (object instanceof PDFRawStream && context.lookup(dict.get(PDFName.of('N'))) instanceof PDFNumber && !dict.has(PDFName.of('Subtype'))) {
      const components = (context.lookup(dict.get(PDFName.of('N'))) as PDFNumber).asNumber();
      if (components === 3) srgbProfiles.add(ref);
    }
  }

  // Gradients: axial and radial shadings whose colours run between stops (exponential functions, alone or
  // stitched) in RGB; their stops go through the profile like every other colour. Anything else is Ghostscript's.
  const stops = new Set<PDFArray>();
  for (const shading of shadings) {
    const space = context.lookup(shading.get(PDFName.of('ColorSpace')));
    const rgbSpace = space === PDFName.of('DeviceRGB') || (space instanceof PDFArray && space.get(0) === PDFName.of('ICCBased') && srgbProfiles.has(space.get(1) as PDFRef));
    const kind = (context.lookup(shading.get(PDFName.of('ShadingType'))) as PDFNumber | undefined)?.asNumber();
    const found = rgbSpace && (kind === 2 || kind === 3) && !shading.has(PDFName.of('Background')) ? stopsOf(context.lookup(shading.get(PDFName.of('Function'))), context) : undefined;
    if (!found) return { converted: false, because: 'a shading this does not convert' };
    for (const stop of found) stops.add(stop);
  }

  // Every colour the pages use, converted at once (one small image through the profile), then written back.
  const colours = new Set<string>();
  const stopColour = (stop: PDFArray) => stop.asArray().map((value) => String((context.lookup(value) as PDFNumber).asNumber())).join(' ');
  for (const stop of stops) colours.add(stopColour(stop));
  for (const { text } of contents) for (const match of text.matchAll(rgbOperator)) colours.add(`${match[2]} ${match[3]} ${match[4]}`);
  const cmyk = await throughProfile([...colours], options.profile.path);
  for (const { ref, stream, text } of contents) {
    const rewritten = text.replace(rgbOperator, (_whole, before: string, r: string, g: string, b: string, operator: string) => `${before}${cmyk.get(`${r} ${g} ${b}`) ?? '0 0 0 1'} ${operator === 'rg' ? 'k' : 'K'}`);
    context.assign(ref, restreamed(context, stream, Buffer.from(rewritten, 'latin1')));
  }

  for (const stop of stops) {
    const converted = (cmyk.get(stopColour(stop)) ?? '0 0 0 1').split(' ').map(Number);
    while (stop.size() > 0) stop.remove(0);
    for (const value of converted) stop.push(PDFNumber.of(value));
  }
  for (const shading of shadings) shading.set(PDFName.of('ColorSpace'), PDFName.of('DeviceCMYK'));

  // The sRGB profiles Chromium embedded served the photos, which are CMYK now, and the page groups.
  for (const page of document.getPages()) {
    page.node.delete(PDFName.of('Annots'));
    const group = page.node.lookup(PDFName.of('Group'));
    if (group instanceof PDFDict) group.set(PDFName.of('CS'), PDFName.of('DeviceCMYK'));
    const resources = page.node.Resources();
    const spaces = resources?.lookup(PDFName.of('ColorSpace'));
    if (spaces instanceof PDFDict) {
      for (const [name, value] of spaces.entries()) {
        const space = context.lookup(value);
        if (space instanceof PDFArray && space.get(0) === PDFName.of('ICCBased') && srgbProfiles.has(space.get(1) as PDFRef)) spaces.delete(name);
      }
    }
  }
  for (const ref of srgbProfiles) context.delete(ref);
  for (const { ref, space } of iccSpaces) if (srgbProfiles.has(space.get(1) as PDFRef)) context.delete(ref);
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (object instanceof PDFArray && object.get(0) === PDFName.of('ICCBased')) return { converted: false, because: 'an RGB colour space still in use' };
  }

  // The output intent: the press profile, embedded once, named by its printing condition.
  const profile = flateStream(context, options.profile.bytes, { N: 4 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputCondition: PDFHexString.fromText(options.outputCondition),
    OutputConditionIdentifier: PDFString.of(options.outputConditionIdentifier),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: context.register(profile),
  });
  document.catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));
  return { converted: true };
}

/** The C0 and C1 arrays of a shading's function (exponential, or stitched exponentials), each of 3 values; undefined for any other kind. */
function stopsOf(fn: PDFObject | undefined, context: PDFDocument['context']): PDFArray[] | undefined {
  const dict = fn instanceof PDFRawStream ? undefined : fn instanceof PDFDict ? fn : undefined;
  if (!dict) return undefined;
  const type = (context.lookup(dict.get(PDFName.of('FunctionType'))) as PDFNumber | undefined)?.asNumber();
  if (type === 2) {
    const c0 = context.lookup(dict.get(PDFName.of('C0')));
    const c1 = context.lookup(dict.get(PDFName.of('C1')));
    const three = (stop: PDFObject | undefined): stop is PDFArray => stop instanceof PDFArray && stop.size() === 3 && stop.asArray().every((value) => context.lookup(value) instanceof PDFNumber);
    return three(c0) && three(c1) ? [c0, c1] : undefined;
  }
  if (type === 3) {
    const parts = context.lookup(dict.get(PDFName.of('Functions')));
    if (!(parts instanceof PDFArray)) return undefined;
    const all: PDFArray[] = [];
    for (const part of parts.asArray()) {
      const found = stopsOf(context.lookup(part), context);
      if (!found) return undefined;
      all.push(...found);
    }
    return all;
  }
  return undefined;
}

/** CMYK operands (0–1, three decimals) for each "r g b" of 0–1 values, through the press profile. */
async function throughProfile(colours: readonly string[], profile: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (colours.length === 0) return found;
  const { default: sharp } = await import('sharp');
  const pixels = Buffer.alloc(colours.length * 3);
  colours.forEach((colour, index) => {
    const [r = 0, g = 0, b = 0] = colour.split(' ').map((value) => Math.round(Math.min(1, Math.max(0, Number(value))) * 255));
    pixels.set([r, g, b], index * 3);
  });
  const { data, info } = await sharp(pixels, { raw: { width: colours.length, height: 1, channels: 3 } }).withIccProfile(profile, { attach: false }).raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error(`the press profile gave ${info.channels} channels, not CMYK`);
  colours.forEach((colour, index) => found.set(colour, Array.from(data.subarray(index * 4, index * 4 + 4), (value) => String(Math.round((value / 255) * 1000) / 1000)).join(' ')));
  return found;
}
