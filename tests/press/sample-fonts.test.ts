// The sample's PDF carries its own fonts: embedded TrueType subsets of the three npm faces, no Type 3, nothing from the system.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSample, type SampleBuild } from '../helpers/build.ts';
import { pdfFonts, type PdfFont } from '../helpers/poppler.ts';

/** The faces Broadsheet ships through @fontsource, as their PostScript names begin. */
const allowedFamilies = ['NotoSerifSC', 'NotoSansSC', 'SourceSerif4'];

/** `ABCDEF+NotoSerifSC-Regular` → `NotoSerifSC-Regular`: the subset tag says nothing about the face. */
const withoutSubsetTag = (name: string) => name.replace(/^[A-Z]{6}\+/, '');

let sample: SampleBuild;
let fonts: PdfFont[];

beforeAll(async () => {
  sample = await buildSample();
  fonts = pdfFonts(sample.result.pdfPath);
});
afterAll(async () => sample?.temp.remove());

describe('fonts in the sample PDF', () => {
  it('lists the fonts of the page (a serif body face and a sans head face at least)', () => {
    const names = fonts.map((font) => withoutSubsetTag(font.name));
    expect(names.some((name) => name.startsWith('NotoSerifSC'))).toBe(true);
    expect(names.some((name) => name.startsWith('NotoSansSC'))).toBe(true);
  });

  it('has no Type 3 fonts (what Chromium makes of CFF outlines: bitmaps-in-disguise a press cannot hint)', () => {
    expect(fonts.filter((font) => font.type.includes('Type 3')).map((font) => font.name)).toEqual([]);
  });

  it('embeds every font', () => {
    expect(fonts.filter((font) => !font.embedded).map((font) => font.name)).toEqual([]);
  });

  it('uses only Noto Serif SC, Noto Sans SC and Source Serif 4: no system font slipped in', () => {
    const foreign = fonts.map((font) => withoutSubsetTag(font.name)).filter((name) => !allowedFamilies.some((family) => name.startsWith(family)));
    expect(foreign).toEqual([]);
  });
});
