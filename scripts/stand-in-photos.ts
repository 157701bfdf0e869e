// Draws the sample manuscripts' stand-in photos (marked as such in the picture) with Chromium, so the repository ships no third-party photos.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../src/render/browser.ts';

interface StandIn {
  /** Path under manuscript/. */
  readonly file: string;
  readonly caption: string;
  readonly width: number;
  readonly height: number;
  readonly scene: (width: number, height: number) => string;
}

const label = 'STAND-IN PHOTO · 示意图 · not the original';
const outputFolder = new URL('../manuscript/', import.meta.url);
const fontFolder = new URL('../node_modules/@fontsource/noto-sans-sc/', import.meta.url);

/** A road running to the horizon between green hills. */
function highway(w: number, h: number): string {
  const horizon = h * 0.52;
  const vanish = w * 0.5;
  // A point t of the way from the horizon (0) to the bottom edge (1); widths grow with t, as in perspective.
  const across = (t: number, offset: number): string => `${vanish + offset * t * w},${horizon + t * (h - horizon)}`;
  const dashes = [0.08, 0.16, 0.27, 0.41, 0.58, 0.78]
    .map((t) => `<polygon points="${across(t, -0.006)} ${across(t, 0.006)} ${across(t + t * 0.45, 0.006)} ${across(t + t * 0.45, -0.006)}" fill="#f4f1e6"/>`)
    .join('');
  return `
    <defs>
      <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5d93c9"/><stop offset="1" stop-color="#dbe8f0"/></linearGradient>
      <linearGradient id="field" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7fa35a"/><stop offset="1" stop-color="#3f6b2c"/></linearGradient>
      <linearGradient id="asphalt" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8a8d91"/><stop offset="1" stop-color="#3d4044"/></linearGradient>
    </defs>
    <rect width="${w}" height="${h}" fill="url(#sky)"/>
    <circle cx="${w * 0.8}" cy="${h * 0.18}" r="${h * 0.06}" fill="#fff6d8" opacity="0.9"/>
    <path d="M0 ${horizon} L${w * 0.12} ${h * 0.36} L${w * 0.27} ${h * 0.44} L${w * 0.42} ${h * 0.33} L${w * 0.6} ${h * 0.45} L${w * 0.76} ${h * 0.35} L${w} ${h * 0.43} L${w} ${horizon} Z" fill="#8aa3b8"/>
    <path d="M0 ${horizon} L${w * 0.08} ${h * 0.45} L${w * 0.22} ${h * 0.49} L${w * 0.35} ${h * 0.43} L${w * 0.5} ${h * 0.5} L${w * 0.68} ${h * 0.42} L${w * 0.86} ${h * 0.47} L${w} ${h * 0.44} L${w} ${horizon} Z" fill="#5f8a55"/>
    <rect y="${horizon}" width="${w}" height="${h - horizon}" fill="url(#field)"/>
    <polygon points="${across(0, -0.004)} ${across(0, 0.004)} ${across(1, 0.42)} ${across(1, -0.42)}" fill="url(#asphalt)"/>
    <polygon points="${across(0, -0.004)} ${across(0, -0.003)} ${across(1, -0.37)} ${across(1, -0.385)}" fill="#f4f1e6"/>
    <polygon points="${across(0, 0.003)} ${across(0, 0.004)} ${across(1, 0.385)} ${across(1, 0.37)}" fill="#f4f1e6"/>
    <polygon points="${across(0, 0.005)} ${across(0, 0.006)} ${across(1, 0.5)} ${across(1, 0.47)}" fill="#c9ced3"/>
    ${dashes}`;
}

