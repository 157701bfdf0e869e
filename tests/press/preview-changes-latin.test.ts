// "Changes since the last proof" on Latin text (manuscript/harbour): one inserted word is marked as that word, and
// nothing else, even though it moves where paragraphs split between columns.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { projectRoot } from '../helpers/paths.ts';
import { openProof, shownProof, waitForShown } from '../helpers/preview-page.ts';
import { eventually, previewSampleCopy, previewState, type SamplePreview } from '../helpers/preview-server.ts';

let preview: SamplePreview;
let press: PressBrowser;
let page: Page;

beforeAll(async () => {
  preview = await previewSampleCopy('changes-latin', undefined, join(projectRoot, 'manuscript/harbour'));
  press = await launchBrowser();
  page = await openProof(press, preview.url);
});
afterAll(async () => {
  await page?.close().catch(() => undefined);
  await press?.close();
  await preview?.stop();
});

/** Each paragraph split between frames: the end of the part before and the start of the part after. */
const splits = () =>
  page.$$eval('.frame .continued', (elements) =>
    elements.map((element) => (element.textContent ?? '').replace(/\u00ad/g, '').slice(0, 25)),
  );

describe('changes since the last proof, in English', () => {
  let before: string[];

  it('marks the proof as read', async () => {
    before = await splits();
    expect(before.length, 'the sample splits paragraphs between columns').toBeGreaterThan(0);
    const button = await page.waitForSelector('nav.proof-toolbar button.proof-action::-p-text(Mark proofed)', { timeout: 10_000 });
    await button?.click();
    await eventually('the mark to be kept', async () => ((await previewState(preview.port)).proofed ? true : undefined));
  });

  it('marks the words inserted, and nothing else, after a save that moves the splits', async () => {
    const file = join(preview.dir, 'article.md');
    const build = (await shownProof(page)).build;
    // Long enough to add a line to the paragraph (the composer absorbs a word or two), so the splits move.
    const added = 'in living memory, and the first of its kind on the estuary for a generation,';
    await writeFile(file, (await readFile(file, 'utf8')).replace('The first passenger ferry', `The first passenger ferry ${added}`));
    await waitForShown(page, 'the edited article', (shown) => shown.build > build && shown.tools && shown.text.includes('living memory'));
    expect(await splits(), 'the insertion moves a split').not.toEqual(before);
    const changes = await page.evaluate(() => ({
      inserted: Array.from(document.querySelectorAll('mark.proof-inserted'), (mark) => mark.textContent ?? ''),
      deleted: Array.from(document.querySelectorAll('span.proof-deleted'), (span) => span.getAttribute('data-deleted') ?? ''),
    }));
    // The marks may be cut where lines break; together they are the words added (a broken word's hyphen is not text).
    const marked = changes.inserted.join('').replace(/\s+/g, ' ').trim();
    expect(marked).toBe(added);
    expect(changes.deleted).toEqual([]);
  });
});
