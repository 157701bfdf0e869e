// The sample's press PDF checked the way a printing plant checks it, with tools of its own (qpdf, poppler,
// Ghostscript), not with Broadsheet's preflight: PDF/X keys and output intent, colour spaces in every stream and
// image, boxes, the plates (body text on black alone, total ink), and its text against the screen copy's.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSample, type SampleBuild } from '../helpers/build.ts';
import { readLayoutJson, type ReadReport } from '../helpers/layout-json.ts';
import { mmToPt, readGridPreset } from '../helpers/layout-grid.ts';
import { renderPlates, inkIn, maxTotalInk, type Plates } from '../helpers/plates.ts';
import { renderPlates as renderBleedPlates } from '../../src/preflight/ink.ts';
import { pdfaCopy } from '../../src/pdf/pdfa.ts';
import { imageSettings } from '../../src/pdf/image-settings.ts';
import { tempFolder } from '../helpers/paths.ts';
import { pdfFonts, pdfText, pdfWords, uncompressedPdf, type PdfWord, type Rect } from '../helpers/poppler.ts';
import { withoutWhitespace } from '../helpers/text.ts';

const ptPerMm = 72 / 25.4;
/** The default bleed, mm: the press copy's MediaBox is the trim with this much all round (no marks by default). */
const bleedMm = 3;

let sample: SampleBuild;
let qdf: string;
let report: ReadReport;
let plates: Plates;

beforeAll(async () => {
  sample = await buildSample();
  qdf = uncompressedPdf(sample.result.pdfPath).toString('latin1');
  report = await readLayoutJson(join(sample.result.outDir, 'layout.json'));
  plates = renderPlates(sample.result.pdfPath, 100);
});
afterAll(async () => sample?.temp.remove());

const boxes = (pdf: string) => {
  const found = new Map<string, number[]>();
  for (const line of execFileSync('pdfinfo', ['-box', pdf], { encoding: 'utf8' }).split('\n')) {
    const match = /^(\w+Box):\s+([\d.\s-]+)$/.exec(line.trim());
    if (match?.[1] && match[2]) found.set(match[1], match[2].trim().split(/\s+/).map(Number));
  }
  return found;
};

describe('the press PDF is PDF/X-4 for coldset newsprint', () => {
  it('heads the file PDF 1.6 and names PDF/X-4 in the Info dictionary and in the XMP', async () => {
    const bytes = await readFile(sample.result.pdfPath);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.6');
    expect(qdf).toMatch(/\/GTS_PDFXVersion\s*\(PDF\/X-4\)/);
    const xmp = execFileSync('pdfinfo', ['-meta', sample.result.pdfPath], { encoding: 'utf8' });
    expect(xmp).toMatch(/pdfxid:GTS_PDFXVersion="PDF\/X-4"/);
    expect(xmp).toContain('『改革攻坚 蓄势蝶变』');
  });

  it('carries one GTS_PDFX output intent with the embedded 4-component newsprint profile, credited to CGATS TR 002', () => {
    const intents = [...qdf.matchAll(/\/S\s*\/GTS_PDFX/g)];
    expect(intents).toHaveLength(1);
    expect(qdf).toMatch(/\/OutputConditionIdentifier\s*\(CGATS TR 002\)/);
    const profileRef = /\/DestOutputProfile\s+(\d+)\s+0\s+R/.exec(qdf)?.[1];
    expect(profileRef).toBeDefined();
    const profile = new RegExp(`\\n${profileRef} 0 obj\\s*<<([\\s\\S]*?)>>\\s*stream`).exec(qdf)?.[1] ?? '';
    expect(profile).toMatch(/\/N\s+4\b/);
    // The ICC profile's description and copyright tags (UTF-16 or ASCII inside the stream) name the data's source.
    const afterProfile = qdf.slice(qdf.indexOf(`\n${profileRef} 0 obj`));
    expect(afterProfile.slice(0, 400_000).replace(/\0/g, '')).toContain('CGATS/SNAP TR 002');
  });

  it('uses no RGB anywhere: no rg/RG operator, no DeviceRGB, no 3-component ICC colour space, in any decompressed stream', () => {
    expect(qdf.match(/(?:^|\s)-?[\d.]+\s+-?[\d.]+\s+-?[\d.]+\s+(?:rg|RG)(?=\s)/gm) ?? []).toEqual([]);
    expect(qdf).not.toContain('/DeviceRGB');
    expect(qdf.match(/\/ICCBased[\s\S]{0,40}|\/N\s+3\b/g)?.filter((hit) => /\/N\s+3\b/.test(hit)) ?? []).toEqual([]);
  });

  it('holds every photo in CMYK (pdfimages: colour cmyk or a 4-component ICC), still at 200 ppi or more', () => {
    const rows = execFileSync('pdfimages', ['-list', sample.result.pdfPath], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const images = rows.map((row) => row.trim().split(/\s+/)).filter((cells) => cells[2] === 'image');
    expect(images.length).toBe(report.pages.flatMap((page) => page.figures).length);
    for (const cells of images) {
      expect(['cmyk', 'icc'], cells.join(' ')).toContain(cells[5]);
      expect(Number(cells[6]), cells.join(' ')).toBe(4);
      expect(Math.min(Number(cells[12]), Number(cells[13])), cells.join(' ')).toBeGreaterThanOrEqual(200);
    }
  });

  it('embeds every font, none of them Type 3 (pdffonts)', () => {
    const fonts = pdfFonts(sample.result.pdfPath);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.type, font.name).not.toMatch(/Type 3/);
    }
  });
});

