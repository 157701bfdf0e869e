// The plant's preflight catches each fault it is there for: a good PDF/X from a real build, and for each rule a copy
// of it with that one fault put in (pdf-lib), which must fail that rule, naming what to do. Then the faults that come
// in with a manuscript: a low-resolution photo fails the build; a transparent PNG and an RGB logo are made good.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, StandardFonts, cmyk, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, preflight } from '../../src/index.ts';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { addFile, broadsheetErrorOf } from '../helpers/build.ts';
import { colourPngBytes, jpegBytes } from '../helpers/images.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { renderPlates, maxTotalInk } from '../helpers/plates.ts';
import { pdfText, uncompressedPdf, type Rect } from '../helpers/poppler.ts';
import { testProject } from '../helpers/project.ts';
import { withoutWhitespace } from '../helpers/text.ts';

const ptPerMm = 72 / 25.4;
let temp: TempFolder;
let press: PressBrowser;
let good: Uint8Array;

const manuscript = (photo: string, caption = '测试图片') => `---
headline: 预检测试稿件
byline: [记者 测试]
lang: zh-CN
---

正文第一段：这是一篇用来检验印厂预检规则的短稿件，图片放在正文之后。

![${caption}](images/${photo} "测试摄")

正文第二段：文字必须在新闻纸上只用黑版印刷。
`;

async function article(name: string, photo: string, bytes: Uint8Array): Promise<string> {
  const dir = join(temp.path, name);
  await addFile(dir, 'article.md', manuscript(photo));
  await addFile(dir, `images/${photo}`, bytes);
  return dir;
}

beforeAll(async () => {
  temp = await tempFolder('preflight');
  press = await launchBrowser({ project: await testProject() });
  const dir = await article('good', 'photo.jpg', jpegBytes(900, 600));
  const result = await build({ project: await testProject(), dir, outDir: join(temp.path, 'good-out'), press });
  good = await readFile(result.pdfPath);
}, 300_000);
afterAll(async () => {
  await press?.close();
  await temp?.remove();
});

/** The good press PDF with one fault put in, preflighted as `broadsheet preflight` would. */
async function preflightWith(name: string, fault: (document: PDFDocument) => void | Promise<void>, options: { pdfx?: '4' | '1a'; header?: string } = {}) {
  const document = await PDFDocument.load(good, { updateMetadata: false });
  await fault(document);
  const bytes = Buffer.from(await document.save({ useObjectStreams: false }));
  bytes.write(options.header ?? '%PDF-1.6', 0, 'latin1');
  const file = join(temp.path, `${name}.pdf`);
  await writeFile(file, bytes);
  const { report, text } = await preflight({ project: await testProject(options.pdfx ? { pdfx: options.pdfx } : {}), file });
  const failed = report.checks.filter((check) => !check.ok && check.severity === 'error');
  return { report, text, failed: [...new Set(failed.map((check) => check.rule))].sort(), messages: failed.map((check) => check.message).join('\n') };
}

const firstPage = (document: PDFDocument) => {
  const page = document.getPage(0);
  const trim = page.getTrimBox();
  return { page, trim };
};

describe('the preflight of a good press PDF', () => {
  it('passes every rule', async () => {
    const { report, failed, text } = await preflightWith('untouched', () => undefined);
    expect(failed, text).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.pdfx).toBe('PDF/X-4');
  });
});

