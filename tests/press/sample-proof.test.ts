// The proof index.html opens straight from the output folder: fonts and photos load, and nothing is fetched from outside it.
import { realpath } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HTTPRequest } from 'puppeteer-core';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { buildSample, type SampleBuild } from '../helpers/build.ts';
import { readSampleArticle } from '../helpers/sample-article.ts';

interface ProofState {
  readonly fontStatus: string;
  readonly faces: ReadonlyArray<{ family: string; status: string }>;
  readonly images: ReadonlyArray<{ src: string; complete: boolean; naturalWidth: number }>;
}

const article = readSampleArticle();
let sample: SampleBuild;
let press: PressBrowser;
let folderUrl: string;
const requested: string[] = [];
let state: ProofState;

beforeAll(async () => {
  sample = await buildSample();
  press = await launchBrowser();
  const page = await press.browser.newPage();
  folderUrl = pathToFileURL(await realpath(sample.result.outDir)).href + '/';
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    requested.push(request.url());
    // Anything outside the folder is recorded and stopped, so a failing proof cannot reach the network either.
    const inside = request.url().startsWith(folderUrl) || request.url().startsWith('data:');
    void (inside ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined);
  });
  await page.goto(new URL('index.html', folderUrl).href, { waitUntil: 'load', timeout: 60_000 });
  state = await page.evaluate(async (): Promise<ProofState> => {
    await document.fonts.ready;
    await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined)));
    return {
      fontStatus: document.fonts.status,
      faces: Array.from(document.fonts, (face) => ({ family: face.family.replace(/^["']|["']$/g, ''), status: face.status })),
      // The article's photos; the press views (soft proof, ink) are the proof's own images, tested with the press PDF.
      images: Array.from(document.querySelectorAll<HTMLImageElement>('img:not(.press-view)'), (image) => ({ src: image.getAttribute('src') ?? '', complete: image.complete, naturalWidth: image.naturalWidth })),
    };
  });
  await page.close();
});
afterAll(async () => {
  await press?.close();
  await sample?.temp.remove();
});

describe('the proof index.html opened from file://', () => {
  it('loads its styles, fonts and photos from files in the output folder', () => {
    const names = requested.map((url) => new URL(url).pathname);
    expect(names.some((name) => name.endsWith('.css'))).toBe(true);
    expect(names.some((name) => name.endsWith('.woff2'))).toBe(true);
    expect(names.some((name) => name.endsWith('.jpg'))).toBe(true);
  });

  it('asks for nothing outside the output folder', () => {
    expect(requested.filter((url) => !url.startsWith(folderUrl) && !url.startsWith('data:'))).toEqual([]);
  });

  it('finishes loading its fonts, with no face failing', () => {
    expect(state.fontStatus).toBe('loaded');
    expect(state.faces.filter((face) => face.status === 'error')).toEqual([]);
  });

  it.each(['Noto Serif SC', 'Noto Sans SC'])('uses %s from the folder (at least one face of it loaded)', (family) => {
    expect(state.faces.filter((face) => face.family === family && face.status === 'loaded').length).toBeGreaterThan(0);
  });

  it('shows every photo of the article', () => {
    expect(state.images).toHaveLength(article.figures.length);
    for (const image of state.images) expect(image.complete && image.naturalWidth > 0, `photo ${image.src}`).toBe(true);
  });
});
