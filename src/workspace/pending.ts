// A promise settled from outside: one part of the work tells another it may start.

/** A promise with its resolve and reject at hand. */
export interface Pending<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function pending<T>(): Pending<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  // Nobody may be waiting on it when it fails: the failure is the run's, reported once.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
