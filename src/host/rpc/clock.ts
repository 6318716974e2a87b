// Time as a dependency, so the batcher and debouncers test with a fake clock.

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs `fn` once, `ms` after the last call. */
export function debounce(clock: Clock, ms: number, fn: () => void): { (): void; cancel(): void } {
  let handle: unknown;
  const call = () => {
    if (handle !== undefined) clock.clearTimeout(handle);
    handle = clock.setTimeout(() => {
      handle = undefined;
      fn();
    }, ms);
  };
  call.cancel = () => {
    if (handle !== undefined) clock.clearTimeout(handle);
    handle = undefined;
  };
  return call;
}
