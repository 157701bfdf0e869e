// The planner in Node: flowing text into legs by the rules of good setting, photo sizes by role, and the module search.
import { describe, expect, it } from 'vitest';
import { flowBlocks } from '../../src/layout/plan/flow.ts';
import { legsOf } from '../../src/layout/plan/legs.ts';
import { planStory } from '../../src/layout/plan/module.ts';
import { maximumCrop, minimumPpi, photoSizes } from '../../src/layout/plan/photos.ts';
import type { FigureMeasure, FlowBlock, GridMetrics, StoryMeasure } from '../../src/layout/plan/types.ts';

const broadsheet: GridMetrics = { columnWidth: 41, gutter: 4, leading: 4.939, pageColumns: 8 };
const text = (id: number, lines: number): FlowBlock => ({ kind: 'text', id, lines });
const heading = (id: number): FlowBlock => ({ kind: 'solid', id, lines: 2, keepWithNext: true, what: 'heading' });
const photo = (anchor: number, pixelWidth: number, pixelHeight: number, desk: FigureMeasure['desk'] = {}): FigureMeasure => ({
  anchor,
  pixelWidth,
  pixelHeight,
  desk,
  captionLines: [4, 3, 2, 2, 2, 1, 1, 1],
  captionBesideLines: 4,
});

function story(paragraphs: readonly number[], figures: FigureMeasure[] = [], headings: readonly number[] = []): StoryMeasure {
  const blocks: FlowBlock[] = [];
  paragraphs.forEach((lines, index) => {
    if (headings.includes(index)) blocks.push(heading(blocks.length));
    blocks.push(text(blocks.length, lines));
  });
  return { blocks, figures, headlineLines: [24, 16, 12, 10, 9, 8, 8, 8] };
}

