// The two sample articles laid out by real Chromium, checked against issue #3's rules of a newspaper page: in layout.json,
// in the PDF as poppler reads it, and in the proof as Chromium computes it.
import { pressImagePpi } from '../../src/pdf/image-settings.ts';
import { resampledPpi, resampleThreshold } from '../../src/render/fit-photos.ts';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { comparable, followBlocks } from '../helpers/layout-article.ts';
import { layoutProjectRoot, paperName, scratchFolder, type Scratch } from '../helpers/layout-files.ts';
import { mmToPt } from '../helpers/layout-grid.ts';
import { containsRect, drawnImages, ptRect, rowsIn, type PdfRow } from '../helpers/layout-pdf.ts';
import {
  baselineSpread,
  captionOverlaps,
  captionPlacementProblems,
  lineBreakViolations,
  wholeColumnProblems,
  wordGaps,
  wordsSpelling,
} from '../helpers/layout-rules.ts';
import { frameStream, framesOf, layOut, type LaidOut, type PlacedFrame } from '../helpers/layout-sample.ts';

interface Sample {
  readonly name: string;
  readonly dir: string;
  readonly grid: string;
  /** The main sample is built with the default grid, as `broadsheet build manuscript/shanting` does. */
  readonly useGridOption: boolean;
  readonly latin: boolean;
  readonly pageLabel: (page: number) => string;
}

const samples: readonly Sample[] = [
  { name: 'shanting', dir: join(layoutProjectRoot, 'manuscript/shanting'), grid: 'zh-broadsheet', useGridOption: false, latin: false, pageLabel: (page) => `第${page}版` },
  { name: 'harbour', dir: join(layoutProjectRoot, 'manuscript/harbour'), grid: 'tabloid', useGridOption: true, latin: true, pageLabel: (page) => `Page ${page}` },
];

let press: PressBrowser;
let scratch: Scratch;
const builds = new Map<string, Promise<LaidOut>>();

/** Each sample is built once for this file, the first time a test asks for it. */
function laidOut(sample: Sample): Promise<LaidOut> {
  let found = builds.get(sample.name);
  if (!found) {
    found = layOut({ dir: sample.dir, outDir: join(scratch.path, sample.name), grid: sample.grid, useGridOption: sample.useGridOption, press });
    builds.set(sample.name, found);
  }
  return found;
}

beforeAll(async () => {
  press = await launchBrowser();
  scratch = await scratchFolder('samples');
});
afterAll(async () => {
  await Promise.allSettled(builds.values());
  await press?.close();
  await scratch?.remove();
});

/** The PDF's rows inside a frame's box (a point of slack for glyphs that overhang). */
const rowsOfFrame = (run: LaidOut, frame: PlacedFrame): PdfRow[] => {
  const page = run.pdf.pages[frame.page - 1];
  return page ? rowsIn(page, ptRect(frame.box, 1)) : [];
};

/** Text of a line or row as compared: no spacing, no soft hyphens, no hyphen at the end. */
const lineText = (text: string): string => text.replace(/[\s\u00ad]+/gu, '').replace(/-$/, '');

