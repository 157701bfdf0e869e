// Raw HTML in a manuscript (iframe, object, meta refresh, remote img, script) is dropped: the page builds, prints none of it,
// loads nothing it names, and the proof carries none of it.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import type { BuildResult } from '../../src/build.ts';
import { materialise } from '../helpers/fixture-case.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { pdfText } from '../helpers/poppler.ts';
import { withoutWhitespace } from '../helpers/text.ts';

let temp: TempFolder;
let result: BuildResult;
let text: string;
let proof: string;

beforeAll(async () => {
  temp = await tempFolder('raw-html');
  const fixture = await materialise('raw-html', temp.path);
  // Raw HTML that reached the page would ask for file:///etc/passwd or 127.0.0.1 and fail the build: it must succeed.
  result = await build({ dir: fixture.dir, outDir: `${temp.path}/out` });
  text = withoutWhitespace(pdfText(result.pdfPath));
  proof = await readFile(result.proofPath, 'utf8');
});
afterAll(async () => temp?.remove());

describe('a manuscript with raw HTML in it', () => {
  it('still prints its Markdown paragraphs', () => {
    expect(text).toContain('第一段：下面几行网页代码一律不得印出。');
    expect(text).toContain('最后一段：正文到此为止。');
  });

  it('prints nothing of /etc/passwd', () => {
    const firstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:x:0:0';
    expect(text).not.toContain('root:x:0');
    expect(text).not.toContain(withoutWhitespace(firstLine));
  });

  it('runs none of its script', () => {
    expect(text).not.toContain('脚本已经运行');
    expect(proof).not.toContain('脚本已经运行');
  });

  it('leaves no iframe, object, embed, meta refresh or script in the proof, and no trace of the file they named', () => {
    const tree = fromHtml(proof);
    expect(selectAll('iframe, object, embed, frame, script, meta[http-equiv]', tree).map((element) => element.tagName)).toEqual([]);
    expect(proof).not.toContain('etc/passwd');
  });

  it('loads no photo from outside the manuscript in the proof', () => {
    const sources = selectAll('img:not(.press-view)', fromHtml(proof)).map((element) => String(element.properties['src'] ?? ''));
    expect(sources.filter((src) => !src.startsWith('manuscript/'))).toEqual([]);
  });

  it('warns at each line of raw HTML that it was not printed', () => {
    for (const line of [8, 10, 12, 14, 18]) {
      expect(result.warnings.some((warning) => new RegExp(`article\\.md:${line}:\\d+: warning: raw HTML is not printed`).test(warning)), `line ${line}`).toBe(true);
    }
  });
});
