// The proof aids in a real page: toolbar buttons and keys switch the overlays on <html>, the overlays sit where the
// layout report puts frames and photos, a photo too small for print is flagged, and the diagnostics panel takes the
// reader to what each diagnostic is about. The sample's clinic.jpg is replaced by a 300 × 200 JPEG for this file.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { jpegBytes } from '../helpers/images.ts';
import { openProof, readerViewport, shownProof, waitForShown } from '../helpers/preview-page.ts';
import { previewSampleCopy, previewState, type PreviewState, type SamplePreview } from '../helpers/preview-server.ts';

const aids = [
  { key: 'g', upper: 'G', className: 'aid-grid', name: 'Baseline grid' },
  { key: 'f', upper: 'F', className: 'aid-frames', name: 'Frames' },
  { key: 'p', upper: 'P', className: 'aid-photos', name: 'Photos' },
  { key: 'o', upper: 'O', className: 'aid-fit', name: 'Overset' },
  { key: 'c', upper: 'C', className: 'aid-changes', name: 'Changes' },
  { key: 'd', upper: 'D', className: 'aid-panel', name: 'Diagnostics' },
  { key: 's', upper: 'S', className: 'aid-soft-proof', name: 'Soft proof' },
  { key: 'i', upper: 'I', className: 'aid-ink', name: 'Ink' },
] as const;
const lowPhoto = 'manuscript/images/clinic.jpg';

let preview: SamplePreview;
let press: PressBrowser;
let page: Page;
let state: PreviewState;

beforeAll(async () => {
  preview = await previewSampleCopy('aids', (dir) => writeFile(join(dir, 'images/clinic.jpg'), jpegBytes(300, 200)));
  press = await launchBrowser();
  page = await openProof(press, preview.url);
  state = await previewState(preview.port);
});
afterAll(async () => {
  await page?.close().catch(() => undefined);
  await press?.close();
  await preview?.stop();
});

const classes = async () => (await shownProof(page)).htmlClasses;
const report = () => {
  if (!state.layout) throw new Error(`no layout: ${JSON.stringify(state.diagnostics)}`);
  return state.layout;
};
/** Switches an aid on or off with its toolbar button, whatever it was. */
async function setAid(className: string, on: boolean): Promise<void> {
  if ((await classes()).includes(className) !== on) await page.click(`nav.proof-toolbar button[data-aid="${className}"]`);
  expect((await classes()).includes(className)).toBe(on);
}
const displayOf = (selector: string) => page.$$eval(selector, (elements) => elements.map((element) => getComputedStyle(element).display));

describe('the toolbar', () => {
  it('has one button per aid, each naming its key', async () => {
    const buttons = await page.$$eval('nav.proof-toolbar button[data-aid]', (elements) => elements.map((element) => [element.getAttribute('data-aid'), element.textContent ?? '']));
    expect(buttons.map(([aid]) => aid)).toEqual(aids.map((aid) => aid.className));
    for (const [index, aid] of aids.entries()) expect(buttons[index]?.[1]).toContain(`${aid.upper} ${aid.name}`);
  });

  it('starts with the diagnostics panel shown and the overlays hidden', async () => {
    expect((await classes()).filter((name) => name.startsWith('aid-'))).toEqual(['aid-panel']);
    expect(await displayOf('aside.proof-panel')).toEqual(['block']);
    expect(new Set(await displayOf('.proof-overlay'))).toEqual(new Set(['none']));
  });

  it.each(aids)('toggles $className on <html> with its button ($name), and says so in aria-pressed', async ({ className }) => {
    const before = (await classes()).includes(className);
    const button = `nav.proof-toolbar button[data-aid="${className}"]`;
    await page.click(button);
    expect((await classes()).includes(className)).toBe(!before);
    expect(await page.$eval(button, (element) => element.getAttribute('aria-pressed'))).toBe(String(!before));
    await page.click(button);
    expect((await classes()).includes(className)).toBe(before);
    expect(await page.$eval(button, (element) => element.getAttribute('aria-pressed'))).toBe(String(before));
  });

  it.each(aids)('toggles $className on <html> with the key $key, in either case', async ({ key, upper, className }) => {
    const before = (await classes()).includes(className);
    await page.keyboard.press(key);
    expect((await classes()).includes(className)).toBe(!before);
    await page.keyboard.press(upper);
    expect((await classes()).includes(className)).toBe(before);
  });

  it('ignores a key pressed with Ctrl', async () => {
    const before = await classes();
    await page.keyboard.down('Control');
    await page.keyboard.press('g');
    await page.keyboard.up('Control');
    expect(await classes()).toEqual(before);
  });
});