describe('the preflight fails a copy with one fault, on that rule, and says what to do', () => {
  it('an RGB fill (rg) drawn on the page: rgb-operators', async () => {
    const { failed, messages } = await preflightWith('rgb-fill', (document) => {
      const { page, trim } = firstPage(document);
      page.drawRectangle({ x: trim.x + 20, y: trim.y + 20, width: 40, height: 20, color: rgb(0.9, 0.1, 0.1) });
    });
    expect(failed).toEqual(['rgb-operators']);
    expect(messages).toMatch(/RGB colour operators.*convert/);
  });

  it('an RGB photo placed as it is: device-rgb and image-colour, with its size', async () => {
    const { failed, messages } = await preflightWith('rgb-image', async (document) => {
      const { page, trim } = firstPage(document);
      const image = await document.embedPng(colourPngBytes(600, 400, { alpha: false }));
      page.drawImage(image, { x: trim.x + 30, y: trim.y + 30, width: 60, height: 40 });
    });
    expect(failed).toEqual(['device-rgb', 'image-colour']);
    expect(messages).toContain('600×400 px');
  });

  it('a three-component ICC colour space: rgb-icc', async () => {
    const { failed } = await preflightWith('rgb-icc', (document) => {
      const { page } = firstPage(document);
      const profile = document.context.register(document.context.stream(new Uint8Array(128), { N: 3 }));
      const resources = page.node.Resources() ?? document.context.obj({});
      const spaces = resources.get(PDFName.of('ColorSpace'));
      const dict = spaces instanceof PDFDict ? spaces : document.context.obj({});
      dict.set(PDFName.of('CSrgb'), document.context.obj([PDFName.of('ICCBased'), profile]));
      resources.set(PDFName.of('ColorSpace'), dict);
    });
    expect(failed).toEqual(['rgb-icc']);
  });

  it('a spot colour: spot-colours, unless the plant allows them', async () => {
    const { failed, messages } = await preflightWith('spot', (document) => {
      const { page } = firstPage(document);
      const tint = document.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [0, 0.9, 0.8, 0], N: 1 });
      const resources = page.node.Resources() ?? document.context.obj({});
      const spaces = resources.get(PDFName.of('ColorSpace'));
      const dict = spaces instanceof PDFDict ? spaces : document.context.obj({});
      dict.set(PDFName.of('CSspot'), document.context.obj([PDFName.of('Separation'), PDFName.of('PANTONE185C'), PDFName.of('DeviceCMYK'), document.context.register(tint)]));
      resources.set(PDFName.of('ColorSpace'), dict);
    });
    expect(failed).toEqual(['spot-colours']);
    expect(messages).toContain('PANTONE185C');
  });

  it('a font left out of the file (Helvetica, not embedded): fonts-embedded, naming it', async () => {
    const { failed, messages } = await preflightWith('loose-font', async (document) => {
      const { page, trim } = firstPage(document);
      const font = await document.embedFont(StandardFonts.Helvetica);
      page.drawText('Late correction', { x: trim.x + 30, y: trim.y + 30, size: 9, font, color: cmyk(0, 0, 0, 1) });
    });
    expect(failed).toEqual(['fonts-embedded']);
    expect(messages).toContain('Helvetica');
  });

  it('a Type 3 font: no-type3', async () => {
    const { failed } = await preflightWith('type3', (document) => {
      const { page, trim } = firstPage(document);
      const glyph = document.context.register(document.context.stream('0 0 0 0 1 1 d1 0 0 1 1 re f'));
      const font = document.context.register(
        document.context.obj({ Type: 'Font', Subtype: 'Type3', FontBBox: [0, 0, 1, 1], FontMatrix: [0.001, 0, 0, 0.001, 0, 0], CharProcs: { a: glyph }, Encoding: { Type: 'Encoding', Differences: [97, PDFName.of('a')] }, FirstChar: 97, LastChar: 97, Widths: [1000], Resources: {} }),
      );
      const resources = page.node.Resources() ?? document.context.obj({});
      const fonts = resources.get(PDFName.of('Font'));
      const dict = fonts instanceof PDFDict ? fonts : document.context.obj({});
      dict.set(PDFName.of('T3'), font);
      resources.set(PDFName.of('Font'), dict);
      const content = document.context.register(document.context.flateStream(`BT /T3 12 Tf ${trim.x + 40} ${trim.y + 40} Td (a) Tj ET`));
      const existing = page.node.get(PDFName.of('Contents'));
      const list = existing instanceof PDFArray ? existing : document.context.obj(existing ? [existing] : []);
      list.push(content);
      page.node.set(PDFName.of('Contents'), list);
    });
    expect(failed).toEqual(['no-type3']);
  });

  it('transparency in a file for PDF/X-1a: no-transparency (and PDF/X-4 allows it)', async () => {
    const fault = (document: PDFDocument) => {
      const { page, trim } = firstPage(document);
      page.drawRectangle({ x: trim.x + 20, y: trim.y + 20, width: 40, height: 20, color: cmyk(0, 0, 0, 1), opacity: 0.5 });
    };
    const x1a = await preflightWith('transparent-1a', fault, { pdfx: '1a' });
    expect(x1a.failed).toContain('no-transparency');
    expect(x1a.messages).toMatch(/alpha values.*flatten it or use PDF\/X-4/);
    const x4 = await preflightWith('transparent-4', fault);
    expect(x4.failed).toEqual([]);
  });

  it('no TrimBox: trim-box (and with it the bleed, which is measured from the trim)', async () => {
    const { failed, messages } = await preflightWith('no-trim', (document) => {
      document.getPage(0).node.delete(PDFName.of('TrimBox'));
    });
    expect(failed).toEqual(['bleed', 'trim-box']);
    expect(messages).toContain('cannot tell where to cut');
  });

  it('no bleed (BleedBox = TrimBox): bleed', async () => {
    const { failed, messages } = await preflightWith('no-bleed', (document) => {
      const { page, trim } = firstPage(document);
      page.setBleedBox(trim.x, trim.y, trim.width, trim.height);
    });
    expect(failed).toEqual(['bleed']);
    expect(messages).toContain('3 mm of bleed');
  });

  it('a trim that is not the paper’s page (A4): page-is-trim, naming the house’s pages', async () => {
    const { failed, messages } = await preflightWith('a4', (document) => {
      const { page, trim } = firstPage(document);
      page.setTrimBox(trim.x, trim.y, 210 * ptPerMm, 297 * ptPerMm);
      page.setBleedBox(trim.x - 3 * ptPerMm, trim.y - 3 * ptPerMm, 216 * ptPerMm, 303 * ptPerMm);
    });
    expect(failed).toEqual(['page-is-trim']);
    expect(messages).toMatch(/TrimBox is 210\.0 × 297\.0 mm; the paper's page is .*390 × 545 mm/);
  });

  it('a photo placed far beyond its pixels: resolution, with the pixels it needs', async () => {
    const { failed, messages } = await preflightWith('low-res', async (document) => {
      const { page, trim } = firstPage(document);
      const image = await document.embedJpg(jpegBytes(200, 150));
      page.drawImage(image, { x: trim.x + 30, y: trim.y + 30, width: 100 * ptPerMm, height: 75 * ptPerMm });
    });
    expect(failed).toEqual(['resolution']);
    expect(messages).toMatch(/\(200×150 px\) prints at 5\d ppi: supply ≥ 7\d\d px across/);
  });

  it('a solid of all four inks inside the trim: total-ink, with the amount and where', async () => {
    const { failed, messages, report } = await preflightWith('heavy-ink', (document) => {
      const { page, trim } = firstPage(document);
      page.drawRectangle({ x: trim.x + 50 * ptPerMm, y: trim.y + 60 * ptPerMm, width: 30 * ptPerMm, height: 30 * ptPerMm, color: cmyk(1, 1, 1, 1) });
    });
    expect(failed).toEqual(['total-ink']);
    expect(report.ink[0]?.max).toBeGreaterThan(390);
    // Measured from the bleed box's top left: the solid starts 53 mm across.
    expect(report.ink[0]?.at.x).toBeGreaterThanOrEqual(52);
    expect(report.ink[0]?.at.x).toBeLessThanOrEqual(84);
    expect(messages).toMatch(/the most ink is 4\d\d(\.\d)? %.*limit is 240 %/);
  });

  it('no output intent: output-intent', async () => {
    const { failed } = await preflightWith('no-intent', (document) => {
      document.catalog.delete(PDFName.of('OutputIntents'));
    });
    expect(failed).toEqual(['output-intent']);
  });

  it('a PDF/X-3 file where the plant takes X-4: pdfx-version', async () => {
    const { failed, messages } = await preflightWith('x3', (document) => {
      const info = document.context.lookup(document.context.trailerInfo.Info, PDFDict);
      info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of('PDF/X-3:2002'));
    });
    expect(failed).toEqual(['pdfx-version']);
    expect(messages).toContain('PDF/X-3:2002');
  });

  it('no XMP metadata: pdfx-xmp', async () => {
    const { failed } = await preflightWith('no-xmp', (document) => {
      document.catalog.delete(PDFName.of('Metadata'));
    });
    expect(failed).toEqual(['pdfx-xmp']);
  });

  it('a PDF 1.7 header: pdf-version', async () => {
    const { failed } = await preflightWith('pdf17', () => undefined, { header: '%PDF-1.7' });
    expect(failed).toEqual(['pdf-version']);
  });

  it('an ArtBox beside the TrimBox: trim-or-art', async () => {
    const { failed } = await preflightWith('art-box', (document) => {
      const { page, trim } = firstPage(document);
      page.setArtBox(trim.x, trim.y, trim.width, trim.height);
    });
    expect(failed).toEqual(['trim-or-art']);
  });

  it('a CropBox at the trim, inside the bleed: crop-holds-bleed, since a RIP that honours it cuts the bleed away', async () => {
    const { failed, messages } = await preflightWith('crop-at-trim', (document) => {
      const { page, trim } = firstPage(document);
      page.setCropBox(trim.x, trim.y, trim.width, trim.height);
    });
    expect(failed).toEqual(['crop-holds-bleed']);
    expect(messages).toMatch(/1 of 1 pages have a CropBox inside the BleedBox.*remove the CropBox/);
  });

  it('exits 1 from `broadsheet preflight` and prints the failure first', async () => {
    const { text } = await preflightWith('cli-check', (document) => {
      const { page, trim } = firstPage(document);
      page.drawRectangle({ x: trim.x + 20, y: trim.y + 20, width: 40, height: 20, color: rgb(0.9, 0.1, 0.1) });
    });
    const file = join(temp.path, 'cli-check.pdf');
    const run = () => execFileSync(process.execPath, ['bin/broadsheet.js', 'preflight', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    let status = 0;
    let stdout = '';
    try {
      stdout = run();
    } catch (error) {
      status = (error as { status: number }).status;
      stdout = (error as { stdout: string }).stdout;
    }
    expect(status).toBe(1);
    expect(stdout.trim()).toBe(text.trim());
    expect(stdout.split('\n')[1]).toMatch(/^ {2}FAIL rgb-operators/);
  });
});

