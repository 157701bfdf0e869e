// Photo settings written in the manuscript (`{span=4 caption=below place=top focus=30%,40%}`) decide the layout:
// each fixture in tests/fixtures/layout-figures names the figures it sets and what layout.json, the proof and the PDF must show.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureReport } from '../../src/layout/report.ts';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { layoutFixtures, manuscriptFrom, readJson, samplePhotos, scratchFolder, type Scratch } from '../helpers/layout-files.ts';
import { spanWidth } from '../helpers/layout-grid.ts';
import { drawnImages, ptRect } from '../helpers/layout-pdf.ts';
import { lookDistance, lookOf, placedLooks } from '../helpers/poppler.ts';
import { captionOverlaps, captionPlacementProblems, wholeColumnProblems } from '../helpers/layout-rules.ts';
import { layOut, type LaidOut } from '../helpers/layout-sample.ts';

interface ExpectedFigure {
  readonly src: string;
  readonly span?: number;
  readonly captionPlacement?: 'beside' | 'below';
  readonly place?: 'top' | 'bottom';
  /** The CSS object-position the focus becomes, e.g. `30% 40%`. */
  readonly focus?: string;
}

interface FigureCase {
  readonly name: string;
  readonly photos: readonly string[];
  readonly figures: readonly ExpectedFigure[];
}

function readCase(name: string): FigureCase {
  const expected = readJson(join(layoutFixtures, 'layout-figures', name, 'expected.json'));
  const field = (value: unknown, key: string): unknown =>
    typeof value === 'object' && value !== null ? Object.entries(value).find(([found]) => found === key)?.[1] : undefined;
  const photos = field(expected, 'photos');
  const figures = field(expected, 'figures');
  if (!Array.isArray(photos) || typeof figures !== 'object' || figures === null) throw new Error(`${name}/expected.json needs photos and figures`);
  return {
    name,
    photos: photos.map(String),
    figures: Object.entries(figures).map(([src, want]): ExpectedFigure => {
      const span = field(want, 'span');
      const caption = field(want, 'captionPlacement');
      const place = field(want, 'place');
      const focus = field(want, 'focus');
      return {
        src,
        ...(typeof span === 'number' ? { span } : {}),
        ...(caption === 'beside' || caption === 'below' ? { captionPlacement: caption } : {}),
        ...(place === 'top' || place === 'bottom' ? { place } : {}),
        ...(typeof focus === 'string' ? { focus } : {}),
      };
    }),
  };
}

const cases = readdirSync(join(layoutFixtures, 'layout-figures')).sort().map(readCase);

let press: PressBrowser;
let scratch: Scratch;

beforeAll(async () => {
  press = await launchBrowser();
  scratch = await scratchFolder('figures');
});
afterAll(async () => {
  await press?.close();
  await scratch?.remove();
});

