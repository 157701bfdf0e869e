// The page the proof server sends: the laid-out proof with the proof tools added, or, for a failed build, its errors
// with their places, escaped; and where "Mark proofed" keeps its text.
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proofPage } from '../../src/preview/proof-page.ts';
import { proofedFile, readProofed, writeProofed } from '../../src/preview/proofed.ts';
import type { ProofState } from '../../src/preview/session.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';

const failed: ProofState = {
  id: 7,
  builtAt: '2026-01-01T00:00:00.000Z',
  title: 'shanting',
  layout: null,
  proofHtml: null,
  diagnostics: [
    { severity: 'error', rule: 'front-matter:yaml', file: 'article.md', line: 2, column: 11, message: 'headline: <img src=x onerror=alert(1)> is not valid YAML' },
    { severity: 'warning', rule: 'layout:underset', page: 1, pageColumn: 8, message: 'column 8 has 37 empty lines' },
  ],
};

describe('proofPage for a failed build', () => {
  const html = proofPage(failed);

  it('shows .proof-error listing each diagnostic with file:line:column or its rule', () => {
    expect(html).toContain('<main class="proof-error">');
    expect(html).toContain('<code>article.md:2:11</code> error: headline:');
    expect(html).toContain('<code>layout:underset</code> warning: column 8 has 37 empty lines');
    expect(html).toContain('Build 7 of shanting stopped.');
  });

  it('escapes what the manuscript said: no element comes from a message', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('&#x3C;img src=x onerror=alert(1)>');
  });

  it('still loads the proof tools, told which build this is, so that the fixed build reloads it', () => {
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/_proof/ui.js" defer data-build="7">']);
    expect(html).toContain('<link rel="stylesheet" href="/_proof/proof.css">');
  });
});

describe('proofPage for a laid-out build', () => {
  const laidOut: ProofState = { ...failed, id: 12, diagnostics: [], proofHtml: '<!doctype html>\n<html lang="zh-CN"><head><title>t</title></head><body><section class="sheet">正文</section></body></html>' };

  it('is the laid-out page with the tools added to its head and nothing else changed', () => {
    const html = proofPage(laidOut);
    expect(html).toMatch(/<head><title>t<\/title><link rel="stylesheet" href="\/_proof\/proof.css"><script src="\/_proof\/ui.js" defer data-build="12"><\/script><\/head>/);
    expect(html).toContain('<body><section class="sheet">正文</section></body>');
    expect(html).not.toContain('proof-error');
  });
});

describe('the proofed mark', () => {
  let temp: TempFolder;
  beforeAll(async () => {
    temp = await tempFolder('proofed');
  });
  afterAll(async () => temp?.remove());

  it('lives beside the output folder, which each print replaces', () => {
    expect(proofedFile('/work/dist/shanting')).toBe('/work/dist/.proofed/shanting.json');
  });

  it('reads back what was written, with its time', async () => {
    const file = proofedFile(join(temp.path, 'out'));
    const mark = await writeProofed(file, '近年来，枣庄市山亭区', new Date('2026-02-03T04:05:06Z'));
    expect(mark).toEqual({ at: '2026-02-03T04:05:06.000Z', text: '近年来，枣庄市山亭区' });
    expect(await readProofed(file)).toEqual(mark);
  });

  it('is nothing when missing or unreadable', async () => {
    expect(await readProofed(join(temp.path, 'none.json'))).toBeNull();
    const broken = join(temp.path, 'broken.json');
    await writeFile(broken, '{"text": 3}');
    expect(await readProofed(broken)).toBeNull();
  });
});
