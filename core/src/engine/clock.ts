/**
 * Time as the engine sees it: `now()` in epoch milliseconds and an abortable `sleep`. The real clock is the
 * default; tests and benchmarks pass the sandbox's virtual clock, so a ten-minute bake takes no real time.
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Real time running `speed` times faster, for dry runs against `shiftwise sandbox --speed X` (set
 * SHIFTWISE_CLOCK_SPEED=X): a 10-minute bake is watched in 10 minutes ÷ X and the poll intervals shrink with it.
 *
 *   speed 600: now() advances 600 ms per real millisecond; sleep(20 000) waits 33 ms.
 */
export function scaledClock(speed: number): Clock {
  const factor = Number.isFinite(speed) && speed > 0 ? speed : 1;
  if (factor === 1) return realClock;
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * factor,
    sleep: (ms, signal) => realClock.sleep(ms / factor, signal),
  };
}
