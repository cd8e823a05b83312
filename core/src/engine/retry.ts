import type { Clock } from './clock.js';
import { errorText, isTransient } from './transient.js';

export interface RetryOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** Called before each wait, for progress output. */
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  /** Give up after this much clock time spent retrying one call; default 5 minutes. */
  readonly budgetMs?: number;
}

/** The call kept failing with transient errors for the whole budget. */
export class RetriesExhausted extends Error {
  constructor(
    readonly attempts: number,
    readonly last: unknown,
  ) {
    super(`gave up after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: ${errorText(last)}`);
  }
}

/**
 * Runs `call`, retrying transient failures (throttling, 5xx, dropped connections) with exponential backoff on the
 * given clock: 1 s, 2 s, 4 s … capped at 30 s, for at most `budgetMs`. Other errors are thrown at once. The
 * AWS SDK clients are built with `maxAttempts: 1` so that every wait happens here, on the clock the caller chose.
 *
 *   delays: 1000, 2000, 4000, 8000, 16000, 30000, 30000, …
 */
export async function retrying<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const started = options.clock.now();
  const budget = options.budgetMs ?? 5 * 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (options.signal?.aborted || !isTransient(error)) throw error;
      const delay = Math.min(30_000, 1000 * 2 ** (attempt - 1));
      if (options.clock.now() - started + delay > budget) throw new RetriesExhausted(attempt, error);
      options.onRetry?.(attempt, delay, error);
      await options.clock.sleep(delay, options.signal);
    }
  }
}
