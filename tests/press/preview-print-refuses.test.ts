// The proof's Print PDF goes through the same press as `broadsheet build`: a page the build refuses (overset) is
// refused by Print too, and nothing is written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BroadsheetError } from '../../src/errors/catalogue.ts';
import { openSession, type ProofSession } from '../../src/preview/session.ts';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { manuscriptFrom, repeatBody, scratchFolder, type Scratch } from '../helpers/layout-files.ts';
import { testProject } from '../helpers/project.ts';

let press: PressBrowser;
let scratch: Scratch;
let session: ProofSession;
let outDir: string;

beforeAll(async () => {
  press = await launchBrowser();
  scratch = await scratchFolder('print-refuses');
  const dir = await manuscriptFrom('layout-overset/chinese', scratch.path, 'overset');
  await repeatBody(dir, 9);
  outDir = join(scratch.path, 'out');
  session = await openSession({ project: await testProject(), dir, press, outDir, grid: 'tabloid' });
  await session.rebuild();
}, 120_000);
afterAll(async () => {
  await session?.close();
  await press?.close();
  await scratch?.remove();
});

describe('Print PDF on an overset proof', () => {
  it('shows the page and its overset in the proof', () => {
    const state = session.state();
    expect(state.proofHtml).not.toBeNull();
    expect(state.diagnostics.some((diagnostic) => diagnostic.rule === 'layout:overset')).toBe(true);
  });

  it('refuses to print it, as build does (BS041), and writes nothing', async () => {
    const refusal = await session.printShown(session.state().id).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(BroadsheetError);
    expect(refusal instanceof BroadsheetError ? refusal.entry.code : '').toBe('BS041');
    expect(refusal instanceof BroadsheetError ? refusal.details.join('\n') : '').toContain('overset');
    expect(existsSync(outDir)).toBe(false);
  });
});