describe('the overlays', () => {
  it('shows the baseline grid on every sheet at the report’s pitch, only while aid-grid is on', async () => {
    await setAid('aid-grid', false);
    const sheets = (await shownProof(page)).sheets;
    expect(await displayOf('.sheet .proof-grid')).toEqual(Array.from({ length: sheets }, () => 'none'));
    await setAid('aid-grid', true);
    expect(await displayOf('.sheet .proof-grid')).toEqual(Array.from({ length: sheets }, () => 'block'));
    const pitchPx = (report().baseline.pitch * 96) / 25.4;
    const sizes = await page.$$eval('.proof-grid', (elements) => elements.map((element) => getComputedStyle(element).backgroundSize));
    for (const size of sizes) expect(Number(/([\d.]+)px$/.exec(size)?.[1])).toBeCloseTo(pitchPx, 2);
    await setAid('aid-grid', false);
  });

  it('outlines every leg of the report, numbered in reading order and labelled with its column and lines', async () => {
    await setAid('aid-frames', true);
    const frames = report().pages.flatMap((sheet) => sheet.frames);
    const labels = await page.$$eval('.proof-frame', (elements) => elements.map((element) => element.getAttribute('data-label') ?? ''));
    expect(labels).toEqual(frames.map((frame) => `leg ${frame.leg} · col ${frame.column + 1} · ${frame.lines}/${frame.capacity} lines`));
    expect(frames.map((frame) => frame.leg)).toEqual(frames.map((_, index) => index + 1));
    expect(new Set(await displayOf('.proof-frames'))).toEqual(new Set(['block']));
    await setAid('aid-frames', false);
  });

  it('labels every photo with its ppi, over the photo itself', async () => {
    await setAid('aid-photos', true);
    const photos = await page.$$eval('.proof-photo', (elements) =>
      elements.map((element) => {
        const src = element.getAttribute('data-photo') ?? '';
        // The shown photo's URL carries its file's version (?v=…).
        const image = Array.from(document.querySelectorAll('figure.photo img')).find((candidate) => (candidate.getAttribute('src') ?? '').split('?')[0] === src);
        const over = element.getBoundingClientRect();
        const under = image?.getBoundingClientRect();
        return {
          src,
          label: element.getAttribute('data-label') ?? '',
          visible: getComputedStyle(element).display !== 'none' && over.width > 0,
          offset: under ? Math.max(Math.abs(over.left - under.left), Math.abs(over.top - under.top), Math.abs(over.width - under.width), Math.abs(over.height - under.height)) : Infinity,
        };
      }),
    );
    const figures = await page.$$eval('.sheet figure', (elements) => elements.length);
    expect(figures).toBe(4);
    expect(photos).toHaveLength(figures);
    for (const photo of photos) {
      expect(photo.label, photo.src).toMatch(/^\d+ ppi · \d+ col$/);
      expect(photo.visible, photo.src).toBe(true);
      expect(photo.offset, `${photo.src}: overlay vs photo, px`).toBeLessThanOrEqual(1);
    }
  });

  it('flags the 300 × 200 photo, and only it, as low resolution (below 200 ppi)', async () => {
    const low = await page.$$eval('.proof-photo.proof-low-resolution', (elements) => elements.map((element) => [element.getAttribute('data-photo'), element.getAttribute('data-label') ?? '']));
    expect(low.map(([src]) => src)).toEqual([lowPhoto]);
    expect(Number(/^(\d+) ppi/.exec(low[0]?.[1] ?? '')?.[1])).toBeLessThan(200);
    const reported = report().pages.flatMap((sheet) => sheet.figures).find((figure) => figure.src === lowPhoto);
    expect(low[0]?.[1]).toContain(`${reported?.effectivePpi} ppi`);
    await setAid('aid-photos', false);
  });

  it('marks each frame left more than a line short (underset), and no overset in a page that fits', async () => {
    await setAid('aid-fit', true);
    const short = report().pages.flatMap((sheet) => sheet.frames).filter((frame) => frame.capacity - frame.lines > 1);
    const markers = await page.$$eval('.proof-underset-marker', (elements) => elements.map((element) => element.getAttribute('data-label') ?? ''));
    expect(markers).toEqual(short.map((frame) => `${frame.capacity - frame.lines} empty lines`));
    expect(await page.$$eval('.proof-overset', (elements) => elements.length)).toBe(0);
    await setAid('aid-fit', false);
  });
});

