// Live reload in a real page: saving article.md or a photo brings the new build to the open proof by itself, where the
// reader was reading; a broken manuscript shows its errors and the fixed one comes back; "Mark proofed" then shows
// what changed since. The tests run in order on one preview, each starting from the build the last one left.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { sampleDir } from '../helpers/sample-article.ts';
import { bareLine, frameAt, markPage, openProof, shownFrames, shownProof, waitForShown, type ShownProof } from '../helpers/preview-page.ts';
import { eventually, previewSampleCopy, previewState, rawRequest, type SamplePreview } from '../helpers/preview-server.ts';

let preview: SamplePreview;
let press: PressBrowser;
let page: Page;
let article: string;
/** What the page showed once the broken front matter was fixed. */
let fixed: ShownProof | undefined;
/** Save-to-screen times, reported at the end. */
const reloads: string[] = [];

beforeAll(async () => {
  preview = await previewSampleCopy('live');
  press = await launchBrowser();
  page = await openProof(press, preview.url);
  article = await readFile(join(preview.dir, 'article.md'), 'utf8');
});
afterAll(async () => {
  if (reloads.length > 0) console.log(`preview reload times (save → new build in the page):\n  ${reloads.join('\n  ')}\npreview log:\n  ${preview?.log.join('\n  ')}`);
  await page?.close().catch(() => undefined);
  await press?.close();
  await preview?.stop();
});

/** Replaces `from` (which must occur exactly once) in the copy's article.md and saves it. */
async function edit(from: string, to: string): Promise<void> {
  const parts = article.split(from);
  if (parts.length !== 2) throw new Error(`“${from}” occurs ${parts.length - 1} times in article.md`);
  article = parts.join(to);
  await writeFile(join(preview.dir, 'article.md'), article);
}

/** Does `change`, then waits until the page shows the next build and `check` passes; logs how long that took. */
async function saveAndWait(what: string, change: () => Promise<void>, check: (shown: ShownProof) => boolean): Promise<{ before: ShownProof; after: ShownProof }> {
  const before = await shownProof(page);
  await markPage(page);
  const started = performance.now();
  await change();
  const after = await waitForShown(page, `build ${before.build + 1} after ${what}`, (shown) => shown.build >= before.build + 1 && shown.tools && check(shown));
  reloads.push(`${what}: ${Math.round(performance.now() - started)} ms (build ${before.build} → ${after.build})`);
  return { before, after };
}

const scrollTo = (x: number, y: number) =>
  page.evaluate(
    (left, top) => {
      window.scrollTo(left, top);
      return [window.scrollX, window.scrollY];
    },
    x,
    y,
  );

