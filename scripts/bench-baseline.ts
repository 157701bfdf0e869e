// The benchmark's baseline: a bare Puppeteer page.pdf() of HTML that is already laid out (the sample's proof), nothing else.
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { launchBrowser } from '../src/render/browser.ts';

const [html, out] = process.argv.slice(2);
if (!html || !out) throw new Error('usage: bench-baseline.ts READY.html OUT.pdf');
const press = await launchBrowser();
try {
  const page = await press.browser.newPage();
  await page.goto(pathToFileURL(resolve(html)).href, { waitUntil: 'load', timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready);
  await writeFile(out, await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 60_000 }));
} finally {
  await press.close();
}