describe.each(samples)('the $name sample ($grid grid)', (sample) => {
  let run: LaidOut;
  beforeAll(async () => {
    run = await laidOut(sample);
  });

  describe('fits its page', () => {
    it('prints exactly one page, the size of the grid’s trim (pdfinfo, ±1 pt)', () => {
      expect(run.pdf.facts.pages).toBe(1);
      expect(run.report.pages).toHaveLength(1);
      const [size] = run.pdf.facts.sizes;
      expect(Math.abs((size?.width ?? 0) - mmToPt(run.grid.trim.width))).toBeLessThanOrEqual(1);
      expect(Math.abs((size?.height ?? 0) - mmToPt(run.grid.trim.height))).toBeLessThanOrEqual(1);
    });

    it('has no overset and no layout error in layout.json', () => {
      expect(run.report.overset).toBeNull();
      expect(run.report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    });
  });

  describe('text', () => {
    it('sets every body line on one baseline grid across all columns (phase within 0.15 mm)', () => {
      const body = framesOf(run.report).flatMap((frame) => frame.text.filter((line) => line.body).map((line) => ({ ...line, column: frame.column })));
      expect(new Set(body.map((line) => line.column)).size, 'body text in several columns').toBeGreaterThan(2);
      expect(body.length).toBeGreaterThan(100);
      expect(run.report.baseline.pitch).toBeCloseTo((run.grid.body.leading * 25.4) / 72, 2);
      expect(baselineSpread(body.map((line) => line.y), run.report.baseline)).toBeLessThanOrEqual(0.15);
    });

    it('starts no line with a closing mark and ends none with an opening mark (layout.json)', () => {
      const lines = framesOf(run.report).flatMap((frame) => frame.text.map((line) => line.text));
      expect(lines.length).toBeGreaterThan(100);
      expect(lineBreakViolations(lines)).toEqual([]);
    });

    it('starts no line with a closing mark and ends none with an opening mark (pdftotext lines in the columns)', () => {
      const rows = framesOf(run.report).flatMap((frame) => rowsOfFrame(run, frame).map((row) => row.text));
      expect(rows.length).toBeGreaterThan(100);
      expect(lineBreakViolations(rows)).toEqual([]);
    });

    it('holds the whole body of article.md in its frames, in order: nothing lost or repeated across frame splits', () => {
      expect(run.article.blocks.length).toBeGreaterThan(5);
      const mismatch = followBlocks(run.article.blocks, frameStream(run.report, sample.latin), sample.latin);
      expect(mismatch).toBeNull();
    });

    it('reports each line with the text the PDF prints at that place', () => {
      const differences: string[] = [];
      let compared = 0;
      for (const frame of framesOf(run.report)) {
        const rows = rowsOfFrame(run, frame);
        for (const line of frame.text) {
          const row = rows.find((candidate) => Math.abs(candidate.bottom - mmToPt(line.y)) < 2);
          compared++;
          if (!row) differences.push(`column ${frame.column + 1}, y ${line.y} mm: “${line.text}” is not printed there`);
          else if (lineText(row.text) !== lineText(line.text)) differences.push(`column ${frame.column + 1}, y ${line.y} mm: layout.json “${line.text}”, PDF “${row.text.replace(/\u00ad/g, '')}”`);
        }
      }
      expect(compared).toBeGreaterThan(100);
      expect(differences).toEqual([]);
    });
  });

  describe('split paragraphs and subheads', () => {
    it('splits at least one paragraph between frames', () => {
      expect(run.proof.splits.some((split) => split.tag === 'p' && split.classes.includes('continues'))).toBe(true);
      expect(run.proof.splits.some((split) => split.tag === 'p' && split.classes.includes('continued'))).toBe(true);
    });

    it('justifies the line before each split to the column’s right edge (PDF)', () => {
      const frames = framesOf(run.report);
      const splitting = run.proof.frames.flatMap((proofFrame, index) => (proofFrame.endsInSplit && frames[index] ? [frames[index]] : []));
      expect(splitting.length, 'frames that end in a split paragraph').toBeGreaterThan(0);
      for (const frame of splitting) {
        const rows = rowsOfFrame(run, frame);
        const last = rows.at(-1);
        const right = mmToPt(frame.box.x + frame.box.width);
        expect(Math.abs((last?.right ?? 0) - right), `“${last?.text ?? ''}” ends at the column's right edge`).toBeLessThanOrEqual(1.2);
      }
    });

    it('prints the first line of a continued paragraph flush with its column (PDF)', () => {
      const frames = framesOf(run.report);
      // The proof's frames are the report's, in the same order.
      expect(run.proof.frames.map((frame) => [frame.page, frame.column, Math.round(frame.x), Math.round(frame.y)])).toEqual(
        frames.map((frame) => [frame.page, frame.column, Math.round(frame.box.x), Math.round(frame.box.y)]),
      );
      const continued = run.proof.frames.flatMap((proofFrame, index) => {
        const frame = frames[index];
        return frame && proofFrame.firstTag === 'p' && proofFrame.firstClasses.includes('continued') ? [frame] : [];
      });
      expect(continued.length).toBeGreaterThan(0);
      for (const frame of continued) {
        const [first] = rowsOfFrame(run, frame);
        expect(first, `column ${frame.column + 1} at ${frame.box.y} mm has printed text`).toBeDefined();
        expect(Math.abs((first?.left ?? 0) - mmToPt(frame.box.x)), `“${first?.text ?? ''}” starts at the column's edge`).toBeLessThanOrEqual(1);
      }
    });

    it('never ends a frame with a subhead (proof: .frame > :last-child)', () => {
      expect(run.proof.inFrames.h2, 'the sample has subheads in its frames').toBeGreaterThan(0);
      expect(run.proof.frames.filter((frame) => /^h[1-6]$/.test(frame.lastTag)).map((frame) => `page ${frame.page} column ${frame.column + 1}: ${frame.lastText}`)).toEqual([]);
    });

    it('never ends a frame with a subhead line (layout.json)', () => {
      const subheads = run.article.blocks.filter((block) => block.kind === 'subhead').map((block) => comparable(block.text, sample.latin));
      expect(subheads.length).toBeGreaterThan(0);
      const endings = framesOf(run.report).flatMap((frame) => {
        const last = frame.text.at(-1);
        return last && !last.body ? [comparable(last.text, sample.latin)] : [];
      });
      expect(endings.filter((ending) => ending !== '' && subheads.some((subhead) => subhead.endsWith(ending)))).toEqual([]);
    });
  });

  describe('photos and captions', () => {
    it('sets every caption beside its photo (a gutter away, feet aligned) or below it', () => {
      const figures = run.report.pages.flatMap((page) => page.figures);
      expect(figures).toHaveLength(run.article.figures.length);
      expect(figures.flatMap((figure) => captionPlacementProblems(figure, run.grid))).toEqual([]);
    });

    it('lets no caption overlap a photo or a text frame', () => {
      const problems = run.report.pages.flatMap((page) => page.figures.flatMap((figure) => captionOverlaps(figure, page.figures, page.frames)));
      expect(problems).toEqual([]);
    });

    it('puts every photo on whole columns', () => {
      const figures = run.report.pages.flatMap((page) => page.figures);
      expect(figures.flatMap((figure) => wholeColumnProblems(figure, run.grid))).toEqual([]);
    });

    it('prints each caption’s words inside the caption box layout.json reports (±2 pt)', () => {
      for (const page of run.report.pages) {
        const pdfPage = run.pdf.pages[page.number - 1];
        for (const figure of page.figures) {
          const words = wordsSpelling(pdfPage?.words ?? [], figure.caption, (text) => comparable(text, sample.latin));
          expect(words, `the caption “${figure.caption}” is printed`).toBeDefined();
          const box = ptRect(figure.captionBox ?? { x: 0, y: 0, width: 0, height: 0 }, 2);
          const outside = (words ?? []).filter((word) => !containsRect(box, word));
          expect(outside.map((word) => `${word.text} at ${word.left.toFixed(1)},${word.top.toFixed(1)}`), `caption box ${JSON.stringify(figure.captionBox)}`).toEqual([]);
        }
      }
    });

    it('crops photos to their boxes instead of distorting them: object-fit cover in the proof', () => {
      expect(run.proof.images).toHaveLength(run.article.figures.length);
      expect(run.proof.images.filter((image) => image.objectFit !== 'cover').map((image) => `${image.src}: ${image.objectFit}`)).toEqual([]);
    });

    it('prints every photo at one scale across and down, covering its whole box (pdfimages, pdftohtml)', () => {
      const figures = run.report.pages.flatMap((page) => page.figures);
      expect(run.pdf.images).toHaveLength(figures.length);
      // pdfimages rounds each direction to whole ppi, and Chromium snaps a drawn image to whole CSS pixels (a photo
      // resampled to 306 ppi is about 1,000 pixels across, so a pixel is 0.1 % and a snap up to 1 %).
      for (const image of run.pdf.images) expect(Math.abs(image.xPpi - image.yPpi), `${image.width}×${image.height} at ${image.xPpi}×${image.yPpi} ppi`).toBeLessThanOrEqual(Math.max(1, image.xPpi * 0.01));
      const drawn = drawnImages(run.result.screenPath, 1);
      for (const figure of figures) {
        const box = ptRect(figure.photo, 1.5);
        const covering = drawn.filter((image) => containsRect(image, { left: box.left + 3, top: box.top + 3, right: box.right - 3, bottom: box.bottom - 3 }));
        expect(covering.length, `an image drawn over the whole box of ${figure.src}`).toBeGreaterThan(0);
      }
      // Each box keeps its photo's shape: at most 15 % of either side is cropped away (a portrait stays a portrait).
      for (const figure of figures) {
        const image = run.proof.images.find((candidate) => candidate.src === figure.src);
        const box = figure.photo.width / figure.photo.height;
        const pixels = (image?.naturalWidth ?? 1) / (image?.naturalHeight ?? 1);
        expect(1 - Math.min(box, pixels) / Math.max(box, pixels), `${figure.src}: box ${box.toFixed(3)}, pixels ${pixels.toFixed(3)}`).toBeLessThanOrEqual(0.16);
      }
    });

    it('prints its photos at 300 ppi or more, as layout.json and pdfimages agree (photos above 450 ppi resampled to 306)', () => {
      const figures = run.report.pages.flatMap((page) => page.figures);
      for (const figure of figures) expect(figure.effectivePpi, figure.src).toBeGreaterThanOrEqual(300);
      // layout.json gives what the photo file holds where it stands; the press gets at most 306 ppi of it.
      const reported = figures.map((figure) => (figure.effectivePpi > pressImagePpi * resampleThreshold ? resampledPpi : figure.effectivePpi)).sort((a, b) => a - b);
      const printed = run.pdf.images.map((image) => Math.min(image.xPpi, image.yPpi)).sort((a, b) => a - b);
      expect(printed).toHaveLength(reported.length);
      reported.forEach((ppi, index) => expect(Math.abs(ppi - (printed[index] ?? 0))).toBeLessThanOrEqual(Math.max(2, ppi * 0.01)));
    });
  });

  describe('folio', () => {
    it('prints the paper’s name, the page number and the section in the folio line at the head of the page', () => {
      const name = paperName();
      const section = run.article.frontMatter['section'];
      expect(typeof section).toBe('string');
      for (const page of run.pdf.pages) {
        const band = page.words.filter((word) => word.bottom <= mmToPt(run.grid.margins.top) + 2 * run.grid.body.leading && word.top >= mmToPt(run.grid.margins.top) - 6);
        const folio = band.map((word) => word.text).join(' ');
        expect(folio).toContain(name);
        expect(folio).toContain(sample.pageLabel(page.number));
        expect(folio).toContain(String(section));
      }
    });
  });
});

describe('the shanting sample on the zh-broadsheet page', () => {
  const [sample] = samples;
  let run: LaidOut;
  beforeAll(async () => {
    if (!sample) throw new Error('no shanting sample');
    run = await laidOut(sample);
  });

  it('ends every leg but the story’s last within one line of its foot (layout.json)', () => {
    const legs = framesOf(run.report).filter((frame) => frame.lines > 0);
    expect(legs.length).toBeGreaterThanOrEqual(run.grid.columns);
    const short = legs.slice(0, -1).filter((leg) => leg.capacity - leg.lines > 1);
    expect(short.map((leg) => `leg ${leg.leg} in column ${leg.column + 1} holds ${leg.lines} of ${leg.capacity} lines`)).toEqual([]);
  });

  it('ends every leg but the story’s last within one line of its foot (pdftotext)', () => {
    const legs = framesOf(run.report).filter((frame) => frame.lines > 0);
    const short = legs.slice(0, -1).flatMap((leg) => {
      const lowest = Math.max(0, ...rowsOfFrame(run, leg).map((row) => row.bottom));
      const limit = mmToPt(leg.box.y + leg.box.height - run.report.baseline.pitch - 0.5);
      return lowest < limit ? [`leg ${leg.leg} in column ${leg.column + 1}: lowest word ends at ${lowest.toFixed(1)} pt, limit ${limit.toFixed(1)} pt`] : [];
    });
    expect(short).toEqual([]);
  });

  it('starts the text directly under the headline, at the left of the page, or under the lead photo', () => {
    const [first] = framesOf(run.report).filter((frame) => frame.lines > 0);
    expect(first?.column).toBe(0);
    const lead = run.report.pages[0]?.figures.find((figure) => figure.role === 'lead');
    const headlineFoot = Math.min(...framesOf(run.report).map((frame) => frame.box.y));
    const underLead = lead !== undefined && lead.photo.x <= (first?.box.x ?? 0) + 1 && Math.abs((first?.box.y ?? 0) - (lead.photo.y + lead.photo.height)) < 15;
    expect(underLead || Math.abs((first?.box.y ?? 0) - headlineFoot) < 0.5, `first leg at ${first?.box.y} mm`).toBe(true);
  });

  it('runs at least three photos across two or more columns', () => {
    const wide = run.report.pages.flatMap((page) => page.figures).filter((figure) => figure.span >= 2);
    expect(wide.length).toBeGreaterThanOrEqual(3);
  });
});

describe('the harbour sample on the tabloid page', () => {
  const sample = samples[1];
  let run: LaidOut;
  beforeAll(async () => {
    if (!sample) throw new Error('no harbour sample');
    run = await laidOut(sample);
  });

  it('sets the list, the table and the pull quote inside its frames', () => {
    expect(run.proof.inFrames.li).toBe(3 + run.proof.splits.filter((split) => split.tag === 'li' && split.classes.includes('continued')).length);
    expect(run.proof.inFrames.table).toBe(1);
    expect(run.proof.inFrames.blockquote).toBe(1);
    const printed = framesOf(run.report)
      .flatMap((frame) => rowsOfFrame(run, frame))
      .map((row) => row.text.replace(/\u00ad/g, ''))
      .join(' ');
    expect(printed).toContain('£58.00');
    expect(printed).toContain('Nobody here was');
    expect(printed).toContain('twenty-two crossings');
  });

  it('hyphenates: the PDF breaks words at their hyphenation points', () => {
    const article = run.article.blocks.map((block) => block.text).join(' ');
    const broken: string[] = [];
    for (const frame of framesOf(run.report)) {
      const rows = rowsOfFrame(run, frame);
      rows.forEach((row, index) => {
        const last = row.words.at(-1)?.text.replace(/\u00ad/g, '') ?? '';
        const next = rows[index + 1]?.words[0]?.text.replace(/\u00ad/g, '') ?? '';
        if (!last.endsWith('-') || next === '') return;
        const head = last.slice(0, -1);
        const tail = /^[\p{L}']+/u.exec(next)?.[0] ?? '';
        // A break at a soft hyphen joins into a word the article writes whole, never with that hyphen.
        if (tail !== '' && article.includes(head + tail) && !article.includes(`${head}-${tail}`)) broken.push(`${head}-/${tail}`);
      });
    }
    expect(broken.length, 'lines of the PDF that end in a word broken at a soft hyphen').toBeGreaterThan(0);
  });

  it('justifies its body lines without rivers: no word space over 2.5 em (pdftotext word boxes)', () => {
    const em = run.grid.body.size;
    let body = 0;
    let justified = 0;
    const wide: string[] = [];
    for (const frame of framesOf(run.report)) {
      const right = mmToPt(frame.box.x + frame.box.width);
      const bodyYs = frame.text.filter((line) => line.body).map((line) => mmToPt(line.y));
      for (const row of rowsOfFrame(run, frame)) {
        if (!bodyYs.some((y) => Math.abs(y - row.bottom) < 2)) continue;
        body++;
        if (Math.abs(row.right - right) > 1) continue;
        justified++;
        const widest = Math.max(0, ...wordGaps(row.words));
        if (widest > 2.5 * em) wide.push(`“${row.text.replace(/\u00ad/g, '')}”: a ${(widest / em).toFixed(2)} em space`);
      }
    }
    expect(body).toBeGreaterThan(100);
    // Most lines run to the column's right edge: the text is justified, so the check below has lines to look at.
    expect(justified / body).toBeGreaterThan(0.6);
    expect(wide).toEqual([]);
  });
});
