// The archive's long-term copies of the sample edition, archived once: the PDF/A-2b pages checked against the rules of
// ISO 19005-2 directly (no validator here), the self-contained proof opened from disk with every other request refused,
// and the archive's index.html.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveEdition } from '../../src/archive/archive-edition.ts';
import { launchBrowser } from '../../src/render/browser.ts';
import { entryFolders, filesBelow, removeArchive, sampleEditionFile } from '../helpers/archive-cli.ts';
import { isDict, namesIn, pdfDate, pdfObjects, pdfText, streamData, type PdfObjects } from '../helpers/archive-pdf.ts';
import { sampleArticle } from '../helpers/archive-sample.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { pdfFonts, uncompressedPdf } from '../helpers/poppler.ts';
import { testProject } from '../helpers/project.ts';

let temp: TempFolder;
let archiveDir: string;
let entryDir: string;

beforeAll(async () => {
  temp = await tempFolder('archive-copies');
  archiveDir = join(temp.path, 'archive');
  const archived = await archiveEdition({ project: await testProject({ archiveDir }), file: sampleEditionFile });
  entryDir = archived.path;
});
afterAll(async () => removeArchive(temp));

/** The text of the first `<tag>…</tag>` in an XMP packet (the x-default entry for an Alt), unescaped. */
function xmpValue(xmp: string, tag: string): string | undefined {
  const inner = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xmp)?.[1];
  if (inner === undefined) return undefined;
  const item = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(inner)?.[1] ?? inner;
  return item.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** `name="value"` or `<name>value</name>`: XMP may write a simple property either way. */
function xmpProperty(xmp: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(xmp)?.[1] ?? new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp)?.[1];
}

