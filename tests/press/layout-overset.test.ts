// An article too long for its page: without a jump the build fails with BS041 and says how much is overset; with
// allowJump the rest continues on the next page behind jump lines, and not a character is lost on the way.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.ts';
import { BroadsheetError } from '../../src/errors/catalogue.ts';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { comparable, followBlocks } from '../helpers/layout-article.ts';
import { layoutFixtures, manuscriptFrom, paperName, readJson, repeatBody, scratchFolder, type Scratch } from '../helpers/layout-files.ts';
import { mmToPt } from '../helpers/layout-grid.ts';
import { pageText, ptRect, rowsIn, type PdfRow } from '../helpers/layout-pdf.ts';
import { isJumpLine, lineBreakViolations } from '../helpers/layout-rules.ts';
import { frameStream, framesOf, layOut, type LaidOut, type PlacedFrame } from '../helpers/layout-sample.ts';

interface OversetCase {
  readonly name: string;
  readonly grid: string;
  /** How many times the article's body is set down, to overfill one page. */
  readonly repeat: number;
  readonly jumpOut: string;
  readonly jumpIn: string;
  readonly folioPage: readonly string[];
}

function readCase(name: string): OversetCase {
  const expected = readJson(join(layoutFixtures, 'layout-overset', name, 'expected.json'));
  const field = (key: string): unknown =>
    typeof expected === 'object' && expected !== null ? Object.entries(expected).find(([found]) => found === key)?.[1] : undefined;
  const [grid, repeat, jumpOut, jumpIn, folioPage] = ['grid', 'repeat', 'jumpOut', 'jumpIn', 'folioPage'].map(field);
  if (typeof grid !== 'string' || typeof repeat !== 'number' || typeof jumpOut !== 'string' || typeof jumpIn !== 'string' || !Array.isArray(folioPage)) {
    throw new Error(`layout-overset/${name}/expected.json needs grid, repeat, jumpOut, jumpIn and folioPage`);
  }
  return { name, grid, repeat, jumpOut, jumpIn, folioPage: folioPage.map(String) };
}

const cases = readdirSync(join(layoutFixtures, 'layout-overset')).sort().map(readCase);

let press: PressBrowser;
let scratch: Scratch;

beforeAll(async () => {
  press = await launchBrowser();
  scratch = await scratchFolder('overset');
});
afterAll(async () => {
  await press?.close();
  await scratch?.remove();
});