describe('flowBlocks', () => {
  it('never leaves one line of a paragraph at a leg’s foot or head', () => {
    for (let room = 2; room <= 12; room++) {
      const flow = flowBlocks([text(0, 5), text(1, 9)], [{ lines: room }, { lines: 40 }]);
      for (const leg of flow.legs) {
        for (const piece of leg.pieces) {
          const lines = piece.block === 0 ? 5 : 9;
          if (piece.to < lines) expect(piece.to - piece.from, `room ${room}: lines left at the foot`).toBeGreaterThanOrEqual(piece.from === 0 ? 2 : 1);
          if (piece.from > 0) expect(piece.to - piece.from, `room ${room}: lines carried to the head`).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });

  it('keeps a subhead with two lines of its text', () => {
    const flow = flowBlocks([text(0, 8), heading(1), text(2, 10)], [{ lines: 11 }, { lines: 40 }]);
    const first = flow.legs[0]?.pieces ?? [];
    expect(first.at(-1)?.block).not.toBe(1);
    expect(flow.legs[1]?.pieces[0]).toEqual({ block: 1, from: 0, to: 2 });
  });

  it('reports where the text stopped when the legs are full', () => {
    const flow = flowBlocks([text(0, 10), text(1, 10)], [{ lines: 6 }, { lines: 6 }]);
    expect(flow.overset).toEqual({ block: 1, line: 2 });
  });
});

describe('legsOf', () => {
  it('cuts the legs around a photo, in reading order', () => {
    const legs = legsOf({ column: 0, columns: 3, line: 10, lines: 30 }, [{ column: 1, columns: 2, line: 10, lines: 12 }]);
    expect(legs.map((leg) => [leg.column, leg.line, leg.lines])).toEqual([
      [0, 10, 30],
      [1, 22, 18],
      [2, 22, 18],
    ]);
  });
});

describe('photoSizes', () => {
  const landscape = photo(-1, 4800, 3200);

  it('keeps every size within the lead role’s limits: 5/8 of the page, 40 % of the depth, 200 ppi, 15 % crop', () => {
    const sizes = photoSizes(landscape, 'lead', broadsheet, 8, 120);
    expect(sizes.length).toBeGreaterThan(3);
    for (const size of sizes) {
      expect(size.span).toBeLessThanOrEqual(5);
      expect(size.lines).toBeLessThanOrEqual(48);
      expect(size.ppi).toBeGreaterThanOrEqual(minimumPpi);
      expect(Math.max(size.crop.x, size.crop.y)).toBeLessThanOrEqual(maximumCrop + 0.01);
    }
  });

  it('never enlarges a small photo past 200 ppi', () => {
    const sizes = photoSizes(photo(-1, 800, 600), 'lead', broadsheet, 8, 120);
    expect(sizes[0]?.span).toBe(2);
    expect(sizes.every((size) => size.span <= 2)).toBe(true);
  });

  it('keeps a portrait a portrait', () => {
    const sizes = photoSizes(photo(3, 2000, 3000), 'secondary', broadsheet, 8, 120);
    for (const size of sizes) {
      const width = size.span * 41 + (size.span - 1) * 4;
      const height = (size.lines - 0.3) * 4.939;
      expect(height / width).toBeGreaterThan(1.2);
    }
  });

  it('gives the desk its span', () => {
    const sizes = photoSizes(photo(-1, 6000, 4000, { span: 7 }), 'lead', broadsheet, 8, 120);
    expect(new Set(sizes.map((size) => size.span))).toEqual(new Set([7]));
  });
});

describe('planStory', () => {
  const page = { column: 0, columns: 8, line: 0, lines: 140 };
  const options = { metrics: broadsheet, holeWeight: 0.2, continues: false, narrower: true };

  it('sets a long story with four photos with its text starting at the top left, under the headline', () => {
    const feature = story(Array.from({ length: 30 }, () => 9), [photo(-1, 4800, 3200), photo(3, 3000, 2000), photo(12, 2400, 1800), photo(20, 1800, 2400)], [4, 12, 20]);
    const plan = planStory({ ...options, story: feature, space: page });
    expect(plan.overset).toBeNull();
    expect(plan.figures).toHaveLength(4);
    const first = plan.legs.find((leg) => leg.used > 0);
    expect(first?.column).toBe(0);
    const lead = plan.figures.find((figure) => figure.role === 'lead');
    const underLead = lead && lead.photo.column === 0;
    if (!underLead) expect(first?.line).toBe(plan.headline?.lines);
    // Every leg but the last ends within one line of its foot.
    const used = plan.legs.filter((leg) => leg.used > 0);
    for (const leg of used.slice(0, -1)) expect(leg.lines - leg.used).toBeLessThanOrEqual(1);
  });

  it('sets a brief’s photo in at most a third of its module, leaving the rest of the page as news hole', () => {
    const brief = story([12, 9, 5], [photo(-1, 2400, 1600)]);
    const plan = planStory({ ...options, story: brief, space: page });
    expect(plan.overset).toBeNull();
    const [figure] = plan.figures;
    expect(figure).toBeDefined();
    const unit = (figure?.photo.columns ?? 0) * ((figure?.photo.lines ?? 0) + (figure?.captionPlace === 'below' ? (figure?.caption.lines ?? 0) : 0));
    expect(unit).toBeLessThanOrEqual((plan.module.columns * plan.module.lines) / 3 + 1);
    expect(plan.hole.reduce((sum, rect) => sum + rect.columns * rect.lines, 0)).toBeGreaterThan(500);
  });

  it('finds the text’s overset instead of squeezing it', () => {
    const long = story(Array.from({ length: 200 }, () => 9), [photo(-1, 4800, 3200)]);
    const plan = planStory({ ...options, story: long, space: page });
    expect(plan.overset).not.toBeNull();
  });

  it('sets a story that just fits the page when its photos are at their smallest', () => {
    const columnLines = 8 * (140 - 8);
    const full = story(Array.from({ length: Math.floor((columnLines * 0.8) / 9) }, () => 9), [photo(-1, 4800, 3200), photo(10, 3000, 2000)]);
    const plan = planStory({ ...options, story: full, space: page });
    expect(plan.overset).toBeNull();
  });
});
