// The sample PDF's document facts: page size from the grid, title and author from the front matter, tagged, and reproducible.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { build } from '../../src/index.ts';
import { buildSample, type SampleBuild } from '../helpers/build.ts';
import { projectRoot } from '../helpers/paths.ts';
import { pdfFacts } from '../helpers/layout-pdf.ts';
import { pdfInfo, ptPerMm, uncompressedPdf } from '../helpers/poppler.ts';
import { readSampleArticle, sampleDir } from '../helpers/sample-article.ts';

const article = readSampleArticle();

/** One field of a parsed YAML mapping, or undefined. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Object.entries(value).find(([name]) => name === key)?.[1] : undefined;
}

/** The trim size of a grid in styles/grids.yaml, in points. */
async function gridTrimPt(name: string): Promise<{ width: number; height: number }> {
  const grids: unknown = parseYaml(await readFile(join(projectRoot, 'styles/grids.yaml'), 'utf8'));
  const trim = field(field(grids, name), 'trim');
  const length = (key: string): number => {
    const value = field(trim, key);
    const match = typeof value === 'string' ? /^([\d.]+)(mm|pt)$/.exec(value) : null;
    if (!match) throw new Error(`styles/grids.yaml: ${name}.trim.${key} is not a length: ${String(value)}`);
    return Number(match[1]) * (match[2] === 'mm' ? ptPerMm : 1);
  };
  return { width: length('width'), height: length('height') };
}

let sample: SampleBuild;
let info: Map<string, string>;

beforeAll(async () => {
  sample = await buildSample();
  info = pdfInfo(sample.result.pdfPath);
});
afterAll(async () => sample?.temp.remove());

describe('document facts of the sample PDF', () => {
  it('is cut (TrimBox) to the trim size of the zh-broadsheet grid in styles/grids.yaml, within 1 pt', async () => {
    const trim = await gridTrimPt('zh-broadsheet');
    const [size] = pdfFacts(sample.result.pdfPath).sizes;
    expect(Math.abs((size?.width ?? 0) - trim.width)).toBeLessThanOrEqual(1);
    expect(Math.abs((size?.height ?? 0) - trim.height)).toBeLessThanOrEqual(1);
  });

  it('asks a viewer to show the trim (ViewArea and ViewClip = TrimBox) and to print the whole sheet', () => {
    const qdf = uncompressedPdf(sample.result.pdfPath).toString('latin1');
    expect(qdf).toMatch(/\/ViewArea\s*\/TrimBox/);
    expect(qdf).toMatch(/\/ViewClip\s*\/TrimBox/);
    expect(qdf).toMatch(/\/PrintArea\s*\/MediaBox/);
  });

  it('is titled with the headline', () => {
    expect(info.get('Title')).toBe(article.headline);
  });

  it('names every byline in its author field', () => {
    expect(article.byline.length).toBeGreaterThan(0);
    for (const name of article.byline) expect(info.get('Author')).toContain(name);
  });

  it('gives readers a tagged screen copy (Ghostscript keeps no structure in the press copy)', () => {
    expect(pdfInfo(sample.result.screenPath).get('Tagged')).toBe('yes');
  });

  it('comes out byte for byte the same, press and screen copy, when the same manuscript is built again', async () => {
    const again = await build({ dir: sampleDir, outDir: join(sample.temp.path, 'again') });
    for (const [before, after] of [
      [sample.result.pdfPath, again.pdfPath],
      [sample.result.screenPath, again.screenPath],
    ] as const) {
      const [first, second] = await Promise.all([readFile(before), readFile(after)]);
      expect(second.length, after).toBe(first.length);
      expect(second.equals(first), after).toBe(true);
    }
  });
});