describe.each(cases)('an overlong article ($name) on the $grid page', (fixture) => {
  let dir: string;
  let refusedOut: string;
  let refusal: unknown;
  let jumped: LaidOut;
  const latin = fixture.name === 'english';

  beforeAll(async () => {
    dir = await manuscriptFrom(join('layout-overset', fixture.name), scratch.path, fixture.name);
    await repeatBody(dir, fixture.repeat);
    refusedOut = join(scratch.path, `${fixture.name}-refused`);
    refusal = await build({ dir, outDir: refusedOut, grid: fixture.grid, press }).then(
      () => undefined,
      (error: unknown) => error,
    );
    jumped = await layOut({ dir, outDir: join(scratch.path, `${fixture.name}-jumped`), grid: fixture.grid, useGridOption: true, allowJump: true, press });
  });

  /** What the refused build says, as the CLI prints it: the message and each detail. */
  const said = (): string => (refusal instanceof BroadsheetError ? [refusal.message, ...refusal.details].join('\n') : '');
  /** The continuation pages' lines, jump lines left out. */
  const continuation = () => framesOf(jumped.report).filter((frame) => frame.page > 1).flatMap((frame) => frame.text).filter((line) => !isJumpLine(line.text));
  /** The longest line of the first page, in characters: the unit the counts may be off by. */
  const lineLength = () => Math.max(...framesOf(jumped.report).filter((frame) => frame.page === 1).flatMap((frame) => frame.text.map((line) => Array.from(comparable(line.text, false)).length)));

  describe('without allowJump', () => {
    it('fails with BS041 and writes nothing', () => {
      expect(refusal, String(refusal)).toBeInstanceOf(BroadsheetError);
      expect(refusal instanceof BroadsheetError ? refusal.entry.code : '').toBe('BS041');
      expect(existsSync(refusedOut)).toBe(false);
    });

    it('says how many lines and characters are overset, as many as the continuation page then holds', () => {
      const match = /(\d+) lines \((\d+) characters\)/.exec(said());
      expect(match, said()).not.toBeNull();
      const lines = Number(match?.[1]);
      const characters = Number(match?.[2]);
      // The jump build keeps a line of page 1 for its jump line, may move a line for widows and orphans, and sizes
      // page 1's photos at their natural size where the refused build had shrunk them to the minimum: a few lines apart.
      const setLines = jumped.report.pages.filter((page) => page.number > 1).reduce((sum, page) => sum + page.linesPerColumn.reduce((a, b) => a + b, 0), 0) - 1;
      expect(Math.abs(lines - setLines), `${lines} lines overset, ${setLines} set on the continuation`).toBeLessThanOrEqual(4);
      const setCharacters = continuation().reduce((sum, line) => sum + Array.from(comparable(line.text, false)).length, 0);
      expect(Math.abs(characters - setCharacters), `${characters} characters overset, ${setCharacters} set on the continuation`).toBeLessThanOrEqual(4 * lineLength());
    });

    it('quotes the text where the overset begins', () => {
      // The quoted text may hold quotes of its own: it runs to the “”; cut” that ends the quotation.
      const quoted = /starting “(.+?)”; cut/.exec(said())?.[1];
      expect(quoted, said()).toBeDefined();
      const start = comparable(quoted ?? '', latin);
      expect(start.length).toBeGreaterThan(3);
      // A few lines apart, as the counts above: the jump build keeps a line for its jump line.
      const opening = continuation()
        .slice(0, 6)
        .map((line) => comparable(line.text, latin))
        .join('');
      expect(opening).toContain(start);
    });
  });

  describe('with allowJump', () => {
    it('continues on a second page of the same trim size', () => {
      expect(jumped.pdf.facts.pages).toBeGreaterThanOrEqual(2);
      expect(jumped.report.pages.map((page) => page.number)).toEqual(Array.from({ length: jumped.pdf.facts.pages }, (_, index) => index + 1));
      expect(jumped.report.overset).toBeNull();
      expect(jumped.report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      for (const size of jumped.pdf.facts.sizes) {
        expect(Math.abs(size.width - mmToPt(jumped.grid.trim.width))).toBeLessThanOrEqual(1);
        expect(Math.abs(size.height - mmToPt(jumped.grid.trim.height))).toBeLessThanOrEqual(1);
      }
    });

    it(`ends page 1 with the jump line “${fixture.jumpOut}” and opens page 2 with “${fixture.jumpIn}” (pdftotext)`, () => {
      expect(pageText(jumped.result.pdfPath, 1).trim().endsWith(fixture.jumpOut), pageText(jumped.result.pdfPath, 1).slice(-200)).toBe(true);
      const second = pageText(jumped.result.pdfPath, 2);
      expect(second).toContain(fixture.jumpIn);
      expect(second).not.toContain(fixture.jumpOut);
    });

    it('prints the jump lines at the foot of page 1’s last column and the head of page 2’s first', () => {
      const frames = framesOf(jumped.report);
      const lastOnOne = frames.filter((frame) => frame.page === 1 && frame.text.length > 0).at(-1);
      const firstOnTwo = frames.find((frame) => frame.page === 2 && frame.text.length > 0);
      expect(lastOnOne?.text.at(-1)?.text).toBe(fixture.jumpOut);
      expect(firstOnTwo?.text[0]?.text).toBe(fixture.jumpIn);
      const printedRows = (frame: PlacedFrame | undefined): PdfRow[] => {
        const pdfPage = frame ? jumped.pdf.pages[frame.page - 1] : undefined;
        return pdfPage && frame ? rowsIn(pdfPage, ptRect(frame.box, 1)) : [];
      };
      const squash = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');
      const out = printedRows(lastOnOne).at(-1);
      const into = printedRows(firstOnTwo)[0];
      expect(squash(out?.text), 'the last line printed in page 1’s last frame').toBe(squash(fixture.jumpOut));
      expect(squash(into?.text), 'the first line printed in page 2’s first frame').toBe(squash(fixture.jumpIn));
      // The jump-out line sits on the frame's last line.
      const foot = mmToPt((lastOnOne?.box.y ?? 0) + (lastOnOne?.box.height ?? 0));
      expect(foot - (out?.bottom ?? 0)).toBeLessThanOrEqual(mmToPt(jumped.report.baseline.pitch));
    });

    it('loses and repeats no character across the jump: the frames of all pages hold the article, in order', () => {
      const mismatch = followBlocks(jumped.article.blocks, frameStream(jumped.report, latin), latin);
      expect(mismatch).toBeNull();
    });

    it('keeps the line-breaking rules on every page', () => {
      const lines = framesOf(jumped.report).flatMap((frame) => frame.text.map((line) => line.text));
      expect(lineBreakViolations(lines)).toEqual([]);
    });

    it('prints the folio on every page: paper, page number and section', () => {
      const section = jumped.article.frontMatter['section'];
      expect(typeof section).toBe('string');
      const name = paperName();
      jumped.pdf.pages.forEach((page, index) => {
        const band = page.words.filter((word) => word.bottom <= mmToPt(jumped.grid.margins.top) + 2 * jumped.grid.body.leading);
        const folio = band.map((word) => word.text).join(' ');
        expect(folio).toContain(name);
        expect(folio).toContain(fixture.folioPage[index]);
        expect(folio).toContain(String(section));
      });
    });
  });
});
