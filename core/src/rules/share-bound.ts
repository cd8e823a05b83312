import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import type { Size } from '../model.js';
import { countAboveFleet, fleetWords, plural, replaceFix, sizeWords, valueAt } from './helpers.js';
import type { RuleContext } from './rule.js';

/** The share of capacity a step may take: canary 1–50%, linear 10–50%, rolling 5–50% (docs/rules.md). */
export interface ShareBound {
  readonly code: string;
  readonly path: string;
  /** `a canary`, `a linear step`, `a rolling batch`. */
  readonly what: string;
  readonly minPercent: number;
  readonly maxPercent: number;
  /**
   * The fewest instances a count may be, when the API bounds counts by that rather than by `minPercent` of the
   * fleet: a canary of 1 instance is 0.7% of 150, and SageMaker takes it. Default: `minPercent` of the capacity.
   */
  readonly minCount?: number;
  /** What to do when the capacity is too small for any size. */
  readonly tooSmall: string;
}

/**
 * Checks a size against its share bound: a percent must lie in [min, max]; a count must be at least 1
 * and at most the largest fleet (`maxFleet`) and, when the capacity is known, lie in [ceil(capacity·min%), floor(capacity·max%)] instances.
 *
 *   linear, capacity 5: counts 1–2 (20–40%);  canary, capacity 4: counts 1–2;  canary, capacity 1: none
 */
export function checkShare(context: RuleContext, size: Size, bound: ShareBound): Diagnostic[] {
  const range = valueAt(context, bound.path);
  if (range === undefined) return [];
  const tooMany = countAboveFleet(context, bound.code, bound.path, size);
  if (tooMany.length > 0) return tooMany;
  const { capacity } = context;
  const { unit, field } = fleetWords(context.rollout);
  const range_ = `${bound.minPercent}–${bound.maxPercent}%`;
  if (capacity !== undefined && capacity >= 1) {
    const lo = Math.max(1, bound.minCount ?? Math.ceil((capacity * bound.minPercent) / 100));
    const hi = Math.floor((capacity * bound.maxPercent) / 100);
    if (hi < lo) {
      const message = `${field} ${capacity} is too small for ${bound.what}: ${range_} of ${plural(capacity, unit)} is no whole ${unit}; ${bound.tooSmall}`;
      return [report(bound.code, message, range)];
    }
    if (size.kind === 'count' && (size.count < lo || size.count > hi)) {
      const share = shareWords(size.count, capacity, bound);
      const clamped = Math.min(hi, Math.max(lo, size.count));
      const message = `'${bound.path}' ${plural(size.count, unit)} is ${share} of ${field} ${capacity}; ${bound.what} must be ${range_} of ${field}: ${lo === hi ? plural(lo, unit) : `${lo}–${plural(hi, unit)}`}`;
      return [report(bound.code, message, range, replaceFix(context, bound.path, clamped))];
    }
  }
  if (size.kind === 'count' && size.count < 1) {
    const message = `'${bound.path}' is ${plural(0, unit)}; ${bound.what} needs at least ${plural(1, unit)} (or a percent, ${range_})`;
    return [report(bound.code, message, range, replaceFix(context, bound.path, 1))];
  }
  if (size.kind === 'percent' && (size.percent < bound.minPercent || size.percent > bound.maxPercent)) {
    const clamped = Math.min(bound.maxPercent, Math.max(bound.minPercent, size.percent));
    const side =
      size.percent > bound.maxPercent ? `above ${bound.maxPercent}%` : `below ${bound.minPercent}%`;
    const message = `'${bound.path}' ${sizeWords(size, unit)} is ${side}; ${bound.what} must be ${range_} of ${field}: use ${clamped}%`;
    return [report(bound.code, message, range, replaceFix(context, bound.path, `${clamped}%`))];
  }
  return [];
}

/**
 * A count's share of the capacity, out of the bound it breaks, with as few decimals as show that: whole percents
 * where they do, never rounded to 0% or onto the bound itself.
 *
 *   1 of 10000 → '0.01%';  1 of 150 → '0.7%';  2 of 21, bound 10–50% → '9.5%' (not 10%);  3 of 4 → '75%'
 */
export function shareWords(
  count: number,
  capacity: number,
  bound: Pick<ShareBound, 'minPercent' | 'maxPercent'>,
): string {
  const exact = (count / capacity) * 100;
  if (exact > 0 && exact < 1) return `${Number(exact.toPrecision(1))}%`;
  for (let decimals = 0; decimals < 4; decimals++) {
    const shown = Number(exact.toFixed(decimals));
    if (shown !== 0 && (shown < bound.minPercent || shown > bound.maxPercent)) return `${shown}%`;
  }
  return `${Number(exact.toPrecision(2))}%`;
}