describe('the boxes of the press PDF', () => {
  it('trims at the grid’s page, bleeds 3 mm beyond it on every side, and has no CropBox to cut the bleed away', () => {
    const preset = readGridPreset('zh-broadsheet').trim;
    const trim = { width: mmToPt(preset.width), height: mmToPt(preset.height) };
    const found = boxes(sample.result.pdfPath);
    const [tx1 = 0, ty1 = 0, tx2 = 0, ty2 = 0] = found.get('TrimBox') ?? [];
    const [bx1 = 0, by1 = 0, bx2 = 0, by2 = 0] = found.get('BleedBox') ?? [];
    expect(Math.abs(tx2 - tx1 - trim.width)).toBeLessThan(1);
    expect(Math.abs(ty2 - ty1 - trim.height)).toBeLessThan(1);
    for (const margin of [tx1 - bx1, ty1 - by1, bx2 - tx2, by2 - ty2]) expect(margin / ptPerMm).toBeCloseTo(bleedMm, 1);
    expect(found.get('CropBox')).toEqual(found.get('MediaBox'));
    const [mx1 = 0, my1 = 0, mx2 = 0, my2 = 0] = found.get('MediaBox') ?? [];
    expect(mx1 <= bx1 && my1 <= by1 && mx2 >= bx2 && my2 >= by2).toBe(true);
  });

  it('prints the photo touching nothing but its module, and its pixels continue past the trim only where the page has bleed', () => {
    // Every placed photo lies inside the trim: the bleed is empty paper unless a photo reaches the edge.
    const edge = bleedMm * ptPerMm;
    const strip: Rect = { left: 0, top: 0, right: plates.width * (72 / plates.dpi), bottom: edge - 1 };
    expect(maxTotalInk(plates, strip)).toBeLessThan(1);
  });
});

describe('the plates of the press PDF (Ghostscript, pamcmyk32 at 100 dpi)', () => {
  /** Body words inside the layout's frames, in press coordinates (the trim sits `bleed` into the MediaBox). */
  const bodyWords = (): PdfWord[] => {
    const frames = report.pages[0]?.frames ?? [];
    const offset = bleedMm * ptPerMm;
    const inFrame = (word: PdfWord) =>
      frames.some((frame) => {
        const x = (word.left + word.right) / 2 - offset;
        const y = (word.top + word.bottom) / 2 - offset;
        return x >= frame.box.x * ptPerMm && x <= (frame.box.x + frame.box.width) * ptPerMm && y >= frame.box.y * ptPerMm && y <= (frame.box.y + frame.box.height) * ptPerMm;
      });
    return pdfWords(sample.result.pdfPath).filter(inFrame);
  };

  it('prints the body text on the black plate alone: no cyan, magenta or yellow under any body word, full black in them', () => {
    const words = bodyWords();
    expect(words.length).toBeGreaterThan(300);
    let darkest = 0;
    for (const word of words) {
      const ink = inkIn(plates, word);
      expect(ink.max.slice(0, 3), `${word.text} at ${Math.round(word.left)},${Math.round(word.top)} pt`).toEqual([0, 0, 0]);
      darkest = Math.max(darkest, ink.max[3]);
    }
    expect(darkest).toBe(255);
  });

  it('keeps the photos in four colours (their plates carry cyan, magenta and yellow)', () => {
    const offset = bleedMm * ptPerMm;
    const figure = report.pages[0]?.figures[0];
    if (!figure) throw new Error('the sample has no photo');
    const rect: Rect = { left: figure.photo.x * ptPerMm + offset, top: figure.photo.y * ptPerMm + offset, right: (figure.photo.x + figure.photo.width) * ptPerMm + offset, bottom: (figure.photo.y + figure.photo.height) * ptPerMm + offset };
    const ink = inkIn(plates, rect);
    expect(Math.min(ink.max[0], ink.max[1], ink.max[2])).toBeGreaterThan(50);
  });

  it('stays under the plant’s 240 % total ink everywhere inside the bleed box, as preflight.json reports', async () => {
    const all: Rect = { left: 0, top: 0, right: plates.width * (72 / plates.dpi), bottom: plates.height * (72 / plates.dpi) };
    const most = maxTotalInk(plates, all);
    expect(most).toBeLessThanOrEqual(240);
    expect(most).toBeGreaterThan(150);
    const preflight = JSON.parse(await readFile(join(sample.result.outDir, 'preflight.json'), 'utf8')) as { ok: boolean; ink: Array<{ max: number }> };
    expect(preflight.ok).toBe(true);
    expect(Math.abs((preflight.ink[0]?.max ?? 0) - most)).toBeLessThan(8);
  });
  it('are the plates Broadsheet measures ink on: its fast render (no ICC links) gives Ghostscript’s colour-managed pixels, byte for byte', async () => {
    const press = await readFile(sample.result.pdfPath);
    const [fast] = await renderBleedPlates(press, { dpi: 100, deviceColour: true });
    const managed = renderPlates(sample.result.pdfPath, 100, 1, ['-dUseBleedBox']);
    expect(fast?.width).toBe(managed.width);
    expect(fast?.height).toBe(managed.height);
    expect(Buffer.compare(Buffer.from(fast?.pixels ?? []), Buffer.from(managed.pixels))).toBe(0);
  });
});

