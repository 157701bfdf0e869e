// Photos as phones, scanners and picture desks send them: WebP, AVIF, TIFF, GIF, a CMYK JPEG and a JPEG stored
// sideways are printed from upright sRGB copies (the manuscript's files untouched); a 48 MP photo reaches the press at
// 300 ppi of its placed size, not at 1,500; a HEIC is refused naming the format and the line.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/index.ts';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { broadsheetErrorOf } from '../helpers/build.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

let temp: TempFolder;
let press: PressBrowser;
let built: BuildResult;
let dir: string;
let before: Record<string, string>;

/** A landscape test card with a red block top left, so a photo turned or mirrored shows. */
const card = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3a7' } }).composite([
    { input: { create: { width: Math.round(width / 3), height: Math.round(height / 4), channels: 3, background: '#d22' } }, top: Math.round(height / 10), left: Math.round(width / 10) },
  ]);

const photos: Record<string, () => Promise<Buffer>> = {
  'phone.webp': () => card(1600, 1000).webp().toBuffer(),
  'web.avif': () => card(1600, 1000).avif().toBuffer(),
  'scan.tiff': () => card(1600, 1000).tiff().toBuffer(),
  'chart.gif': () => card(1600, 1000).gif().toBuffer(),
  'desk-cmyk.jpg': async () => sharp(await card(1600, 1000).png().toBuffer()).toColourspace('cmyk').jpeg().toBuffer(),
  // Stored as a 1000×1600 portrait, with EXIF orientation 8: viewers show it as the 1600×1000 landscape it is.
  'sideways.jpg': async () => sharp(await card(1600, 1000).png().toBuffer()).rotate(90).jpeg().withMetadata({ orientation: 8 }).toBuffer(),
  // 8,000 × 6,000: a 48 MP camera's photo.
  'camera-48mp.jpg': () => card(8000, 6000).jpeg({ quality: 90 }).toBuffer(),
};

async function hashes(folder: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const name of await readdir(folder, { recursive: true })) {
    const bytes = await readFile(join(folder, name)).catch(() => undefined);
    if (bytes) found[name] = createHash('sha256').update(bytes).digest('hex');
  }
  return found;
}

const article = (images: string) => `---
headline: Photos from everywhere
deck: What the desk receives
byline: Desk Test
date: 2026-12-02
lang: en-GB
---

${images}

The council met on Tuesday to discuss the market hall, whose roof has leaked since the storms of last winter. Traders said the repairs could not wait another season, and the engineers agreed with them.

Both trusses must be replaced before the hall can reopen. A decision on the money is expected in December.
`;

beforeAll(async () => {
  temp = await tempFolder('photo-formats');
  dir = join(temp.path, 'photos');
  await mkdir(join(dir, 'images'), { recursive: true });
  for (const [name, make] of Object.entries(photos)) await writeFile(join(dir, 'images', name), await make());
  await writeFile(join(dir, 'article.md'), article(Object.keys(photos).map((name) => `![${name}](images/${name} "Photo: stand-in")`).join('\n\n')));
  before = await hashes(dir);
  press = await launchBrowser();
  built = await build({ dir, outDir: join(temp.path, 'out'), press });
}, 180_000);
afterAll(async () => {
  await press?.close();
  await temp?.remove();
});

interface ListedImage {
  readonly width: number;
  readonly height: number;
  readonly xPpi: number;
  readonly yPpi: number;
}

/** `pdfimages -list`: each image's stored size and its resolution where it is placed. */
function listedImages(pdf: string): ListedImage[] {
  return execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells[2] === 'image')
    .map((cells) => ({ width: Number(cells[3]), height: Number(cells[4]), xPpi: Number(cells[12]), yPpi: Number(cells[13]) }));
}

describe('photos in the formats the desk receives', () => {
  it('are all printed, each named in the build report as converted', () => {
    for (const [name, said] of [['phone.webp', 'WebP'], ['web.avif', 'AVIF'], ['scan.tiff', 'TIFF'], ['chart.gif', 'GIF'], ['desk-cmyk.jpg', 'CMYK JPEG'], ['sideways.jpg', 'EXIF orientation']] as const) {
      expect(built.warnings.find((line) => line.includes(name)), name).toContain(said);
    }
    expect(listedImages(built.pdfPath)).toHaveLength(Object.keys(photos).length);
  });

  it('reach the press upright: every photo is stored as the landscape it is, at the same resolution across and down', () => {
    for (const image of listedImages(built.pdfPath)) {
      expect(image.width, JSON.stringify(image)).toBeGreaterThan(image.height);
      expect(Math.abs(image.xPpi - image.yPpi), JSON.stringify(image)).toBeLessThanOrEqual(2);
    }
  });

  it('reach the press at 300 ppi of their placed size, none far above and none below', async () => {
    const images = listedImages(built.pdfPath);
    for (const image of images) {
      expect(image.xPpi, JSON.stringify(image)).toBeGreaterThanOrEqual(299);
      expect(image.xPpi, JSON.stringify(image)).toBeLessThanOrEqual(450);
    }
    const largest = Math.max(...images.map((image) => image.width * image.height));
    expect(largest, 'the 48 MP photo is not sent whole').toBeLessThan(48e6 / 4);
    const size = (await readFile(built.pdfPath)).length;
    expect(size, 'press PDF bytes').toBeLessThan(3 * 1024 * 1024);
    // The screen copy (and the archive's PDF/A made from it) gets the resampled photo too.
    const screen = listedImages(built.screenPath);
    expect(Math.max(...screen.map((image) => image.width * image.height)), 'the screen copy’s largest photo').toBeLessThan(48e6 / 4);
    for (const image of screen) expect(image.xPpi, JSON.stringify(image)).toBeLessThanOrEqual(450);
  });

  it('leave the manuscript folder exactly as it was', async () => {
    expect(await hashes(dir)).toEqual(before);
  });
});

describe('a HEIC photo (an iPhone default)', () => {
  it('is refused naming the format found, the line and what to export', async () => {
    const heic = join(temp.path, 'heic');
    await mkdir(join(heic, 'images'), { recursive: true });
    // An ISO media header with the `heic` brand, as every iPhone photo begins.
    const bytes = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(200)]);
    await writeFile(join(heic, 'images', 'IMG_0001.HEIC'), bytes);
    await writeFile(join(heic, 'article.md'), article('![From the phone](images/IMG_0001.HEIC "Photo: stand-in")'));
    const report = (await broadsheetErrorOf(build({ dir: heic, outDir: join(temp.path, 'heic-out'), press }))).report();
    expect(report).toMatch(/article\.md:9:\d+: error/);
    expect(report).toContain('HEIC');
    expect(report).toContain('export it as JPEG');
  });
});