describe.each([1, 2, 3, 4])('pdfa/page-%i.pdf (ISO 19005-2, level B)', (page) => {
  const pdf = () => join(entryDir, `pdfa/page-${page}.pdf`);
  let objects: PdfObjects;
  let catalog: Record<string, unknown>;
  let info: Record<string, unknown>;
  let xmp: string;

  beforeAll(() => {
    objects = pdfObjects(pdf());
    const root = objects.resolve(objects.trailer['/Root']).value;
    const infoDict = objects.resolve(objects.trailer['/Info']).value;
    if (!isDict(root) || !isDict(infoDict)) throw new Error('no catalog or Info dictionary');
    catalog = { ...root };
    info = { ...infoDict };
    const metadata = catalog['/Metadata'];
    xmp = typeof metadata === 'string' ? streamData(pdf(), metadata).toString('utf8') : '';
  });

  it('starts with a %PDF-1.n header followed by a comment of four bytes above 127 (6.1.2)', async () => {
    const head = await readFile(pdf());
    expect(head.subarray(0, 8).toString('latin1')).toMatch(/^%PDF-1\.[0-7]$/);
    const second = head.subarray(head.indexOf(0x0a) + 1, head.indexOf(0x0a) + 6);
    expect(second[0]).toBe(0x25);
    expect([...second.subarray(1, 5)].every((byte) => byte > 127)).toBe(true);
  });

  it('is not encrypted and has a file identifier (6.1.3)', () => {
    expect(Object.keys(objects.trailer)).not.toContain('/Encrypt');
    const id = objects.trailer['/ID'];
    expect(Array.isArray(id) ? id.length : 0).toBe(2);
  });

  it('holds no JavaScript and no additional actions (6.5, 6.6.2): none in any dictionary', () => {
    const names = new Set<string>();
    for (const value of objects.values()) namesIn(value, names);
    expect(objects.count).toBeGreaterThan(10);
    for (const forbidden of ['/JavaScript', '/JS', '/AA', '/Launch']) expect(names.has(forbidden), forbidden).toBe(false);
  });

  it('holds no JavaScript and no additional actions: none in the uncompressed file either (qpdf --qdf)', () => {
    const text = uncompressedPdf(pdf()).toString('latin1');
    expect(text).not.toMatch(/\/(?:JavaScript|JS|AA)(?=[\s/<>[\]()%])/);
  });

  it('has an output intent /GTS_PDFA1 whose profile is an RGB ICC stream with /N 3 (6.2.3)', () => {
    const intents = catalog['/OutputIntents'];
    expect(Array.isArray(intents)).toBe(true);
    const pdfa = (Array.isArray(intents) ? intents : []).map((intent: unknown) => objects.resolve(intent).value).filter((intent) => isDict(intent) && intent['/S'] === '/GTS_PDFA1');
    expect(pdfa).toHaveLength(1);
    const [intent] = pdfa;
    const profileRef = isDict(intent) ? intent['/DestOutputProfile'] : undefined;
    const profile = objects.resolve(profileRef);
    expect(profile.isStream).toBe(true);
    expect(isDict(profile.value) ? profile.value['/N'] : undefined).toBe(3);
    const icc = streamData(pdf(), String(profileRef));
    expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(icc.subarray(16, 20).toString('latin1')).toBe('RGB ');
  });

  it('has XMP metadata in the catalog, unfiltered, identifying PDF/A-2B (6.6.2, 6.6.4)', () => {
    const stream = objects.resolve(catalog['/Metadata']);
    expect(stream.isStream).toBe(true);
    const dict = isDict(stream.value) ? stream.value : {};
    expect(dict['/Type']).toBe('/Metadata');
    expect(dict['/Subtype']).toBe('/XML');
    expect(Object.keys(dict)).not.toContain('/Filter');
    expect(xmp).toMatch(/^<\?xpacket begin=/);
    expect(xmpProperty(xmp, 'pdfaid:part')).toBe('2');
    expect(xmpProperty(xmp, 'pdfaid:conformance')).toBe('B');
  });

  it('says the same in the Info dictionary and the XMP: title, subject, creator, producer (6.6.3)', () => {
    const title = pdfText(info['/Title']);
    expect(title).toMatch(new RegExp(`^Broadsheet 样报 2021-01-08 第${page}版`));
    expect(xmpValue(xmp, 'dc:title')).toBe(title);
    expect(xmpValue(xmp, 'dc:description')).toBe(pdfText(info['/Subject']));
    expect(xmpValue(xmp, 'xmp:CreatorTool')).toBe(pdfText(info['/Creator']));
    expect(xmpValue(xmp, 'pdf:Producer')).toBe(pdfText(info['/Producer']));
  });

  it('gives the same creation and modification dates in the Info dictionary and the XMP (6.6.3)', () => {
    const created = pdfDate(pdfText(info['/CreationDate']) ?? '');
    const modified = pdfDate(pdfText(info['/ModDate']) ?? '');
    expect(created?.toISOString()).toBe(new Date(xmpValue(xmp, 'xmp:CreateDate') ?? '').toISOString());
    expect(modified?.toISOString()).toBe(new Date(xmpValue(xmp, 'xmp:ModifyDate') ?? '').toISOString());
    expect(created?.toISOString().slice(0, 10)).toBe('2021-01-08');
  });

  it('embeds every font, none of them Type 3 (6.2.11)', () => {
    const fonts = pdfFonts(pdf());
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => !font.embedded).map((font) => font.name)).toEqual([]);
    expect(fonts.filter((font) => font.type.startsWith('Type 3')).map((font) => font.name)).toEqual([]);
  });
});

