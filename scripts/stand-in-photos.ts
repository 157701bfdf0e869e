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

/** A glass-fronted reading room lit warm at night: shelves, lamps and readers at a long table. */
function readingRoom(w: number, h: number): string {
  const shelves: string[] = [];
  for (let bay = 0; bay < 5; bay += 1) {
    const x = w * (0.16 + bay * 0.137);
    shelves.push(`<rect x="${x}" y="${h * 0.24}" width="${w * 0.12}" height="${h * 0.3}" fill="#7a5230"/>`);
    for (let shelf = 0; shelf < 4; shelf += 1) {
      const y = h * (0.26 + shelf * 0.07);
      shelves.push(`<rect x="${x + w * 0.006}" y="${y}" width="${w * 0.108}" height="${h * 0.055}" fill="#4a301b"/>`);
      for (let spine = 0; spine < 9; spine += 1) {
        // Spine colours and heights follow a fixed pattern, so each run draws the same picture.
        const colour = ['#b8452f', '#2f5d8a', '#d9b44a', '#3f7d4e', '#e8e1d0', '#8a3b6b'][(bay * 5 + shelf * 3 + spine) % 6];
        const tall = 0.04 + ((bay + shelf * 2 + spine) % 3) * 0.006;
        shelves.push(`<rect x="${x + w * (0.009 + spine * 0.0115)}" y="${y + h * (0.055 - tall)}" width="${w * 0.009}" height="${h * tall}" fill="${colour}"/>`);
      }
    }
  }
  const lamps = [0.24, 0.38, 0.52, 0.66, 0.8]
    .map((x) => `<line x1="${w * x}" y1="${h * 0.12}" x2="${w * x}" y2="${h * 0.17}" stroke="#3b2a1c" stroke-width="${w * 0.002}"/>
      <path d="M${w * x - w * 0.025} ${h * 0.2} L${w * x - w * 0.012} ${h * 0.17} L${w * x + w * 0.012} ${h * 0.17} L${w * x + w * 0.025} ${h * 0.2} Z" fill="#2f2a25"/>
      <ellipse cx="${w * x}" cy="${h * 0.205}" rx="${w * 0.03}" ry="${h * 0.012}" fill="#fff3c4"/>`)
    .join('');
  const readers = [0.27, 0.41, 0.59, 0.73]
    .map((x, index) => `<circle cx="${w * x}" cy="${h * 0.6}" r="${h * 0.035}" fill="#2b2623"/>
      <rect x="${w * x - h * 0.06}" y="${h * 0.64}" width="${h * 0.12}" height="${h * 0.14}" rx="${h * 0.04}" fill="${['#7b2d26', '#2d4a6b', '#5a6b3a', '#6b4f7a'][index]}"/>`)
    .join('');
  const mullions = [0.1, 0.3, 0.5, 0.7, 0.9]
    .map((x) => `<rect x="${w * x - w * 0.004}" y="${h * 0.1}" width="${w * 0.008}" height="${h * 0.74}" fill="#23272c"/>`)
    .join('');
  return `
    <defs>
      <linearGradient id="night" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0f1a2e"/><stop offset="1" stop-color="#24344f"/></linearGradient>
      <radialGradient id="glow" cx="0.5" cy="0.35" r="0.75"><stop offset="0" stop-color="#ffe2a8"/><stop offset="1" stop-color="#d7a767"/></radialGradient>
    </defs>
    <rect width="${w}" height="${h}" fill="url(#night)"/>
    <rect x="${w * 0.06}" y="${h * 0.03}" width="${w * 0.88}" height="${h * 0.07}" fill="#2a2f36"/>
    <rect x="${w * 0.36}" y="${h * 0.045}" width="${w * 0.28}" height="${h * 0.04}" fill="#f1d48a" opacity="0.9"/>
    <rect x="${w * 0.1}" y="${h * 0.1}" width="${w * 0.8}" height="${h * 0.74}" fill="url(#glow)"/>
    ${shelves.join('')}
    ${lamps}
    ${readers}
    <rect x="${w * 0.2}" y="${h * 0.68}" width="${w * 0.6}" height="${h * 0.035}" fill="#8b5e34"/>
    <rect x="${w * 0.22}" y="${h * 0.715}" width="${w * 0.015}" height="${h * 0.11}" fill="#5e3f22"/>
    <rect x="${w * 0.765}" y="${h * 0.715}" width="${w * 0.015}" height="${h * 0.11}" fill="#5e3f22"/>
    ${mullions}
    <rect x="${w * 0.06}" y="${h * 0.1}" width="${w * 0.04}" height="${h * 0.74}" fill="#3a3f46"/>
    <rect x="${w * 0.9}" y="${h * 0.1}" width="${w * 0.04}" height="${h * 0.74}" fill="#3a3f46"/>
    <rect y="${h * 0.84}" width="${w}" height="${h * 0.16}" fill="#3b3f45"/>
    <polygon points="${w * 0.1},${h * 0.84} ${w * 0.9},${h * 0.84} ${w},${h} 0,${h}" fill="#c9a66b" opacity="0.18"/>`;
}

