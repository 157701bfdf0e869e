// Bleed and marks, as a desk uses them: a house style runs a masthead band to the top edge, and `broadsheet build
// --marks` prints it on into the bleed, with crop marks, registration targets and a colour bar outside the bleed,
// and nothing of the page beyond the bleed; its red headline keeps its hue. Read back from the plates Ghostscript
// renders.
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';
import { inkIn, renderPlates, type Plates } from '../helpers/plates.ts';
import { readGridPreset } from '../helpers/layout-grid.ts';
import { pdfInfo, pdfWords, type Rect } from '../helpers/poppler.ts';

const ptPerMm = 72 / 25.4;
const bleed = 3;
/** Bleed plus the 12 mm marks take outside it. */
const offset = 15;

let temp: TempFolder;
let pdf: string;
let plates: Plates;
let boxes: Map<string, number[]>;
let said = '';

beforeAll(async () => {
  temp = await tempFolder('bleed');
  const house = join(temp.path, 'house');
  await cp(join(fixturesDir, 'press-bleed'), house, { recursive: true });
  said = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [join(projectRoot, 'bin/broadsheet.js'), 'build', 'story', '--marks', '-o', 'out'], { cwd: house, encoding: 'utf8', timeout: 180_000 }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout))),
  );
  pdf = join(house, 'out/story.pdf');
  plates = renderPlates(pdf, 72);
  boxes = new Map();
  const info = await new Promise<string>((resolve) => execFile('pdfinfo', ['-box', pdf], { encoding: 'utf8' }, (_error, stdout) => resolve(stdout)));
  for (const line of info.split('\n')) {
    const match = /^(\w+Box):\s+([\d.\s-]+)$/.exec(line.trim());
    if (match?.[1] && match[2]) boxes.set(match[1], match[2].trim().split(/\s+/).map(Number));
  }
}, 300_000);
afterAll(async () => temp?.remove());

/** A rectangle in mm from the MediaBox's top left. */
const mm = (left: number, top: number, right: number, bottom: number): Rect => ({ left: left * ptPerMm, top: top * ptPerMm, right: right * ptPerMm, bottom: bottom * ptPerMm });

describe('a page printed with --marks', () => {
  it('says it passed the preflight, and shows the whole sheet (the English grid’s berliner trim, bleed and marks) with no CropBox to cut it', () => {
    expect(said).toMatch(/PDF\/X-4, preflight: (\d+) of \1 checks pass/);
    const trim = readGridPreset('berliner').trim;
    const [width = 0, height = 0] = /^([\d.]+) x ([\d.]+) pts/.exec(pdfInfo(pdf).get('Page size') ?? '')?.slice(1).map(Number) ?? [];
    expect(width / ptPerMm).toBeCloseTo(trim.width + 2 * offset, 0);
    expect(height / ptPerMm).toBeCloseTo(trim.height + 2 * offset, 0);
    expect(boxes.get('CropBox')).toEqual(boxes.get('MediaBox'));
  });

  it('has the trim 15 mm inside the MediaBox (3 mm bleed, 12 mm for marks) and the bleed 3 mm beyond the trim', () => {
    const [mx1 = 0, , mx2 = 0] = boxes.get('MediaBox') ?? [];
    const [tx1 = 0, , tx2 = 0] = boxes.get('TrimBox') ?? [];
    const [bx1 = 0] = boxes.get('BleedBox') ?? [];
    expect((tx1 - mx1) / ptPerMm).toBeCloseTo(offset, 1);
    expect((mx2 - tx2) / ptPerMm).toBeCloseTo(offset, 1);
    expect((tx1 - bx1) / ptPerMm).toBeCloseTo(bleed, 1);
  });

  it('prints the house’s edge-to-edge band on into the bleed, on every side it touches, and stops at the bleed', () => {
    const width = plates.width / ptPerMm;
    const trimRight = width - offset;
    // Inside the bleed above the trim, across the page and out to both side bleeds: the band's cyan.
    for (const x of [offset - bleed + 0.5, offset + 100, trimRight + bleed - 0.5]) {
      const ink = inkIn(plates, mm(x, offset - bleed + 0.5, x + 0.5, offset - 0.5));
      expect(ink.max[0], `cyan at ${x} mm across, in the top bleed`).toBeGreaterThan(100);
    }
    // Beyond the bleed, where only marks may print: no cyan of the band.
    const outside = inkIn(plates, mm(offset + 20, offset - bleed - 2, offset + 130, offset - bleed - 1));
    expect(outside.max[0]).toBe(0);
  });

  it('keeps the red headline red (magenta and yellow under its words) and sets the black body on the black plate alone', () => {
    const words = pdfWords(pdf);
    // The headline's words, set large (the body has 'tables' and 'move' too).
    const headline = words.filter((word) => ['Tide', 'tables', 'move'].includes(word.text) && word.bottom - word.top > 15);
    expect(headline.length).toBeGreaterThanOrEqual(3);
    for (const word of headline) {
      const ink = inkIn(plates, word);
      expect(ink.max[1], word.text).toBeGreaterThan(150);
      expect(ink.max[2], word.text).toBeGreaterThan(120);
    }
    const body = words.filter((word) => ['harbour', 'almanac.', 'survey.'].includes(word.text));
    expect(body.length).toBeGreaterThanOrEqual(3);
    for (const word of body) expect(inkIn(plates, word).max.slice(0, 3), word.text).toEqual([0, 0, 0]);
  });

  it('draws crop marks in registration colour (all four plates) outside the bleed at every corner, and a colour bar', () => {
    const height = plates.height / ptPerMm;
    const width = plates.width / ptPerMm;
    // The horizontal crop mark on the trim's top line, left of the bleed.
    const corners = [
      mm(1, offset - 0.6, offset - bleed - 1.5, offset + 0.6),
      mm(width - offset + bleed + 1.5, offset - 0.6, width - 1, offset + 0.6),
      mm(1, height - offset - 0.6, offset - bleed - 1.5, height - offset + 0.6),
      mm(width - offset + bleed + 1.5, height - offset - 0.6, width - 1, height - offset + 0.6),
    ];
    for (const corner of corners) {
      const ink = inkIn(plates, corner);
      for (const plate of ink.max) expect(plate, JSON.stringify(corner)).toBeGreaterThan(60);
    }
    // The colour bar along the foot, in the marks' room: solid cyan, magenta and yellow patches.
    const bar = inkIn(plates, mm(offset + 15, height - offset + bleed + 1, offset + 90, height - 1));
    expect(Math.min(bar.max[0], bar.max[1], bar.max[2], bar.max[3])).toBeGreaterThan(240);
  });
});