describe('proof/page-1.html, opened from disk', () => {
  interface ProofFacts {
    readonly text: string;
    readonly scripts: number;
    readonly fonts: ReadonlyArray<{ family: string; weight: string; style: string; status: string }>;
    /** `family weight` of the first family named for each element holding text, e.g. `Noto Serif SC 400`. */
    readonly usedFaces: readonly string[];
    readonly images: ReadonlyArray<{ src: string; width: number; decoded: boolean }>;
  }
  const others: string[] = [];
  let facts: ProofFacts;

  beforeAll(async () => {
    const press = await launchBrowser();
    try {
      const page = await press.browser.newPage();
      const proofUrl = pathToFileURL(join(entryDir, 'proof/page-1.html')).href;
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = request.url();
        if (url.startsWith('data:') || url === proofUrl) {
          void request.continue().catch(() => undefined);
        } else {
          others.push(url);
          void request.abort('blockedbyclient').catch(() => undefined);
        }
      });
      await page.goto(proofUrl, { waitUntil: 'load', timeout: 60_000 });
      facts = await page.evaluate(async (): Promise<ProofFacts> => {
        await document.fonts.ready;
        const images = await Promise.all(
          Array.from(document.images, async (image) => ({
            src: image.src.slice(0, 40),
            width: image.naturalWidth,
            decoded: await image.decode().then(
              () => true,
              () => false,
            ),
          })),
        );
        const usedFaces = new Set<string>();
        for (const element of Array.from(document.body.querySelectorAll('*'))) {
          const ownText = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
          if (!ownText) continue;
          const style = getComputedStyle(element);
          const first = style.fontFamily.split(',')[0]?.trim().replace(/^["']|["']$/g, '');
          if (first) usedFaces.add(`${first} ${style.fontWeight}`);
        }
        return {
          text: document.body.innerText,
          scripts: document.scripts.length,
          fonts: Array.from(document.fonts, (face) => ({ family: face.family.replace(/^["']|["']$/g, ''), weight: face.weight, style: face.style, status: face.status })),
          usedFaces: [...usedFaces],
          images,
        };
      });
    } finally {
      await press.close();
    }
  });

  it('asks for nothing but itself and data: URLs', () => {
    expect(others).toEqual([]);
  });

  it('carries no scripts', () => {
    expect(facts.scripts).toBe(0);
  });

  it('shows the front page headline and its text', async () => {
    const shanting = await sampleArticle('shanting');
    expect(facts.text).toContain(shanting.headline);
    expect(facts.text.replace(/\s+/g, '')).toContain('众所周知，经济发展的竞争核心是人才的竞争。');
  });

  it('loads every font face it carries, and carries faces of each family its text is set in', () => {
    expect(facts.fonts.length).toBeGreaterThan(0);
    expect(facts.fonts.filter((face) => face.status !== 'loaded')).toEqual([]);
    // Families only: a weight the page has no face for is drawn with the family's nearest face, in print as here.
    const carried = new Set(facts.fonts.map((face) => face.family));
    const webFamilies = new Set(facts.usedFaces.map((face) => face.replace(/ \d+$/, '')).filter((family) => /^(Noto|Source)/.test(family)));
    expect(webFamilies.size).toBeGreaterThan(1);
    for (const family of webFamilies) expect(carried, family).toContain(family);
  });

  it('decodes every photo, all inlined as data: URLs', () => {
    expect(facts.images.length).toBe(4);
    for (const image of facts.images) {
      expect(image.src).toMatch(/^data:image\/(jpeg|png);base64,/);
      expect(image.decoded, image.src).toBe(true);
      expect(image.width).toBeGreaterThan(0);
    }
  });
});

describe('the archive’s index.html', () => {
  it('lists each entry with a link to its edition PDF and its thumbnail, both files that exist', async () => {
    const tree = fromHtml(await readFile(join(archiveDir, 'index.html'), 'utf8'));
    const thumbnails = selectAll('img', tree).map((image) => String(image.properties['src'] ?? ''));
    const links = selectAll('a', tree).map((link) => String(link.properties['href'] ?? ''));
    const entries = await entryFolders(archiveDir);
    expect(entries).toHaveLength(1);
    for (const entry of entries) {
      expect(thumbnails).toContain(`${entry}/thumbnail.png`);
      expect(links).toContain(`${entry}/edition.pdf`);
    }
    const present = await filesBelow(archiveDir);
    for (const path of [...thumbnails, ...links]) expect(present, path).toContain(path);
  });
});
