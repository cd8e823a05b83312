/**
 * Simulated time. Every state of the sandbox is computed from `now()`, so a virtual clock that only
 * moves when the caller advances it makes whole rollouts deterministic, and a real clock scaled by
 * `speed` compresses them for demos (speed 60: a 10-minute bake passes in 10 seconds).
 */
export interface SandboxClock {
  readonly kind: 'real' | 'virtual';
  /** Simulated epoch milliseconds. */
  now(): number;
  /**
   * Virtual clock: moves time forward by `ms` simulated milliseconds. Real clock: waits
   * `ms / speed` real milliseconds. Resolves after pending I/O callbacks have run.
   */
  advance(ms: number): Promise<void>;
  /**
   * The engine's clock contract (`{ now, sleep }`): the same as `advance`, so a runner given a
   * sandbox clock moves virtual time itself. Rejects with the signal's reason when aborted.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Where a virtual clock starts when none is given: a fixed instant, so runs are reproducible. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 1, 9, 0, 0);

/** A clock that moves only through `advance`. */
export function virtualClock(start = VIRTUAL_EPOCH): SandboxClock {
  let current = start;
  const advance = async (ms: number) => {
    current += Math.max(0, ms);
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return {
    kind: 'virtual',
    now: () => current,
    advance,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      await advance(ms);
    },
  };
}

/**
 * Wall-clock time scaled by `speed` from the moment of creation:
 * simulated = start + (Date.now() − start) × speed.
 */
export function realClock(speed = 1): SandboxClock {
  const start = Date.now();
  const factor = speed > 0 && Number.isFinite(speed) ? speed : 1;
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(done, Math.max(0, ms) / factor);
      function done() {
        signal?.removeEventListener('abort', abort);
        resolve();
      }
      function abort() {
        clearTimeout(timer);
        reject(signal!.reason);
      }
      signal?.addEventListener('abort', abort, { once: true });
    });
  return {
    kind: 'real',
    now: () => start + Math.floor((Date.now() - start) * factor),
    advance: (ms) => sleep(ms),
    sleep,
  };
}