describe('live reload', () => {
  it('starts showing build 1 with the article and a live reload channel', async () => {
    const shown = await waitForShown(page, 'the status to say live', (candidate) => candidate.text.includes('· live'));
    expect(shown.build).toBe(1);
    expect(shown.sheets).toBeGreaterThan(0);
    expect(shown.text).toContain('众所周知');
  });

  it('shows an edit of article.md by itself, with the new word and without the old, where the reader was scrolled', async () => {
    expect(await scrollTo(120, 1000)).toEqual([120, 1000]);
    const { before, after } = await saveAndWait('a word changed in article.md', () => edit('众所周知', '有目共睹'), (shown) => shown.text.includes('有目共睹'));
    // One save may cost more than one build (its events can come in two bursts); the page shows the last one.
    expect(after.build).toBeGreaterThan(before.build);
    // A text edit is set in the open page: no reload, so fonts, photos and the reader's place stay as they were.
    expect(after.marked, 'the page was updated in place, not reloaded').toBe(true);
    expect(after.text).not.toContain('众所周知');
    expect(Math.abs(after.scrollY - 1000)).toBeLessThanOrEqual(3);
    expect(Math.abs(after.scrollX - 120)).toBeLessThanOrEqual(3);
  });

  it('keeps the scroll position by itself, not only through the browser’s own restoration on reload', async () => {
    await page.evaluate(() => {
      history.scrollRestoration = 'manual';
    });
    expect(await scrollTo(40, 700)).toEqual([40, 700]);
    const { after } = await saveAndWait('a word changed back in article.md', () => edit('有目共睹', '众所周知'), (shown) => shown.text.includes('众所周知'));
    expect(after.marked, 'the page was updated in place, not reloaded').toBe(true);
    expect(await page.evaluate(() => history.scrollRestoration), 'the browser restored nothing itself').toBe('manual');
    expect(Math.abs(after.scrollY - 700)).toBeLessThanOrEqual(3);
    expect(Math.abs(after.scrollX - 40)).toBeLessThanOrEqual(3);
  });

  it('shows a photo saved over another (images/clinic.jpg) by itself, in the open page', async () => {
    const clinic = () =>
      page.evaluate(() => {
        // The photo's URL carries its file's version: manuscript/images/clinic.jpg?v=…
        const image = document.querySelector<HTMLImageElement>('img[src^="manuscript/images/clinic.jpg"]');
        return image ? [image.naturalWidth, image.naturalHeight] : null;
      });
    expect(await clinic()).toEqual([2400, 1600]);
    const { after } = await saveAndWait('images/clinic.jpg replaced', () => copyFile(join(sampleDir, 'images/research-visit.jpg'), join(preview.dir, 'images/clinic.jpg')), () => true);
    // The page takes the new body in, the photo under a URL of its new version: no reload, the reader's place kept.
    expect(after.marked, 'the page was updated in place, not reloaded').toBe(true);
    // The new photo is portrait, 1600 × 2200.
    expect(await eventually('the new clinic.jpg to decode', async () => ((await clinic())?.[0] === 1600 ? await clinic() : undefined))).toEqual([1600, 2200]);
  });

  it('shows the errors of a broken front matter by itself: article.md, its line, and what is wrong', async () => {
    expect(await scrollTo(60, 900)).toEqual([60, 900]);
    const { after } = await saveAndWait('headline broken (unclosed list)', () => edit('headline: 『改革攻坚 蓄势蝶变』', 'headline: [unclosed'), (shown) => shown.error !== null);
    expect(after.sheets).toBe(0);
    expect(after.error).toContain('article.md:2');
    expect(after.error).toMatch(/headline/);
    const state = await previewState(preview.port);
    expect(state.layout).toBeNull();
    expect(state.diagnostics.some((diagnostic) => diagnostic.severity === 'error' && diagnostic.file === 'article.md' && diagnostic.line === 2)).toBe(true);
  });

  it('keeps serving while the manuscript is broken', async () => {
    const response = await rawRequest({ port: preview.port, path: '/' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('proof-error');
    expect((await rawRequest({ port: preview.port, path: '/manuscript/images/highway.jpg' })).status).toBe(200);
  });

  it('refuses to print a failed build', async () => {
    const { id } = await previewState(preview.port);
    const response = await rawRequest({ port: preview.port, path: '/_proof/print', method: 'POST', origin: `http://127.0.0.1:${preview.port}`, json: { build: id } });
    expect(response.status).toBe(409);
  });

  it('brings the page back by itself once the front matter is fixed', async () => {
    const { after } = await saveAndWait('headline fixed', () => edit('headline: [unclosed', 'headline: 『改革攻坚 蓄势蝶变』'), (shown) => shown.sheets > 0);
    expect(after.error).toBeNull();
    expect(after.text).toContain('改革攻坚 蓄势蝶变');
    expect(after.marked).toBe(false);
    fixed = after;
  });

  it('comes back where the reader was reading before the save that broke it', () => {
    // The error page is short: it takes the saved position, scrolls to the top, and the fixed proof restores that.
    expect(Math.abs((fixed?.scrollY ?? 0) - 900), `scrollY ${fixed?.scrollY}`).toBeLessThanOrEqual(3);
    expect(Math.abs((fixed?.scrollX ?? 0) - 60), `scrollX ${fixed?.scrollX}`).toBeLessThanOrEqual(3);
  });
});

describe('changes since the last proof', () => {
  const inserted = '鹦鹉螺号潜艇';
  const removed = '，年工资支出增加近亿元';

  it('marks the proof as read with “Mark proofed”', async () => {
    const button = await page.waitForSelector('nav.proof-toolbar button.proof-action::-p-text(Mark proofed)', { timeout: 10_000 });
    if (!button) throw new Error('no Mark proofed button');
    await button.click();
    await eventually('the button to confirm', async () => ((await button.evaluate((element) => element.textContent ?? '')).startsWith('Proofed ✓') ? true : undefined));
    const state = await previewState(preview.port);
    expect(state.proofed?.text).toContain('众所周知，经济发展的竞争核心是人才的竞争');
    expect(state.proofed?.text).toContain(removed);
  });

  it('shows nothing as changed until something is', async () => {
    await page.reload({ waitUntil: 'load' });
    await waitForShown(page, 'the proof tools', (shown) => shown.tools);
    expect(await page.$$eval('mark.proof-inserted, span.proof-deleted', (elements) => elements.length)).toBe(0);
  });

  it('marks an inserted phrase and a deleted one after the next save, when C is pressed', async () => {
    await saveAndWait('a phrase inserted and another deleted', async () => {
      await edit('深度合作，', `深度合作，${inserted}`);
      await edit(`800余名${removed}。`, '800余名。');
    }, (shown) => shown.text.includes(inserted) && !shown.text.includes(removed));
    expect((await shownProof(page)).htmlClasses).not.toContain('aid-changes');
    await page.keyboard.press('c');
    const shown = await shownProof(page);
    expect(shown.htmlClasses).toContain('aid-changes');
    const marks = await page.$$eval('mark.proof-inserted', (elements) => elements.map((element) => element.textContent ?? ''));
    const deletions = await page.$$eval('span.proof-deleted', (elements) => elements.map((element) => element.getAttribute('data-deleted') ?? ''));
    expect(marks.join('')).toBe(inserted);
    expect(deletions.join('')).toBe(removed);
    const highlighted = await page.$eval('mark.proof-inserted', (element) => getComputedStyle(element).backgroundColor);
    expect(highlighted).not.toBe('rgba(0, 0, 0, 0)');
  });

  it('moves no line by marking changes: the page still breaks its lines where the layout report says', async () => {
    const state = await previewState(preview.port);
    const frames = await shownFrames(page);
    const differences = (state.layout?.pages ?? []).flatMap((sheet) =>
      sheet.frames.flatMap((frame) => {
        const reported = frame.text.map((line) => bareLine(line.text));
        const shown = frameAt(frames, sheet.number, frame.box)?.lines.map(bareLine) ?? [];
        return JSON.stringify(reported) === JSON.stringify(shown) ? [] : [`column ${frame.column + 1} at y ${frame.box.y} mm:\n  report ${JSON.stringify(reported)}\n  proof  ${JSON.stringify(shown)}`];
      }),
    );
    expect(frames.length).toBeGreaterThan(5);
    expect(differences).toEqual([]);
  });
});
