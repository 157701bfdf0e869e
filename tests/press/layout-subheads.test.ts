// Subheads go on with the text they head: an article of many short sections (tests/fixtures/layout-subheads), where some
// subhead could fall at the foot of a leg, shows the rules at work: no leg ends in a subhead, none is left short.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PressBrowser } from '../../src/render/browser.ts';
import { comparable, followBlocks } from '../helpers/layout-article.ts';
import { manuscriptFrom, scratchFolder, type Scratch } from '../helpers/layout-files.ts';
import { baselineSpread } from '../helpers/layout-rules.ts';
import { frameStream, framesOf, layOut, type LaidOut } from '../helpers/layout-sample.ts';

let press: PressBrowser;
let scratch: Scratch;
let run: LaidOut;

beforeAll(async () => {
  press = await launchBrowser();
  scratch = await scratchFolder('subheads');
  const dir = await manuscriptFrom('layout-subheads', scratch.path, 'layout-subheads');
  run = await layOut({ dir, outDir: join(scratch.path, 'out'), grid: 'zh-broadsheet', useGridOption: false, press });
});
afterAll(async () => {
  await press?.close();
  await scratch?.remove();
});

describe('an article of many short sections', () => {
  it('finds a layout whose legs all end at their foot, though many subheads could not end one (layout.json)', () => {
    // The flow carries a subhead that would end a leg over to the next (tests/unit/layout-plan.test.ts); the planner
    // then picks the module depth at which no leg is left short for it.
    const legs = framesOf(run.report).filter((frame) => frame.lines > 0);
    expect(legs.length).toBeGreaterThanOrEqual(8);
    expect(legs.slice(0, -1).filter((leg) => leg.capacity - leg.lines > 1).map((leg) => `leg ${leg.leg}: ${leg.lines}/${leg.capacity}`)).toEqual([]);
  });

  it('never ends a frame with a subhead (proof: .frame > :last-child)', () => {
    expect(run.proof.inFrames.h2).toBeGreaterThan(10);
    expect(run.proof.frames.filter((frame) => /^h[1-6]$/.test(frame.lastTag)).map((frame) => `column ${frame.column + 1}: ${frame.lastText}`)).toEqual([]);
  });

  it('never ends a frame with a subhead line (layout.json)', () => {
    const subheads = run.article.blocks.filter((block) => block.kind === 'subhead').map((block) => comparable(block.text, false));
    const endings = framesOf(run.report).flatMap((frame) => {
      const last = frame.text.at(-1);
      return last && !last.body ? [comparable(last.text, false)] : [];
    });
    expect(endings.filter((ending) => ending !== '' && subheads.some((subhead) => subhead.endsWith(ending)))).toEqual([]);
  });

  it('keeps the body text on the baseline grid after every subhead', () => {
    const body = framesOf(run.report).flatMap((frame) => frame.text.filter((line) => line.body).map((line) => line.y));
    expect(body.length).toBeGreaterThan(300);
    expect(baselineSpread(body, run.report.baseline)).toBeLessThanOrEqual(0.15);
  });

  it('loses and repeats nothing where a subhead moves on', () => {
    expect(followBlocks(run.article.blocks, frameStream(run.report, false), false)).toBeNull();
  });
});