/** A signing ceremony: red backdrop, a covered plaque, a row of figures behind a table. */
function labSigning(w: number, h: number): string {
  const people = [0.2, 0.35, 0.65, 0.8]
    .map((x) => `<circle cx="${w * x}" cy="${h * 0.4}" r="${h * 0.045}" fill="#2b2623"/>
      <rect x="${w * x - h * 0.085}" y="${h * 0.46}" width="${h * 0.17}" height="${h * 0.3}" rx="${h * 0.05}" fill="#1f2937"/>
      <polygon points="${w * x - h * 0.02},${h * 0.46} ${w * x + h * 0.02},${h * 0.46} ${w * x},${h * 0.56}" fill="#f3f4f6"/>`)
    .join('');
  return `
    <defs>
      <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#e9dcc6"/><stop offset="1" stop-color="#c9b494"/></linearGradient>
      <linearGradient id="banner" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#b3171c"/><stop offset="1" stop-color="#7d0f13"/></linearGradient>
    </defs>
    <rect width="${w}" height="${h}" fill="url(#wall)"/>
    <rect x="${w * 0.06}" y="${h * 0.06}" width="${w * 0.88}" height="${h * 0.4}" fill="url(#banner)"/>
    <rect x="${w * 0.18}" y="${h * 0.13}" width="${w * 0.64}" height="${h * 0.035}" fill="#e8c15a" opacity="0.85"/>
    <rect x="${w * 0.26}" y="${h * 0.2}" width="${w * 0.48}" height="${h * 0.022}" fill="#e8c15a" opacity="0.6"/>
    <rect x="${w * 0.45}" y="${h * 0.3}" width="${w * 0.1}" height="${h * 0.4}" fill="#8a6a3d"/>
    <path d="M${w * 0.43} ${h * 0.3} Q${w * 0.5} ${h * 0.26} ${w * 0.57} ${h * 0.3} L${w * 0.56} ${h * 0.58} Q${w * 0.5} ${h * 0.62} ${w * 0.44} ${h * 0.58} Z" fill="#c8161d"/>
    ${people}
    <rect x="0" y="${h * 0.68}" width="${w}" height="${h * 0.32}" fill="#6b4f33"/>
    <rect x="${w * 0.04}" y="${h * 0.66}" width="${w * 0.92}" height="${h * 0.12}" fill="#f7f5f0"/>
    <rect x="${w * 0.04}" y="${h * 0.78}" width="${w * 0.92}" height="${h * 0.012}" fill="#d9d4c8"/>`;
}

/** A small clinic building with a red cross, trees and a path. */
function clinic(w: number, h: number): string {
  const windows: string[] = [];
  for (let row = 0; row < 3; row += 1) {
    for (let column = 0; column < 6; column += 1) {
      if (row === 2 && (column === 2 || column === 3)) continue; // the entrance sits there
      windows.push(`<rect x="${w * (0.25 + column * 0.085)}" y="${h * (0.3 + row * 0.15)}" width="${w * 0.055}" height="${h * 0.09}" fill="#9cc3dd" stroke="#eef3f6" stroke-width="${h * 0.006}"/>`);
    }
  }
  const trees = [0.08, 0.16, 0.85, 0.93]
    .map((x, index) => `<rect x="${w * x - w * 0.006}" y="${h * 0.62}" width="${w * 0.012}" height="${h * 0.14}" fill="#5b4030"/>
      <circle cx="${w * x}" cy="${h * (0.56 - (index % 2) * 0.04)}" r="${h * (0.1 + (index % 2) * 0.02)}" fill="${index % 2 ? '#3d7a3a' : '#4f8f45'}"/>`)
    .join('');
  return `
    <defs>
      <linearGradient id="sky2" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8ec5ea"/><stop offset="1" stop-color="#e8f3f9"/></linearGradient>
    </defs>
    <rect width="${w}" height="${h}" fill="url(#sky2)"/>
    <rect x="${w * 0.22}" y="${h * 0.2}" width="${w * 0.56}" height="${h * 0.58}" fill="#f4f1ea"/>
    <rect x="${w * 0.2}" y="${h * 0.17}" width="${w * 0.6}" height="${h * 0.04}" fill="#c9c3b6"/>
    ${windows.join('')}
    <rect x="${w * 0.43}" y="${h * 0.6}" width="${w * 0.14}" height="${h * 0.18}" fill="#5d7f95"/>
    <rect x="${w * 0.4}" y="${h * 0.57}" width="${w * 0.2}" height="${h * 0.03}" fill="#b8b1a3"/>
    <rect x="${w * 0.485}" y="${h * 0.035}" width="${w * 0.03}" height="${h * 0.12}" fill="#d3202a"/>
    <rect x="${w * 0.455}" y="${h * 0.08}" width="${w * 0.09}" height="${h * 0.03}" fill="#d3202a"/>
    <rect y="${h * 0.76}" width="${w}" height="${h * 0.24}" fill="#7aa25c"/>
    <polygon points="${w * 0.45},${h * 0.78} ${w * 0.55},${h * 0.78} ${w * 0.7},${h} ${w * 0.3},${h}" fill="#cfc6b4"/>
    ${trees}`;
}

