// Where a build's time goes: each stage adds its milliseconds to the clock of the build it runs in (found through the
// async context, so pages set side by side in an edition each keep their own), for layout.json and --verbose.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Milliseconds by stage, in the order the stages first ran. */
export type StageTimes = Readonly<Record<string, number>>;

const running = new AsyncLocalStorage<Map<string, number>>();

/** Runs `work` with a fresh clock; stages timed inside it (however deep) are added to it. */
export async function withStageClock<T>(work: () => Promise<T>): Promise<{ value: T; stages: StageTimes }> {
  const clock = new Map<string, number>();
  const value = await running.run(clock, work);
  return { value, stages: stagesOf(clock) };
}

/** The stages timed so far in this async context's clock (empty outside one). */
export const stagesSoFar = (): StageTimes => stagesOf(running.getStore() ?? new Map());

/** Times one stage of the build this runs in; outside a clocked build it only runs it. */
export async function timed<T>(stage: string, work: () => Promise<T>): Promise<T> {
  const clock = running.getStore();
  if (!clock) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    clock.set(stage, (clock.get(stage) ?? 0) + performance.now() - started);
  }
}

/** Adds time measured elsewhere (before the clock started, as the process start-up) to the running clock. */
export function addStage(stage: string, milliseconds: number): void {
  const clock = running.getStore();
  if (clock) clock.set(stage, (clock.get(stage) ?? 0) + milliseconds);
}

const stagesOf = (clock: ReadonlyMap<string, number>): StageTimes => Object.fromEntries([...clock].map(([stage, ms]) => [stage, Math.round(ms)]));