describe('the press copy says what the proof says', () => {
  it('extracts to the same text as the screen copy, character for character in drawing order', () => {
    const press = withoutWhitespace(pdfText(sample.result.pdfPath));
    const screen = withoutWhitespace(pdfText(sample.result.screenPath));
    expect(press.length).toBeGreaterThan(2000);
    expect(press).toBe(screen);
  });

  it('holds every line the proof shows, in each frame, in its text', () => {
    const press = withoutWhitespace(pdfText(sample.result.pdfPath));
    const lines = report.pages.flatMap((page) => page.frames.flatMap((frame) => frame.text.map((line) => withoutWhitespace(line.text).replace(/\u00ad/g, ''))));
    expect(lines.length).toBeGreaterThan(100);
    const missing = lines.filter((line) => line.length > 0 && !press.includes(line));
    expect(missing).toEqual([]);
  });
});

describe('the archive’s PDF/A copy of the screen copy', () => {
  it('renders pixel for pixel as Ghostscript’s colour-managed PDF/A of the same screen copy (Broadsheet’s skips the identity ICC links)', async () => {
    const work = await tempFolder('pdfa-colour');
    try {
      const ours = join(work.path, 'ours.pdf');
      const managed = join(work.path, 'managed.pdf');
      await writeFile(ours, await pdfaCopy(await readFile(sample.result.screenPath), { title: 'Shanting', subject: 'sample', lang: 'zh-CN', date: '2021-01-08' }));
      // The same run but for the fast colour: the same photo settings, written where Ghostscript reads them first.
      const settings = join(work.path, 'settings.ps');
      await writeFile(settings, imageSettings());
      execFileSync('gs', ['-dPDFA=2', '-dBATCH', '-dNOPAUSE', '-dNOSAFER', '-dQUIET', '-dPDFACompatibilityPolicy=1', '-sColorConversionStrategy=RGB', '-sProcessColorModel=DeviceRGB', '-dEmbedAllFonts=true', '-sDEVICE=pdfwrite', `-sOutputFile=${managed}`, settings, sample.result.screenPath], { stdio: 'ignore' });
      const render = (pdf: string) => execFileSync('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=ppmraw', '-r100', '-sOutputFile=-', pdf], { maxBuffer: 256 * 1024 * 1024 });
      const [a, b] = [render(ours), render(managed)];
      expect(a.length).toBeGreaterThan(1_000_000);
      expect(Buffer.compare(a, b)).toBe(0);
    } finally {
      await work.remove();
    }
  });
});

describe('the written proof carries the press views', () => {
  /** Width and height from a JPEG's start-of-frame or a PNG's header. */
  const imageSize = (bytes: Buffer): { width: number; height: number } => {
    if (bytes.subarray(1, 4).toString('latin1') === 'PNG') return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    for (let at = 2; at < bytes.length; ) {
      const marker = bytes[at + 1] ?? 0;
      if (marker >= 0xc0 && marker <= 0xc2) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
      at += 2 + bytes.readUInt16BE(at + 2);
    }
    throw new Error('no image size found');
  };

  it('writes the soft proof (trim) and the ink overlay (bleed box), 96 px an inch from one render of the plates, and links both from index.html, hidden until ticked', async () => {
    const html = await readFile(sample.result.proofPath, 'utf8');
    const soft = imageSize(await readFile(join(sample.result.outDir, 'proof/page-1.soft-proof.jpg')));
    const ink = imageSize(await readFile(join(sample.result.outDir, 'proof/page-1.ink.png')));
    const trim = readGridPreset('zh-broadsheet').trim;
    expect(Math.abs(soft.width - (trim.width / 25.4) * 96)).toBeLessThanOrEqual(1);
    expect(Math.abs(soft.height - (trim.height / 25.4) * 96)).toBeLessThanOrEqual(1);
    expect(Math.abs(ink.width - ((trim.width + 2 * bleedMm) / 25.4) * 96)).toBeLessThanOrEqual(1);
    expect(html).toContain('src="proof/page-1.soft-proof.jpg"');
    expect(html).toContain('src="proof/page-1.ink.png"');
    expect(html).toMatch(/<input type="checkbox" id="press-soft-proof">/);
    expect(html).toMatch(/\.press-view \{ display: none;/);
  });
});