/** A laboratory hall: equipment racks, a detector ring and visitors (portrait). */
function researchVisit(w: number, h: number): string {
  const racks: string[] = [];
  for (let rack = 0; rack < 4; rack += 1) {
    const x = w * (0.04 + rack * 0.245);
    racks.push(`<rect x="${x}" y="${h * 0.12}" width="${w * 0.2}" height="${h * 0.42}" fill="#39424e" stroke="#5c6775" stroke-width="${w * 0.004}"/>`);
    for (let slot = 0; slot < 9; slot += 1) {
      // Lamps lit in a fixed pattern, so each run draws the same picture.
      const colour = (rack * 3 + slot) % 4 === 0 ? '#f5b942' : '#4ade80';
      racks.push(`<rect x="${x + w * 0.02}" y="${h * (0.14 + slot * 0.043)}" width="${w * 0.16}" height="${h * 0.028}" fill="#252b33"/>
        <circle cx="${x + w * 0.04}" cy="${h * (0.154 + slot * 0.043)}" r="${w * 0.007}" fill="${colour}"/>`);
    }
  }
  const visitors = [
    { x: 0.22, coat: '#1f2937' },
    { x: 0.5, coat: '#f1f5f9' },
    { x: 0.78, coat: '#273449' },
  ]
    .map(({ x, coat }) => `<circle cx="${w * x}" cy="${h * 0.7}" r="${w * 0.06}" fill="#2b2623"/>
      <rect x="${w * x - w * 0.11}" y="${h * 0.745}" width="${w * 0.22}" height="${h * 0.3}" rx="${w * 0.07}" fill="${coat}" stroke="#0f172a" stroke-width="${w * 0.003}"/>`)
    .join('');
  return `
    <defs>
      <linearGradient id="hall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#cfd8e3"/><stop offset="1" stop-color="#8c99a8"/></linearGradient>
      <radialGradient id="ring"><stop offset="0.55" stop-color="#1e293b"/><stop offset="0.6" stop-color="#b0894f"/><stop offset="1" stop-color="#6b5332"/></radialGradient>
    </defs>
    <rect width="${w}" height="${h}" fill="url(#hall)"/>
    <rect x="${w * 0.1}" y="${h * 0.03}" width="${w * 0.8}" height="${h * 0.015}" fill="#fdfdf7"/>
    ${racks.join('')}
    <rect y="${h * 0.58}" width="${w}" height="${h * 0.42}" fill="#6b7785"/>
    <ellipse cx="${w * 0.5}" cy="${h * 0.5}" rx="${w * 0.26}" ry="${w * 0.26}" fill="url(#ring)"/>
    <ellipse cx="${w * 0.5}" cy="${h * 0.5}" rx="${w * 0.08}" ry="${w * 0.08}" fill="#64748b"/>
    ${visitors}`;
}

const photos: readonly StandIn[] = [
  { file: 'shanting/images/highway.jpg', caption: '新台高速山亭段顺利通车', width: 3600, height: 2400, scene: highway },
  { file: 'shanting/images/lab-signing.jpg', caption: '纳克一核芯联合实验室签约揭牌，打造金属材料检测领域的引领者', width: 2400, height: 1600, scene: labSigning },
  { file: 'shanting/images/clinic.jpg', caption: '民生医疗更方便', width: 2400, height: 1600, scene: clinic },
  { file: 'shanting/images/research-visit.jpg', caption: '区领导调研中科院高能所联合研发平台项目', width: 1600, height: 2200, scene: researchVisit },
  { file: 'harbour/images/ferry.jpg', caption: 'The new ferry berth at the north quay', width: 3000, height: 2000, scene: highway },
  { file: 'harbour/images/crane.jpg', caption: 'A restored harbour crane', width: 1600, height: 2200, scene: researchVisit },
];

