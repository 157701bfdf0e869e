// Chromium opens pages of its own in the background (the omnibox's popup, built as a web page, preloaded in a renderer
// of its own: 160 MB, and 1.0 s of Chromium's CPU in a trace of the sample's build). Broadsheet's Chromium opens none: the
// only pages are the ones Broadsheet opens.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';

let press: PressBrowser;
const seen: string[] = [];

beforeAll(async () => {
  press = await launchBrowser();
  press.browser.on('targetcreated', (target) => void seen.push(target.url()));
  seen.push(...press.browser.targets().map((target) => target.url()));
  // Chromium's own pages come within a second of its start (1.2 s is when the popup was seen without the flags).
  await new Promise((resolve) => setTimeout(resolve, 2000));
}, 60_000);

afterAll(() => press?.close());

it('opens no page of its own after it starts', () => {
  seen.push(...press.browser.targets().map((target) => target.url()));
  expect(seen.filter((url) => url.startsWith('chrome://'))).toEqual([]);
});
