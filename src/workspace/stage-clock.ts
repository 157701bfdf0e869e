// Where a build's time goes: each stage adds its milliseconds to the clock of the build it runs in (found through the
// async context, so pages set side by side in an edition each keep their own), for layout.json and --verbose.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Milliseconds by stage, in the order the stages first ran. */
export type StageTimes = Readonly<Record<string, number>>;

/**
 * When each stage ran, milliseconds since the process started: from its first start to its last end. Stages run side
 * by side, so their times add up to more than the build took; the spans show which of them the build waited for.
 */
export type StageSpans = Readonly<Record<string, { readonly from: number; readonly to: number }>>;

interface Clock {
  readonly times: Map<string, number>;
  readonly spans: Map<string, { from: number; to: number }>;
}

const running = new AsyncLocalStorage<Clock>();

/** Runs `work` with a fresh clock; stages timed inside it (however deep) are added to it. */
export async function withStageClock<T>(work: () => Promise<T>): Promise<{ value: T; stages: StageTimes; spans: StageSpans }> {
  const clock: Clock = { times: new Map(), spans: new Map() };
  const value = await running.run(clock, work);
  return { value, stages: stagesOf(clock), spans: Object.fromEntries([...clock.spans].map(([stage, span]) => [stage, { from: Math.round(span.from), to: Math.round(span.to) }])) };
}

/** The stages timed so far in this async context's clock (empty outside one). */
export const stagesSoFar = (): StageTimes => stagesOf(running.getStore() ?? { times: new Map(), spans: new Map() });

/** Times one stage of the build this runs in; outside a clocked build it only runs it. */
export async function timed<T>(stage: string, work: () => Promise<T>): Promise<T> {
  const clock = running.getStore();
  if (!clock) return work();
  const started = performance.now();
  if (!clock.times.has(stage)) clock.times.set(stage, 0);
  try {
    return await work();
  } finally {
    const ended = performance.now();
    clock.times.set(stage, (clock.times.get(stage) ?? 0) + ended - started);
    const span = clock.spans.get(stage);
    clock.spans.set(stage, { from: Math.min(span?.from ?? started, started), to: Math.max(span?.to ?? ended, ended) });
  }
}

/** Adds time measured elsewhere (before the clock started, as the process start-up) to the running clock. */
export function addStage(stage: string, milliseconds: number): void {
  const clock = running.getStore();
  if (clock) clock.times.set(stage, (clock.times.get(stage) ?? 0) + milliseconds);
}

const stagesOf = (clock: Clock): StageTimes => Object.fromEntries([...clock.times].map(([stage, ms]) => [stage, Math.round(ms)]));
