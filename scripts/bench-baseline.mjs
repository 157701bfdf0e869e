// The benchmark's baselines, plain JavaScript on puppeteer-core and nothing else of Broadsheet's but its Chromium
// launch (the same binary and flags):
//   bench-baseline.mjs READY.html OUT.pdf            launch Chromium, load a laid-out page, page.pdf(), close;
//   bench-baseline.mjs --warm A.html A.pdf B.html …  the same for each page in one browser, and prints the time of
//                                                    the loads and prints alone ("warm seconds: N").
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../lib/render/browser.js';

const argv = process.argv.slice(2);
const warm = argv[0] === '--warm';
const pairs = warm ? argv.slice(1) : argv;
if (pairs.length < 2 || pairs.length % 2 !== 0) throw new Error('usage: bench-baseline.mjs [--warm] READY.html OUT.pdf [READY.html OUT.pdf …]');
const press = await launchBrowser();
try {
  const page = await press.browser.newPage();
  const started = performance.now();
  for (let at = 0; at < pairs.length; at += 2) {
    await page.goto(pathToFileURL(resolve(pairs[at])).href, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate(() => document.fonts.ready);
    await writeFile(pairs[at + 1], await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 60_000 }));
  }
  if (warm) console.log(`warm seconds: ${((performance.now() - started) / 1000).toFixed(3)}`);
} finally {
  await press.close();
}
