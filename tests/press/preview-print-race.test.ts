// "Print PDF" prints exactly the build on screen, or refuses: also while a rebuild is swapping the set page. The real
// session, compose and Chromium run here; setPage is wrapped only to hold the old page's close() open, so that the
// moment between "the new page is set" and "the new build is announced" lasts long enough to print in it.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import type { RenderInput, SetPage } from '../../src/render/set-page.ts';
import { openSession, type ProofSession } from '../../src/preview/session.ts';
import { pdfText } from '../helpers/poppler.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { sampleDir } from '../helpers/sample-article.ts';
import { testProject } from '../helpers/project.ts';

/** Holds close() of set pages while closed; tells when a close() is waiting. */
const gate = vi.hoisted(() => {
  let holding = false;
  let release: () => void = () => undefined;
  let released: Promise<void> = Promise.resolve();
  let waiting: () => void = () => undefined;
  let asked: Promise<void> = Promise.resolve();
  return {
    hold(): void {
      holding = true;
      released = new Promise((resolve) => (release = resolve));
      asked = new Promise((resolve) => (waiting = resolve));
    },
    release(): void {
      holding = false;
      release();
    },
    /** Resolves once a set page's close() has been called and is being held. */
    asked: (): Promise<void> => asked,
    async pass(): Promise<void> {
      if (!holding) return;
      waiting();
      await released;
    },
  };
});

vi.mock('../../src/render/set-page.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/render/set-page.ts')>();
  return {
    ...actual,
    setPage: async (input: RenderInput): Promise<SetPage> => {
      const set = await actual.setPage(input);
      return {
        ...set,
        close: async () => {
          await gate.pass();
          await set.close();
        },
      };
    },
  };
});

let press: PressBrowser;
let temp: TempFolder;
let dir: string;
let session: ProofSession;

beforeAll(async () => {
  press = await launchBrowser();
  temp = await tempFolder('preview-print-race');
  dir = join(temp.path, 'shanting');
  await cp(sampleDir, dir, { recursive: true });
  session = await openSession({ project: await testProject(), dir, press, outDir: join(temp.path, 'out') });
  await session.rebuild();
});
afterAll(async () => {
  gate.release();
  await session?.close();
  await press?.close();
  await temp?.remove();
});

describe('printing while a rebuild swaps the page', () => {
  it('prints the build on screen (or refuses), never the next one under the old build’s number', async () => {
    const shown = session.state();
    expect(shown.id).toBe(1);
    expect(shown.proofHtml).toContain('众所周知');

    gate.hold();
    const file = join(dir, 'article.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('众所周知', '有目共睹'));
    const rebuilding = session.rebuild();
    await Promise.race([gate.asked(), new Promise((_, reject) => setTimeout(() => reject(new Error('the rebuild never closed the old page')), 90_000))]);

    // The old page is being closed while build 1 is still on the reader's screen: printing it now must not
    // print build 2 under build 1's number.
    // Asked while the swap is under way; it may wait for the swap to finish, but then it must not print build 2 as build 1.
    const printing = session.printShown(1).then(
      (published) => ({ printed: pdfText(published.pdfPath) }),
      (error: unknown) => ({ refused: String(error) }),
    );
    gate.release();
    const outcome = await printing;
    expect((await rebuilding).id).toBe(2);

    if ('printed' in outcome) {
      const words = { build1: outcome.printed.includes('众所周知'), build2: outcome.printed.includes('有目共睹') };
      expect(words, 'the words of which build the PDF printed as build 1 holds').toEqual({ build1: true, build2: false });
    } else {
      expect(outcome.refused).toMatch(/not the current one/);
    }
  });
});
