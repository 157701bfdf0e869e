// The library's public face: what `import … from 'broadsheet'` gives, pinned so a change to it is a decision.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';

describe('the public API', () => {
  it('exports the stages by name, and nothing by accident', () => {
    expect(Object.keys(api).sort()).toEqual(['BroadsheetError', 'archiveEdition', 'build', 'buildEdition', 'errors', 'launchBrowser', 'openWarmPress', 'preflight', 'rerenderArchive', 'resolveProject', 'searchArchive', 'startPreview', 'startWorker', 'verifyArchive']);
    for (const name of ['build', 'buildEdition', 'archiveEdition', 'verifyArchive', 'searchArchive', 'startPreview', 'resolveProject', 'launchBrowser', 'openWarmPress', 'preflight', 'rerenderArchive', 'startWorker'] as const) expect(typeof api[name]).toBe('function');
  });

  it('is what package.json exports, with types, from compiled JavaScript', () => {
    const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(manifest).toMatchObject({ type: 'module', exports: { '.': { types: './lib/index.d.ts', import: './lib/index.js' } } });
    expect(JSON.stringify(manifest)).not.toContain('"puppeteer"');
  });

  it('gives every error of the catalogue its own code and an exit code', () => {
    const entries = Object.values(api.errors);
    expect(new Set(entries.map((entry) => entry.code)).size).toBe(entries.length);
    for (const entry of entries) expect([1, 2, 130]).toContain(entry.exit);
  });
});
