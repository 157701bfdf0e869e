// The build's stage clock: how long each stage took, and when it ran, so that --verbose shows which stages a build
// waited for and which ran beside them.
import { describe, expect, it } from 'vitest';
import { timed, withStageClock } from '../../src/workspace/stage-clock.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the stage clock', () => {
  it('gives each stage its time and its span; stages side by side overlap, a stage run twice spans both runs', async () => {
    const before = performance.now();
    const { value, stages, spans } = await withStageClock(async () => {
      await Promise.all([timed('plates', () => sleep(60)), timed('preflight', () => sleep(30).then(() => timed('fonts', () => sleep(20))))]);
      await timed('write', () => sleep(10));
      await timed('plates', () => sleep(10));
      return 'done';
    });
    const after = performance.now();
    expect(value).toBe('done');
    expect(Object.keys(stages)).toEqual(['plates', 'preflight', 'fonts', 'write']);
    expect(stages['plates']).toBeGreaterThanOrEqual(68);
    const plates = spans['plates'];
    const preflight = spans['preflight'];
    const fonts = spans['fonts'];
    const write = spans['write'];
    if (!plates || !preflight || !fonts || !write) throw new Error('a stage has no span');
    expect(plates.from).toBeGreaterThanOrEqual(Math.floor(before));
    expect(plates.to).toBeLessThanOrEqual(Math.ceil(after));
    // Run twice: from the first start to the last end, longer than its time (the write came between).
    expect(plates.to - plates.from).toBeGreaterThan(stages['plates'] ?? 0);
    // Side by side: the preflight started with the plates, and the fonts ran inside the preflight.
    expect(Math.abs(preflight.from - plates.from)).toBeLessThanOrEqual(5);
    expect(fonts.from).toBeGreaterThanOrEqual(preflight.from);
    expect(fonts.to).toBeLessThanOrEqual(preflight.to);
    expect(write.from).toBeGreaterThanOrEqual(Math.max(preflight.to, 60 + plates.from) - 1);
  });

  it('keeps nothing outside a clocked build', async () => {
    expect(await timed('loose', async () => 7)).toBe(7);
    const { stages, spans } = await withStageClock(async () => undefined);
    expect(stages).toEqual({});
    expect(spans).toEqual({});
  });
});
