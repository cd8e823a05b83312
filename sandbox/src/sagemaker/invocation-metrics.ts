import type { Route, TrafficSplit } from './traffic.js';

/** Requests a minute every serving endpoint receives, shared among its variants by weight. */
export const REQUESTS_PER_MINUTE = 600;
/** ModelLatency of every invocation: 20 ms, in the metric's unit. */
export const MODEL_LATENCY_MICROSECONDS = 20_000;
/** OverheadLatency of every invocation: 1.5 ms. */
export const OVERHEAD_LATENCY_MICROSECONDS = 1_500;

const MINUTE = 60_000;

/** From `at` on, `rate` (0–1) of the invocations of the matching variants answer 5XX (control API setErrorRate). */
export interface ErrorRate {
  at: number;
  endpoint: string;
  /** Absent: any variant. */
  variant?: string;
  /** Absent: any model. */
  model?: string;
  rate: number;
}

/** One variant's whole minute: its invocations and how many of them answered 5XX. */
export interface MinuteCount {
  /** Start of the minute, simulated ms. */
  at: number;
  invocations: number;
  errors: number;
}

/**
 * The invocations of `variant` in each minute starting in [from, to) (both on a minute), from the endpoint's
 * traffic splits and error rates. Expected requests accumulate from the first split (REQUESTS_PER_MINUTE × the
 * variant's share, by the millisecond), and a minute counts the whole requests the running total crossed in it, so
 * a fraction of a request a minute still adds up (1 % errors of 30 requests a minute: one error every 3 or 4
 * minutes) and a change inside a minute is shared by its seconds. Errors are counted the same way and never exceed the minute's invocations. A minute without
 * invocations is left out: SageMaker publishes a metric only for requests it served.
 *
 *   one split, weights 95/5, no error rate → each minute: the 5 % variant 30 invocations, 0 errors
 *   weights 1:1 moved to 0:1 at 09:00:30 → the second variant: minute 09:00 450, minute 09:01 600
 *   weights 3:1 moved to 1:1 at 09:01:05 → minute 09:01: 37.5 + 275 = 312.5 and 12.5 + 275 = 287.5 expected,
 *     counted 312 and 287 (whole requests only)
 */
export function minuteCounts(
  splits: readonly TrafficSplit[],
  rates: readonly ErrorRate[],
  variant: string,
  range: { from: number; to: number },
): MinuteCount[] {
  const first = splits[0]?.at;
  if (first === undefined) return [];
  const out: MinuteCount[] = [];
  const start = Math.max(range.from, Math.floor(first / MINUTE) * MINUTE);
  let total = expected(splits, rates, variant, first, start);
  for (let at = start; at < range.to; at += MINUTE) {
    const next = expected(splits, rates, variant, at, at + MINUTE);
    const invocations = whole(total.requests + next.requests) - whole(total.requests);
    const errors = whole(total.errors + next.errors) - whole(total.errors);
    total = { requests: total.requests + next.requests, errors: total.errors + next.errors };
    if (invocations > 0) out.push({ at, invocations, errors: Math.min(errors, invocations) });
  }
  return out;
}

/** The whole requests in a running total; the slack keeps 29.999999999 (a sum of float shares) at 30. */
const whole = (x: number) => Math.floor(x + 1e-9);

/** Expected requests (and errors among them) of `variant` in [from, to), piece by piece between changes. */
function expected(
  splits: readonly TrafficSplit[],
  rates: readonly ErrorRate[],
  variant: string,
  from: number,
  to: number,
): { requests: number; errors: number } {
  const cuts = [from, to, ...splits.map((s) => s.at), ...rates.map((r) => r.at)]
    .filter((t) => t >= from && t <= to)
    .sort((a, b) => a - b);
  let requests = 0;
  let errors = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    if (b <= a) continue;
    const split = splits.findLast((s) => s.at <= a);
    for (const route of split?.routes ?? []) {
      if (route.variant !== variant) continue;
      const n = (REQUESTS_PER_MINUTE * route.share * (b - a)) / MINUTE;
      requests += n;
      errors += n * errorRateAt(rates, route, a);
    }
  }
  return { requests, errors };
}

/** The rate of the latest setting that matches the route and applies at `at`; 0 when none does. */
function errorRateAt(rates: readonly ErrorRate[], route: Route, at: number): number {
  const set = rates.findLast(
    (r) =>
      r.at <= at &&
      (r.variant === undefined || r.variant === route.variant) &&
      (r.model === undefined || r.model === route.model),
  );
  return set?.rate ?? 0;
}
