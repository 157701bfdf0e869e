// A house stylesheet saved while its proof is open: the proof takes the new style in the open page, without a
// reload (the reader's place kept), and what it shows is what prints: the page in Chromium took the same style.
import { execFileSync } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type RunningPreview } from '../../src/preview/run.ts';
import { writeStarterHouse } from '../../src/project/init.ts';
import { resolveProject } from '../../src/project/resolve.ts';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { markPage, openProof, shownProof, waitForShown } from '../helpers/preview-page.ts';
import { pdfWords } from '../helpers/poppler.ts';

let temp: TempFolder;
let house: string;
let preview: RunningPreview;
let press: PressBrowser;
let page: Page;

beforeAll(async () => {
  temp = await tempFolder('preview-styles');
  const written = await writeStarterHouse({ dir: join(temp.path, 'courier') });
  house = written.dir;
  const project = await resolveProject({ cwd: house, env: process.env });
  preview = await startPreview({ project, dir: join(house, written.manuscript), port: 0, outDir: join(temp.path, 'out'), log: () => undefined });
  press = await launchBrowser();
  page = await openProof(press, preview.url);
});
afterAll(async () => {
  await page?.close().catch(() => undefined);
  await press?.close();
  await preview?.stop();
  await temp?.remove();
});

const headlineColour = () => page.evaluate(() => {
  const headline = document.querySelector('.sheet .headline');
  return headline ? getComputedStyle(headline).color : null;
});

describe('a stylesheet saved during a proof', () => {
  it('is taken into the open page, without a reload, and the page it will print from took it too', async () => {
    await waitForShown(page, 'the first build', (shown) => shown.sheets > 0 && shown.tools);
    expect(await headlineColour()).not.toBe('rgb(200, 0, 0)');
    await page.evaluate(() => window.scrollTo(0, 300));
    const before = await shownProof(page);
    await markPage(page);
    await appendFile(join(house, 'styles/house.css'), '\n.story .headline-module .headline { color: rgb(200, 0, 0); }\n');
    const after = await waitForShown(page, `build ${before.build + 1} with the new style`, (shown) => shown.build > before.build);
    await expect.poll(headlineColour, { timeout: 10_000 }).toBe('rgb(200, 0, 0)');
    expect(after.marked, 'the page was updated in place, not reloaded').toBe(true);
    expect(Math.abs(after.scrollY - 300)).toBeLessThanOrEqual(3);
    // The proof shows what will print: Print PDF prints the page Chromium set with the new style, headline in red.
    const printed = await page.evaluate(async (build: number) => {
      const response = await fetch('/_proof/print', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ build }) });
      return (await response.json()) as { pdf?: string; error?: string };
    }, after.build);
    expect(printed.error).toBeUndefined();
    const screen = (printed.pdf ?? '').replace(/\.pdf$/, '.screen.pdf');
    const word = pdfWords(screen).find((candidate) => candidate.text === 'Ferry');
    expect(word).toBeDefined();
    const png = join(temp.path, 'printed');
    execFileSync('pdftoppm', ['-png', '-r', '72', '-singlefile', screen, png]);
    const { data, info } = await sharp(`${png}.png`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let y = Math.floor(word?.top ?? 0); y < Math.ceil(word?.bottom ?? 0); y++) {
      for (let x = Math.floor(word?.left ?? 0); x < Math.ceil(word?.right ?? 0); x++) {
        const at = (y * info.width + x) * 3;
        if ((data[at] ?? 0) > 150 && (data[at + 1] ?? 255) < 80 && (data[at + 2] ?? 255) < 80) red++;
      }
    }
    expect(red, 'red pixels in the printed headline').toBeGreaterThan(20);
  });
});