/** Clicks the panel entry whose text contains `text`; returns where `target` was before and is after, and whether it flashes. */
async function reveal(text: string, target: string) {
  await page.evaluate(() => {
    for (const element of Array.from(document.querySelectorAll('.proof-flash'))) element.classList.remove('proof-flash');
  });
  const scrolled = await shownProof(page);
  const before = await page.$eval(target, (element) => element.getBoundingClientRect().top);
  const entry = await page.waitForSelector(`aside.proof-panel li.proof-diagnostic button::-p-text(${text})`, { timeout: 10_000 });
  if (!entry) throw new Error(`no diagnostic “${text}” in the panel`);
  await entry.click();
  await waitForShown(page, 'the page to scroll', (shown) => shown.scrollY !== scrolled.scrollY || shown.scrollX !== scrolled.scrollX, 10_000);
  const after = await page.$eval(target, (element) => {
    const box = element.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, left: box.left, right: box.right, flashing: element.classList.contains('proof-flash'), animation: getComputedStyle(element).animationName };
  });
  return { before, after };
}

/** Saves article.md and waits for the page to show the build made of it. */
async function saveArticle(text: string): Promise<void> {
  const before = (await shownProof(page)).build;
  await writeFile(join(preview.dir, 'article.md'), text);
  await waitForShown(page, 'the rebuilt article', (shown) => shown.build > before && shown.tools && shown.sheets > 0);
  state = await previewState(preview.port);
}