/** A library van parked on a village square, its side shelves open, children in front (portrait). */
function bookVan(w: number, h: number): string {
  const books: string[] = [];
  for (let shelf = 0; shelf < 4; shelf += 1) {
    const y = h * (0.22 + shelf * 0.07);
    books.push(`<rect x="${w * 0.14}" y="${y + h * 0.055}" width="${w * 0.72}" height="${h * 0.008}" fill="#d8d2c4"/>`);
    for (let spine = 0; spine < 22; spine += 1) {
      // A fixed pattern of colours and heights, so each run draws the same picture.
      const colour = ['#c0392b', '#2e6da4', '#e3b23c', '#3c8d5a', '#f2ede3', '#7d3c98', '#d35400'][(shelf * 4 + spine) % 7];
      const tall = 0.04 + ((shelf + spine) % 3) * 0.005;
      books.push(`<rect x="${w * (0.155 + spine * 0.0315)}" y="${y + h * (0.055 - tall)}" width="${w * 0.025}" height="${h * tall}" fill="${colour}"/>`);
    }
  }
  const children = [
    { x: 0.33, coat: '#d64545', size: 1 },
    { x: 0.5, coat: '#3b82c4', size: 0.85 },
    { x: 0.67, coat: '#e0a526', size: 0.95 },
  ]
    .map(({ x, coat, size }) => `<circle cx="${w * x}" cy="${h * (0.66 - 0.05 * size)}" r="${w * 0.045 * size}" fill="#2b2623"/>
      <rect x="${w * x - w * 0.07 * size}" y="${h * (0.66 - 0.01 * size)}" width="${w * 0.14 * size}" height="${h * 0.25}" rx="${w * 0.045 * size}" fill="${coat}"/>`)
    .join('');
  return `
    <defs>
      <linearGradient id="sky3" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9cc7e6"/><stop offset="1" stop-color="#eef4f7"/></linearGradient>
    </defs>
    <rect width="${w}" height="${h}" fill="url(#sky3)"/>
    <path d="M0 ${h * 0.2} L${w * 0.25} ${h * 0.12} L${w * 0.5} ${h * 0.18} L${w * 0.78} ${h * 0.1} L${w} ${h * 0.16} L${w} ${h * 0.26} L0 ${h * 0.26} Z" fill="#7e9a86"/>
    <rect y="${h * 0.25}" width="${w}" height="${h * 0.75}" fill="#c9bfa8"/>
    <rect x="${w * 0.04}" y="${h * 0.14}" width="${w * 0.92}" height="${h * 0.44}" rx="${w * 0.03}" fill="#f4f6f8" stroke="#b9c2cb" stroke-width="${w * 0.004}"/>
    <rect x="${w * 0.04}" y="${h * 0.14}" width="${w * 0.92}" height="${h * 0.045}" fill="#1f6f8b"/>
    <rect x="${w * 0.04}" y="${h * 0.53}" width="${w * 0.92}" height="${h * 0.03}" fill="#1f6f8b"/>
    <polygon points="${w * 0.1},${h * 0.185} ${w * 0.9},${h * 0.185} ${w * 0.98},${h * 0.09} ${w * 0.02},${h * 0.09}" fill="#e5e9ec" stroke="#b9c2cb" stroke-width="${w * 0.004}"/>
    <rect x="${w * 0.12}" y="${h * 0.205}" width="${w * 0.76}" height="${h * 0.305}" fill="#5b4636"/>
    ${books.join('')}
    <circle cx="${w * 0.16}" cy="${h * 0.59}" r="${w * 0.07}" fill="#262626"/>
    <circle cx="${w * 0.84}" cy="${h * 0.59}" r="${w * 0.07}" fill="#262626"/>
    <circle cx="${w * 0.16}" cy="${h * 0.59}" r="${w * 0.03}" fill="#9aa3ab"/>
    <circle cx="${w * 0.84}" cy="${h * 0.59}" r="${w * 0.03}" fill="#9aa3ab"/>
    ${children}`;
}

const photos: readonly StandIn[] = [
  { file: 'shanting/images/highway.jpg', caption: '新台高速山亭段顺利通车', width: 3600, height: 2400, scene: highway },
  { file: 'shanting/images/lab-signing.jpg', caption: '纳克一核芯联合实验室签约揭牌，打造金属材料检测领域的引领者', width: 2400, height: 1600, scene: labSigning },
  { file: 'shanting/images/clinic.jpg', caption: '民生医疗更方便', width: 2400, height: 1600, scene: clinic },
  { file: 'shanting/images/research-visit.jpg', caption: '区领导调研中科院高能所联合研发平台项目', width: 1600, height: 2200, scene: researchVisit },
  { file: 'harbour/images/ferry.jpg', caption: 'The new ferry berth at the north quay', width: 3600, height: 2400, scene: highway },
  { file: 'harbour/images/crane.jpg', caption: 'A restored harbour crane', width: 1600, height: 2200, scene: researchVisit },
  { file: 'library/images/reading-room.jpg', caption: '夜幕降临，桐川县首家24小时城市书房里仍有不少读者', width: 3600, height: 2400, scene: readingRoom },
  { file: 'library/images/book-van.jpg', caption: '流动书车停在村文化广场，村民围在书架前挑选图书', width: 1600, height: 2200, scene: bookVan },
  { file: 'market/images/greenhouse.jpg', caption: '市郊蔬菜基地的日光温室里，菜农正在采收黄瓜', width: 3600, height: 2400, scene: highway },
  { file: 'tidal/images/buoy.jpg', caption: 'The test buoy being towed out past the harbour wall', width: 2400, height: 1600, scene: highway },
  { file: 'weather/images/snow-road.jpg', caption: '1月7日清晨，县公路养护中心的除雪车在县道上撒布融雪剂', width: 3600, height: 2400, scene: highway },
  { file: 'brief-clinic/images/clinic-night.jpg', caption: '1月6日晚，城东镇卫生院夜间门诊', width: 2400, height: 1600, scene: clinic },
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
  // `npm run photos -- NAME…` draws only the photos whose file names contain one of the names.
  const only = process.argv.slice(2);
  for (const photo of photos.filter((candidate) => only.length === 0 || only.some((name) => candidate.file.includes(name)))) {
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