describe('faults that come in with the manuscript', () => {
  it('fails the build on a photo too small for its column, naming the photo, its ppi and the pixels it needs, and writes nothing', async () => {
    const dir = await article('low-res', 'small.jpg', jpegBytes(240, 160));
    const outDir = join(temp.path, 'low-res-out');
    const error = await broadsheetErrorOf(build({ project: await testProject(), dir, outDir, press }));
    expect(error.entry.code).toBe('BS044');
    const report = error.report();
    expect(report).toMatch(/photo images\/small\.jpg on page 1 prints at 1\d\d ppi at 1 column: supply ≥ [\d,]+ px across/);
    expect(() => execFileSync('ls', [outDir], { stdio: 'pipe' })).toThrow();
  });

  it('flattens a transparent PNG for PDF/X-1a: no soft mask or alpha left, the text still text, the preflight passed', async () => {
    const dir = await article('cut-out', 'cut-out.png', colourPngBytes(900, 600, { alpha: true }));
    const result = await build({ project: await testProject({ pdfx: '1a' }), dir, outDir: join(temp.path, 'cut-out-out'), press });
    const qdf = uncompressedPdf(result.pdfPath).toString('latin1');
    expect(qdf).toMatch(/\/GTS_PDFXConformance\s*\(PDF\/X-1a:2001\)/);
    expect(qdf).not.toMatch(/\/SMask\s+\d+\s+0\s+R/);
    expect([...qdf.matchAll(/\/(?:CA|ca)\s+(\d*\.?\d+)/g)].filter((match) => Number(match[1]) < 1)).toEqual([]);
    expect(withoutWhitespace(pdfText(result.pdfPath))).toContain('文字必须在新闻纸上只用黑版印刷');
    expect(result.preflight.ok).toBe(true);
    expect(result.preflight.checks.find((check) => check.rule === 'no-transparency')?.ok).toBe(true);
    // Flattened, not dropped: the cut-out still fades to paper at its clear right edge, and is solid at its left.
    const figure = result.layout.pages[0]?.figures[0];
    if (!figure) throw new Error('the photo was not placed');
    const plates = renderPlates(result.pdfPath, 100);
    const at = (fromLeft: number, toLeft: number): Rect => ({
      left: (3 + figure.photo.x + figure.photo.width * fromLeft) * ptPerMm,
      right: (3 + figure.photo.x + figure.photo.width * toLeft) * ptPerMm,
      top: (3 + figure.photo.y + figure.photo.height * 0.2) * ptPerMm,
      bottom: (3 + figure.photo.y + figure.photo.height * 0.8) * ptPerMm,
    });
    expect(maxTotalInk(plates, at(0.02, 0.1))).toBeGreaterThan(100);
    expect(maxTotalInk(plates, at(0.95, 0.99))).toBeLessThan(15);
  });

  it('converts an RGB logo to the press’s CMYK (pdfimages: cmyk or 4-component ICC), and preflight passes', async () => {
    const dir = await article('logo', 'logo.png', colourPngBytes(900, 600, { alpha: false }));
    const result = await build({ project: await testProject(), dir, outDir: join(temp.path, 'logo-out'), press });
    const rows = execFileSync('pdfimages', ['-list', result.pdfPath], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).map((row) => row.trim().split(/\s+/));
    const images = rows.filter((cells) => cells[2] === 'image');
    expect(images.length).toBeGreaterThan(0);
    for (const cells of images) expect(Number(cells[6]), cells.join(' ')).toBe(4);
    expect(result.preflight.ok).toBe(true);
  });
});
