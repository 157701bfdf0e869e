// Opens the proof (index.html) from file:// in Chromium and reads what the layout did to it: frames, split paragraphs,
// photos, with the styles the browser computed for them.
import { realpath } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { HTTPRequest } from 'puppeteer-core';
import type { PressBrowser } from '../../src/render/browser.ts';

export interface ProofFrame {
  readonly page: number;
  readonly column: number;
  /** mm from the sheet's top left. */
  readonly x: number;
  readonly y: number;
  readonly firstTag: string;
  readonly firstClasses: readonly string[];
  readonly lastTag: string;
  readonly lastText: string;
  /** The frame ends in a paragraph or list item that goes on in the next frame. */
  readonly endsInSplit: boolean;
}

/** A block the layout split between frames (class `continues` before the split, `continued` after it). */
export interface ProofSplit {
  readonly tag: string;
  readonly classes: readonly string[];
  readonly textIndent: string;
  readonly textAlign: string;
  readonly textAlignLast: string;
  readonly text: string;
  /** Lines of this piece of the block (the composer's line elements). */
  readonly lines: number;
}

export interface ProofImage {
  readonly src: string;
  readonly objectFit: string;
  readonly objectPosition: string;
  readonly naturalWidth: number;
  readonly naturalHeight: number;
}

export interface ProofSnapshot {
  readonly sheets: number;
  readonly frames: readonly ProofFrame[];
  readonly splits: readonly ProofSplit[];
  readonly images: readonly ProofImage[];
  /** All text in the frames, soft hyphens included. */
  readonly frameText: string;
  /** Elements found inside frames, by selector. */
  readonly inFrames: Readonly<Record<'li' | 'table' | 'blockquote' | 'h2', number>>;
}

export async function readProof(press: PressBrowser, proofPath: string): Promise<ProofSnapshot> {
  const page = await press.browser.newPage();
  try {
    const folder = pathToFileURL(await realpath(proofPath)).href.replace(/[^/]*$/, '');
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      // The proof only needs its own folder; anything else is stopped.
      const inside = request.url().startsWith(folder) || request.url().startsWith('data:');
      void (inside ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined);
    });
    await page.goto(`${folder}index.html`, { waitUntil: 'load', timeout: 60_000 });
    return await page.evaluate(async (): Promise<ProofSnapshot> => {
      await document.fonts.ready;
      await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined)));
      const mmPerPx = 25.4 / 96;
      const frames = Array.from(document.querySelectorAll<HTMLElement>('.sheet .frame'), (frame): ProofFrame => {
        const sheet = frame.closest<HTMLElement>('.sheet');
        const origin = sheet?.getBoundingClientRect() ?? new DOMRect();
        const box = frame.getBoundingClientRect();
        return {
          page: Number(sheet?.dataset['page'] ?? Number.NaN),
          column: Number(frame.dataset['column'] ?? Number.NaN),
          x: Math.round((box.left - origin.left) * mmPerPx * 100) / 100,
          y: Math.round((box.top - origin.top) * mmPerPx * 100) / 100,
          firstTag: frame.firstElementChild?.tagName.toLowerCase() ?? '',
          firstClasses: Array.from(frame.firstElementChild?.classList ?? []),
          lastTag: frame.lastElementChild?.tagName.toLowerCase() ?? '',
          lastText: (frame.lastElementChild?.textContent ?? '').slice(-40),
          endsInSplit: Boolean(frame.lastElementChild?.matches('.continues, ul:has(> li.continues:last-child), ol:has(> li.continues:last-child)')),
        };
      });
      const splits = Array.from(document.querySelectorAll<HTMLElement>('.frame .continues, .frame .continued'), (block): ProofSplit => {
        const style = getComputedStyle(block);
        return {
          tag: block.tagName.toLowerCase(),
          classes: Array.from(block.classList),
          textIndent: style.textIndent,
          textAlign: style.textAlign,
          textAlignLast: style.textAlignLast,
          text: (block.textContent ?? '').slice(0, 40),
          lines: block.querySelectorAll('.line').length,
        };
      });
      const images = Array.from(document.querySelectorAll<HTMLImageElement>('.sheet figure img'), (image): ProofImage => {
        const style = getComputedStyle(image);
        return {
          src: image.getAttribute('src') ?? '',
          objectFit: style.objectFit,
          objectPosition: style.objectPosition,
          naturalWidth: image.naturalWidth,
          naturalHeight: image.naturalHeight,
        };
      });
      return {
        sheets: document.querySelectorAll('.sheet').length,
        frames,
        splits,
        images,
        frameText: Array.from(document.querySelectorAll('.frame'), (frame) => frame.textContent ?? '').join('\n'),
        inFrames: {
          li: document.querySelectorAll('.frame li').length,
          table: document.querySelectorAll('.frame table').length,
          blockquote: document.querySelectorAll('.frame blockquote').length,
          h2: document.querySelectorAll('.frame h2').length,
        },
      };
    });
  } finally {
    await page.close().catch(() => undefined);
  }
}