/** The 700-weight Noto Sans SC @font-face rules whose unicode-range covers `text`, with the woff2 inlined as data: URLs. */
async function fontFaces(text: string): Promise<string> {
  const css = await readFile(new URL('700.css', fontFolder), 'utf8');
  const codePoints = [...new Set(text)].map((character) => character.codePointAt(0) ?? 0);
  const rules: string[] = [];
  for (const rule of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(rule)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    if (!file || !ranges) continue;
    const spans = ranges.split(',').map((range) => {
      const [low = '0', high = low] = range.trim().replace(/^U\+/i, '').split('-');
      return [Number.parseInt(low, 16), Number.parseInt(high, 16)] as const;
    });
    if (!codePoints.some((point) => spans.some(([low, high]) => point >= low && point <= high))) continue;
    const woff2 = await readFile(new URL(`files/${file}`, fontFolder));
    rules.push(`@font-face { font-family: 'Stand-in Sans'; font-weight: 700; src: url(data:font/woff2;base64,${woff2.toString('base64')}) format('woff2'); unicode-range: ${ranges}; }`);
  }
  return rules.join('\n');
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function pageHtml(photo: StandIn, faces: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    ${faces}
    html, body { margin: 0; width: ${photo.width}px; height: ${photo.height}px; overflow: hidden; }
    body { position: relative; font-family: 'Stand-in Sans'; font-weight: 700; color: #fff; }
    svg { position: absolute; inset: 0; }
    .mark { position: absolute; left: 0; right: 0; bottom: 0; padding: 3vmin 4vmin 3.5vmin; background: rgb(0 0 0 / 0.68); text-align: center; text-wrap: balance; }
    .label span { white-space: nowrap; } /* break only between the three parts, never inside 示意图 */
    .label { font-size: 5.4vmin; letter-spacing: 0.02em; color: #ffd84d; line-height: 1.25; }
    .caption { font-size: 4vmin; margin-top: 1.6vmin; line-height: 1.35; }
    .corner { position: absolute; top: 3vmin; left: 3vmin; padding: 1vmin 2vmin; border: 0.6vmin solid #ffd84d; color: #ffd84d; background: rgb(0 0 0 / 0.45); font-size: 4.5vmin; }
    .watermark { position: absolute; inset: 0; display: grid; place-items: center; font-size: 14vmin; line-height: 1.1; text-align: center; color: rgb(255 255 255 / 0.22); transform: rotate(-18deg); }
  </style></head><body>
    <svg width="${photo.width}" height="${photo.height}" viewBox="0 0 ${photo.width} ${photo.height}" xmlns="http://www.w3.org/2000/svg">${photo.scene(photo.width, photo.height)}</svg>
    <div class="watermark"><div>示意图<br>STAND-IN</div></div>
    <div class="corner">示意图</div>
    <div class="mark"><div class="label">${label.split(' · ').map((part) => `<span>${escapeHtml(part)}</span>`).join(' · ')}</div><div class="caption">${escapeHtml(photo.caption)}</div></div>
  </body></html>`;
}

const faces = await fontFaces(label + '示意图 STAND-IN' + photos.map((photo) => photo.caption).join(''));
await mkdir(outputFolder, { recursive: true });
const press = await launchBrowser();
try {
  const page = await press.browser.newPage();
  // Everything is inline; nothing may be fetched.
  await page.setRequestInterception(true);
  page.on('request', (request) => void (request.url().startsWith('data:') ? request.continue() : request.abort()));
  for (const photo of photos) {
    await page.setViewport({ width: photo.width, height: photo.height, deviceScaleFactor: 1 });
    await page.setContent(pageHtml(photo, faces), { waitUntil: 'load', timeout: 30_000 });
    const fontsReady = await page.evaluate(async (sample: string) => {
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000));
      const outcome = await Promise.race([document.fonts.ready.then(() => 'ready' as const), timeout]);
      // check() alone also passes when no face matches at all, so require that some face really loaded.
      const loaded = [...document.fonts].filter((face) => face.status === 'loaded').length;
      return outcome === 'ready' && loaded > 0 && document.fonts.check(`700 40px 'Stand-in Sans'`, sample);
    }, label + photo.caption);
    if (!fontsReady) throw new Error(`Noto Sans SC did not load for ${photo.file}`);
    const jpeg = await page.screenshot({ type: 'jpeg', quality: 82 });
    const target = new URL(photo.file, outputFolder);
    await mkdir(new URL('.', target), { recursive: true });
    await writeFile(target, jpeg);
    const { size } = await stat(target);
    console.log(`wrote ${fileURLToPath(target)}  ${photo.width}×${photo.height} px  ${size} bytes`);
  }
} finally {
  await press.close();
}
