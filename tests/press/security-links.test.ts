// Links to javascript:, data: and file: are printed as plain words: no such URL reaches the PDF or the proof, while web links stay live.
import { readFile } from 'node:fs/promises';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import type { BuildResult } from '../../src/build.ts';
import { materialise } from '../helpers/fixture-case.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { pdfText, uncompressedPdf } from '../helpers/poppler.ts';
import { withoutWhitespace } from '../helpers/text.ts';

let temp: TempFolder;
let result: BuildResult;
let pdf: string;
let text: string;
let proof: string;

beforeAll(async () => {
  temp = await tempFolder('links');
  const fixture = await materialise('script-link', temp.path);
  result = await build({ dir: fixture.dir, outDir: `${temp.path}/out` });
  pdf = uncompressedPdf(result.pdfPath).toString('latin1');
  text = withoutWhitespace(pdfText(result.pdfPath));
  proof = await readFile(result.proofPath, 'utf8');
});
afterAll(async () => temp?.remove());

describe('links in a manuscript', () => {
  it('keeps a web link as a live link in the PDF', () => {
    expect(pdf).toMatch(/\/URI \(https:\/\/example\.com\/\)/);
  });

  it('prints the words of every refused link as text', () => {
    for (const words of ['点击这里', '下载附件', '本地文件', '另一种写法', '引用式链接']) expect(text).toContain(words);
  });

  it('puts no javascript: anywhere in the PDF, even uncompressed', () => {
    expect(pdf).not.toMatch(/javascript:/i);
    expect(pdf).not.toMatch(/\/JavaScript|\/JS\b/);
  });

  it('puts no data: or file: link in the PDF', () => {
    expect(pdf).not.toMatch(/\/URI \((?:data|file):/i);
    expect(pdf).not.toContain('etc/passwd');
  });

  it('puts no javascript:, data: or file: link in the proof', () => {
    expect(proof).not.toMatch(/javascript:/i);
    const links = selectAll('a[href]', fromHtml(proof)).map((link) => String(link.properties['href']));
    expect(links).toEqual(['https://example.com/']);
  });

  it('warns at each refused link’s line', () => {
    for (const line of [6, 8, 10, 12]) {
      expect(result.warnings.some((warning) => new RegExp(`article\\.md:${line}:\\d+: warning: link`).test(warning)), `line ${line}`).toBe(true);
    }
  });
});