describe('the diagnostics panel', () => {
  it('lists every diagnostic of the build, the low-resolution photo among them', async () => {
    await setAid('aid-panel', true);
    const items = await page.$$eval('aside.proof-panel li.proof-diagnostic', (elements) => elements.map((element) => element.textContent ?? ''));
    expect(items).toHaveLength(state.diagnostics.length);
    state.diagnostics.forEach((diagnostic, index) => expect(items[index]).toContain(diagnostic.message));
    expect(state.diagnostics.some((diagnostic) => diagnostic.rule === 'layout:photo-resolution' && diagnostic.photo === lowPhoto)).toBe(true);
    const warnings = state.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
    expect(await page.$eval('aside.proof-panel h2', (element) => element.textContent)).toBe(`0 errors, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  });

  it('scrolls the low-resolution photo into view and flashes it when its diagnostic is clicked', async () => {
    const figure = `.sheet figure.photo:has(img[src^="${lowPhoto}?"])`;
    // Start from whichever end of the page leaves the photo out of view.
    await page.$eval(figure, (element) => {
      window.scrollTo(0, 0);
      if (element.getBoundingClientRect().top < window.innerHeight) window.scrollTo(0, document.documentElement.scrollHeight);
    });
    const { before, after } = await reveal('clinic.jpg', figure);
    expect(before < 0 || before > readerViewport.height, `the photo starts out of view (top ${before} px)`).toBe(true);
    expect(after.top).toBeGreaterThanOrEqual(0);
    expect(after.bottom).toBeLessThanOrEqual(readerViewport.height);
    expect(after.flashing).toBe(true);
    expect(after.animation).toBe('proof-flash');
  });
});

describe('overset, after a save that makes the article too long', () => {
  beforeAll(async () => {
    const original = await readFile(join(preview.dir, 'article.md'), 'utf8');
    const body = original.split('\n---\n')[1] ?? '';
    await saveArticle(`${original}\n${body}`);
  });

  it('marks the overset at the end of the last frame with its size', async () => {
    const overset = report().overset;
    if (!overset) throw new Error('the doubled article fits');
    await setAid('aid-fit', true);
    const markers = await page.$$eval('.proof-overset', (elements) => elements.map((element) => [element.getAttribute('data-label') ?? '', getComputedStyle(element).display]));
    expect(markers).toHaveLength(1);
    expect(markers[0]?.[0]).toMatch(new RegExp(`^overset: ${overset.lines} lines, ${overset.characters} characters from “`));
    expect(markers[0]?.[1]).toBe('block');
  });

  it('lists the overset as an error in the panel', async () => {
    await setAid('aid-panel', true);
    expect(state.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.rule)).toContain('layout:overset');
    const errors = await page.$$eval('aside.proof-panel li.proof-diagnostic.error', (elements) => elements.map((element) => element.textContent ?? ''));
    expect(errors.some((text) => text.includes('do not fit'))).toBe(true);
  });

  it('takes the reader to the overset when its diagnostic is clicked (the marked frame flashes)', async () => {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      for (const element of Array.from(document.querySelectorAll('.proof-flash'))) element.classList.remove('proof-flash');
    });
    const entry = await page.waitForSelector('aside.proof-panel li.proof-diagnostic.error button::-p-text(do not fit)', { timeout: 10_000 });
    await entry?.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const flashing = await page.$$eval('.proof-flash', (elements) => elements.map((element) => element.className));
    expect(flashing, 'elements flashing after the click').not.toEqual([]);
  });
});

describe('the press views (S soft proof, I ink over the limit)', () => {
  /** The images' loaded size and shown size, and the mean of a 20 × 20 px patch at the soft proof's top left (paper). */
  const views = () =>
    page.$$eval('.sheet', (sheets) =>
      sheets.map((sheet) => {
        const soft = sheet.querySelector<HTMLImageElement>('img.press-soft-proof');
        const ink = sheet.querySelector<HTMLImageElement>('img.press-ink');
        let paper = NaN;
        if (soft?.complete && soft.naturalWidth > 0) {
          const canvas = document.createElement('canvas');
          canvas.width = 20;
          canvas.height = 20;
          const context = canvas.getContext('2d');
          context?.drawImage(soft, 0, 0, 20, 20, 0, 0, 20, 20);
          const data = context?.getImageData(0, 0, 20, 20).data ?? new Uint8ClampedArray();
          let sum = 0;
          for (let at = 0; at < data.length; at += 4) sum += ((data[at] ?? 0) + (data[at + 1] ?? 0) + (data[at + 2] ?? 0)) / 3;
          paper = sum / (data.length / 4);
        }
        const box = sheet.getBoundingClientRect();
        return {
          sheetWidth: box.width,
          soft: soft ? { natural: soft.naturalWidth, shown: soft.getBoundingClientRect().width, display: getComputedStyle(soft).display } : null,
          ink: ink ? { natural: ink.naturalWidth, shown: ink.getBoundingClientRect().width, display: getComputedStyle(ink).display, alt: ink.alt } : null,
          paper,
        };
      }),
    );
  const loadedViews = async () => {
    for (let attempt = 0; attempt < 240; attempt++) {
      const found = await views();
      if (found.every((sheet) => (sheet.soft?.natural ?? 0) > 0 && (sheet.ink?.natural ?? 0) > 0)) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the press views never loaded');
  };

  it('lays the newsprint soft proof over each sheet at its size when S is on, with newsprint’s grey paper, and hides it when off', async () => {
    await setAid('aid-soft-proof', true);
    const found = await loadedViews();
    for (const sheet of found) {
      expect(sheet.soft?.display).toBe('block');
      expect(Math.abs((sheet.soft?.shown ?? 0) - sheet.sheetWidth)).toBeLessThanOrEqual(1);
      // 96 px an inch: the soft proof has a pixel for every CSS pixel of the sheet.
      expect(Math.abs((sheet.soft?.natural ?? 0) - sheet.sheetWidth)).toBeLessThanOrEqual(2);
      // Newsprint is not white: the profile's paper shows as a light grey, never the screen's #fff.
      expect(sheet.paper).toBeLessThan(245);
      expect(sheet.paper).toBeGreaterThan(170);
      expect(sheet.ink?.display).toBe('none');
    }
    expect(await page.$eval('.proof-status', (element) => element.textContent ?? '')).toMatch(/most ink \d+(\.\d)? %/);
    await setAid('aid-soft-proof', false);
    expect(new Set((await views()).map((sheet) => sheet.soft?.display))).toEqual(new Set(['none']));
  });

  it('lays the ink overlay over each sheet and its bleed when I is on, naming the heaviest ink', async () => {
    await setAid('aid-ink', true);
    const found = await loadedViews();
    const bleedPx = (3 * 96) / 25.4;
    for (const sheet of found) {
      expect(sheet.ink?.display).toBe('block');
      expect(Math.abs((sheet.ink?.shown ?? 0) - (sheet.sheetWidth + 2 * bleedPx))).toBeLessThanOrEqual(1);
      expect(sheet.ink?.alt).toMatch(/the most is \d+(\.\d)? %/);
    }
    await setAid('aid-ink', false);
  });
});

describe('underset, after a save that makes the article too short', () => {
  beforeAll(async () => {
    const original = await readFile(join(preview.dir, 'article.md'), 'utf8');
    const [frontMatter = ''] = /^---\n[\s\S]*?\n---\n/.exec(original) ?? [];
    await saveArticle(`${frontMatter}\n近年来，枣庄市山亭区贯彻落实省委“九大改革攻坚行动”，走出了一条新时代高质量发展的山亭之路。\n`);
  });

  it('reports the news hole the short story leaves and marks it on the page (O)', async () => {
    expect(state.diagnostics.filter((diagnostic) => diagnostic.rule === 'layout:news-hole').length).toBeGreaterThan(0);
    await setAid('aid-fit', true);
    const holes = report().stories.flatMap((story) => story.holes.flatMap((hole) => hole.boxes.map(() => `news hole: ${hole.columnLines} column-lines, ${Math.round(hole.squareMillimetres / 100)} cm²`)));
    expect(holes.length).toBeGreaterThan(0);
    const markers = await page.$$eval('.proof-news-hole', (elements) => elements.map((element) => element.getAttribute('data-label') ?? ''));
    expect(markers).toEqual(holes);
  });

  it('scrolls the news hole into view and flashes it when its diagnostic is clicked', async () => {
    await setAid('aid-panel', true);
    const diagnostic = state.diagnostics.find((candidate) => candidate.rule === 'layout:news-hole' && candidate.pageColumn !== undefined);
    if (!diagnostic?.pageColumn) throw new Error('no news hole with a column');
    const marker = `.sheet[data-page="${diagnostic.page}"] .proof-news-hole[data-column="${diagnostic.pageColumn - 1}"]`;
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const { after } = await reveal(diagnostic.message, marker);
    expect(after.flashing).toBe(true);
    expect(after.bottom).toBeGreaterThan(0);
    expect(after.top).toBeLessThan(readerViewport.height);
  });
});
