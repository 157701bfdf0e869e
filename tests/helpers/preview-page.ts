// The live proof as a reader's Chromium shows it: which build is on screen, where it is scrolled, and the lines each
// frame shows, read from the glyph boxes of the page itself (not from the layout engine's own report).
import type { Page } from 'puppeteer-core';
import type { PressBrowser } from '../../src/render/browser.ts';
import { eventually } from './preview-server.ts';

export interface ShownProof {
  /** The build the page says it shows: `data-build` of the proof tools' script. */
  readonly build: number;
  /** The proof tools have started (their toolbar is up); by then the saved scroll position is restored. */
  readonly tools: boolean;
  readonly sheets: number;
  /** The text of `.proof-error`, when the build failed. */
  readonly error: string | null;
  readonly scrollX: number;
  readonly scrollY: number;
  /** All the text of the page body. */
  readonly text: string;
  /** Whether the mark `markPage` left on this window is still there, i.e. the page has not been reloaded since. */
  readonly marked: boolean;
  readonly htmlClasses: readonly string[];
}

export const readerViewport = { width: 1280, height: 800 };

export async function openProof(press: PressBrowser, url: string): Promise<Page> {
  const page = await press.browser.newPage();
  await page.setViewport(readerViewport);
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await waitForShown(page, 'the proof tools to start', (shown) => shown.tools);
  return page;
}

export function shownProof(page: Page): Promise<ShownProof> {
  return page.evaluate(
    (): ShownProof => ({
      build: Number(document.querySelector('script[data-build]')?.getAttribute('data-build') ?? Number.NaN),
      tools: document.querySelector('nav.proof-toolbar') !== null,
      sheets: document.querySelectorAll('.sheet').length,
      error: document.querySelector('.proof-error')?.textContent ?? null,
      scrollX: window.scrollX,
      scrollY: window.scrollY,
      text: document.body.textContent ?? '',
      marked: Reflect.get(window, 'previewTestMark') === true,
      htmlClasses: Array.from(document.documentElement.classList),
    }),
  );
}

/** Leaves a mark on the window that only a reload removes. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    Reflect.set(window, 'previewTestMark', true);
  });
}

/** Waits (across reloads) until what the page shows passes `check`; returns what it showed then. */
export function waitForShown(page: Page, what: string, check: (shown: ShownProof) => boolean, timeoutMs = 60_000): Promise<ShownProof> {
  return eventually(
    what,
    async () => {
      const shown = await shownProof(page);
      return check(shown) ? shown : undefined;
    },
    timeoutMs,
  );
}

/** A frame of the proof as the page sets it: where it is (mm from its sheet's top left) and its lines, top to bottom. */
export interface ShownFrame {
  readonly page: number;
  readonly column: number;
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly lines: readonly string[];
}

/**
 * Reads every frame's lines from the page: each character's box (Range.getClientRects), a new line wherever the
 * glyphs drop to a lower row. Spaces and soft hyphens are left out; they are not compared.
 */
export function shownFrames(page: Page): Promise<ShownFrame[]> {
  return page.evaluate(async (): Promise<ShownFrame[]> => {
    await document.fonts.ready;
    await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined)));
    const mmPerPx = 25.4 / 96;
    const frames: ShownFrame[] = [];
    const range = document.createRange();
    for (const sheet of Array.from(document.querySelectorAll('.sheet'))) {
      const origin = sheet.getBoundingClientRect();
      for (const frame of Array.from(sheet.querySelectorAll('.frame'))) {
        const box = frame.getBoundingClientRect();
        const lines: Array<{ text: string; middle: number }> = [];
        const walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const data = node.textContent ?? '';
          for (let offset = 0; offset < data.length; offset++) {
            const code = data.charCodeAt(offset);
            const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
            const char = data.slice(offset, offset + width);
            range.setStart(node, offset);
            range.setEnd(node, offset + width);
            offset += width - 1;
            if (/^[\s\u00ad]$/u.test(char)) continue;
            const rect = Array.from(range.getClientRects()).find((candidate) => candidate.height > 0);
            if (!rect) continue;
            const middle = rect.top + rect.height / 2;
            const line = lines.at(-1);
            // A glyph more than a few pixels lower than the line so far starts the next line.
            if (line && Math.abs(middle - line.middle) < 5) line.text += char;
            else lines.push({ text: char, middle });
          }
        }
        frames.push({
          page: Number(sheet.getAttribute('data-page') ?? Number.NaN),
          column: Number(frame.getAttribute('data-column') ?? Number.NaN),
          box: {
            x: (box.left - origin.left) * mmPerPx,
            y: (box.top - origin.top) * mmPerPx,
            width: box.width * mmPerPx,
            height: box.height * mmPerPx,
          },
          lines: lines.map((line) => line.text),
        });
      }
    }
    return frames;
  });
}

/** Text as the line comparisons read it: no spacing, no soft hyphens. */
export const bareLine = (text: string): string => text.replace(/[\s\u00ad]+/gu, '');

/** The shown frame at the same place as a reported one (within half a millimetre). */
export function frameAt<T extends ShownFrame>(frames: readonly T[], page: number, box: { x: number; y: number; width: number; height: number }): T | undefined {
  return frames.find(
    (frame) =>
      frame.page === page && Math.abs(frame.box.x - box.x) < 0.5 && Math.abs(frame.box.y - box.y) < 0.5 && Math.abs(frame.box.width - box.width) < 0.5,
  );
}
