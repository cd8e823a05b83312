import type { Clock } from '@shiftwise/core/engine';

/**
 * The engine's clock for this run. Normally real time. For dry runs against `shiftwise sandbox --speed X`, set
 * `SHIFTWISE_CLOCK_SPEED=X`: time then runs X times faster, like the sandbox's, so a 10-minute bake is watched in
 * 10 minutes ÷ X and the engine's poll intervals shrink with it.
 *
 *   speed 600: now() advances 600 ms per real millisecond; sleep(20 000) waits 33 ms.
 */
export function clockFor(env: NodeJS.ProcessEnv): Clock {
  const speed = Number(env.SHIFTWISE_CLOCK_SPEED ?? 1);
  const factor = Number.isFinite(speed) && speed > 0 ? speed : 1;
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * factor,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms / factor);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