describe.each(cases)('figure settings: $name', (fixture) => {
  let run: LaidOut;
  beforeAll(async () => {
    const dir = await manuscriptFrom(join('layout-figures', fixture.name), scratch.path, fixture.name, fixture.photos);
    run = await layOut({ dir, outDir: join(scratch.path, `${fixture.name}-out`), grid: 'zh-broadsheet', useGridOption: false, press });
  });

  const figureFor = (src: string): FigureReport => {
    const found = run.report.pages.flatMap((page) => page.figures).filter((figure) => figure.src.endsWith(src));
    expect(found, `layout.json places ${src} once`).toHaveLength(1);
    const [figure] = found;
    if (!figure) throw new Error(`${src} is not placed`);
    return figure;
  };

  it('builds one page without layout errors, and the settings raise no warning', () => {
    expect(run.pdf.facts.pages).toBe(1);
    expect(run.report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(run.result.warnings.filter((warning) => /photo setting/.test(warning))).toEqual([]);
  });

  it('keeps every photo on whole columns and every caption in its place, clear of photos and text', () => {
    const [page] = run.report.pages;
    const figures = page?.figures ?? [];
    expect(figures).toHaveLength(fixture.photos.length);
    expect(figures.flatMap((figure) => [...wholeColumnProblems(figure, run.grid), ...captionPlacementProblems(figure, run.grid)])).toEqual([]);
    expect(figures.flatMap((figure) => captionOverlaps(figure, figures, page?.frames ?? []))).toEqual([]);
  });

  describe.each(fixture.figures)('$src', (want) => {
    if (want.span !== undefined) it('spans the columns asked for', () => {
      const figure = figureFor(want.src);
      expect(figure.span).toBe(want.span);
      expect(figure.photo.width).toBeCloseTo(spanWidth(run.grid, want.span ?? 0), 1);
    });

    if (want.captionPlacement !== undefined) it('sets its caption where asked', () => {
      const figure = figureFor(want.src);
      expect(figure.captionPlacement).toBe(want.captionPlacement);
      const caption = figure.captionBox;
      expect(caption).not.toBeNull();
      if (want.captionPlacement === 'below') {
        // Under the photo and as wide as it, not in a column of its own.
        expect(caption?.y ?? 0).toBeGreaterThanOrEqual(figure.photo.y + figure.photo.height - 0.1);
        expect(caption?.width ?? 0).toBeCloseTo(figure.photo.width, 0);
      }
    });

    if (want.place === 'top') it('stands at the head of its columns, right under the headline module', () => {
      const figure = figureFor(want.src);
      const [page] = run.report.pages;
      const top = Math.min(...(page?.frames ?? []).map((frame) => frame.box.y), ...(page?.figures ?? []).map((other) => other.photo.y));
      expect(Math.abs(figure.photo.y - top)).toBeLessThanOrEqual(0.2);
    });

    if (want.place === 'bottom') it('stands at the foot of its story’s module, within a line', () => {
      const figure = figureFor(want.src);
      const module = run.report.stories[0]?.modules[0]?.box;
      expect(module).toBeDefined();
      const foot = Math.max(figure.photo.y + figure.photo.height, figure.captionBox ? figure.captionBox.y + figure.captionBox.height : 0);
      const moduleFoot = (module?.y ?? 0) + (module?.height ?? 0);
      expect(moduleFoot - foot).toBeGreaterThanOrEqual(-0.2);
      expect(moduleFoot - foot).toBeLessThanOrEqual(1.3 * run.report.baseline.pitch + 0.2);
    });

    if (want.focus !== undefined) it('crops around the focal point: object-position in the proof, the photo’s offset in the PDF', async () => {
      const figure = figureFor(want.src);
      const image = run.proof.images.find((candidate) => candidate.src === figure.src);
      expect(image?.objectPosition).toBe(want.focus);
      const [fx = 0.5, fy = 0.5] = (want.focus ?? '').split(' ').map((part) => Number.parseFloat(part) / 100);
      const look = await lookOf(join(samplePhotos, want.src.replace(/^images\//, '')));
      const drawn = (await placedLooks(run.result.screenPath, 1)).filter((candidate) => lookDistance(candidate.look, look) < 6);
      expect(drawn).toHaveLength(1);
      const box = ptRect(figure.photo);
      const width = image?.naturalWidth ?? 1;
      const height = image?.naturalHeight ?? 1;
      const scale = Math.max((box.right - box.left) / width, (box.bottom - box.top) / height);
      const overflowX = width * scale - (box.right - box.left);
      const overflowY = height * scale - (box.bottom - box.top);
      // The crop must be large enough for the focal point to show against a centred crop.
      expect(Math.max(overflowX * Math.abs(fx - 0.5), overflowY * Math.abs(fy - 0.5))).toBeGreaterThan(4);
      expect(Math.abs((drawn[0]?.left ?? 0) - (box.left - fx * overflowX))).toBeLessThanOrEqual(2);
      expect(Math.abs((drawn[0]?.top ?? 0) - (box.top - fy * overflowY))).toBeLessThanOrEqual(2);
    });
  });
});
