import type { Diagnostic, Fix } from '../diagnostics/diagnostic.js';
import { isFlowText, replace, valueText } from '../diagnostics/edits.js';
import { report } from '../diagnostics/report.js';
import type { Rollout, Size } from '../model.js';
import { maxFleet } from '../plan/bounds.js';
import type { Range } from '../source/range.js';
import { canonicalDuration } from '../values/duration.js';
import type { RuleContext } from './rule.js';

/** The range of the value at `path`; rules report nothing for values the file does not state. */
export function valueAt(context: RuleContext, path: string): Range | undefined {
  return context.source.get(path)?.value;
}

/** The value's text as written: `10m`, `'25%'`, `600`. */
export function sourceText(context: RuleContext, path: string): string {
  const range = valueAt(context, path);
  return range === undefined ? '' : context.text.slice(range.start, range.end);
}

/** A fix replacing the value at `path` with `value`, written as this file writes values. */
export function replaceFix(
  context: RuleContext,
  path: string,
  value: string | number,
  title?: string,
): Fix[] {
  const range = valueAt(context, path);
  if (range === undefined) return [];
  const text = valueText(value, isFlowText(context.text));
  return [{ title: title ?? `Change to ${text}`, edits: [replace(range, text)] }];
}

/** A duration written in the style of the value it replaces: seconds stay seconds, `10m` stays a string. */
export function durationValue(context: RuleContext, path: string, seconds: number): string | number {
  return /^\d+$/.test(sourceText(context, path)) ? seconds : canonicalDuration(seconds);
}

/** A size as the file writes it: count 2 → `2`, percent 25 → `'25%'`. */
export function sizeValue(size: Size): string | number {
  return size.kind === 'count' ? size.count : `${size.percent}%`;
}

/** `25%` or `2 instances`, for messages. */
export function sizeWords(size: Size, unit = 'instance'): string {
  return size.kind === 'percent' ? `${size.percent}%` : plural(size.count, unit);
}

/** `1 instance`, `3 instances`, `2 copies`. */
export function plural(n: number, unit: string): string {
  if (n === 1) return `${n} ${unit}`;
  return `${n} ${unit === 'copy' ? 'copies' : `${unit}s`}`;
}

/** How the rules name a rollout's fleet: its member, and the field that counts them. */
export interface FleetWords {
  /** `instance` (SageMaker endpoints), `copy` (inference components), `replica` (Vertex AI). */
  readonly unit: string;
  /** The file's field for the fleet's size: `capacity`, or `copies` for an inference component. */
  readonly field: 'capacity' | 'copies';
}

export function fleetWords(rollout: Rollout): FleetWords {
  if (rollout.provider === 'vertex-ai') return { unit: 'replica', field: 'capacity' };
  return rollout.target.kind === 'inferenceComponent'
    ? { unit: 'copy', field: 'copies' }
    : { unit: 'instance', field: 'capacity' };
}

/** Seconds in words: `600 s (10m)`, `45 s`. */
export function secondsWords(seconds: number): string {
  return seconds >= 60 ? `${seconds} s (${canonicalDuration(seconds)})` : `${seconds} s`;
}

/**
 * A duration bound check shared by `bake-range`, `termination-wait` and `timeout-range`: reports the value at
 * `path` when it lies outside [min, max], with a fix that clamps it to the nearer bound.
 */
export function durationRange(
  context: RuleContext,
  code: string,
  path: string,
  seconds: number | undefined,
  bound: { readonly min: number; readonly max: number; readonly what: string },
): Diagnostic[] {
  const range = valueAt(context, path);
  if (seconds === undefined || range === undefined) return [];
  if (seconds >= bound.min && seconds <= bound.max) return [];
  const clamped = Math.min(bound.max, Math.max(bound.min, seconds));
  const side =
    seconds > bound.max ? `at most ${secondsWords(bound.max)}` : `at least ${secondsWords(bound.min)}`;
  const message = `'${path}' is ${secondsWords(seconds)}; ${bound.what} must be ${side} (range ${bound.min}–${bound.max} s)`;
  return [report(code, message, range, replaceFix(context, path, durationValue(context, path, clamped)))];
}

/**
 * A count beyond the largest fleet (`maxFleet`, 10,000): no step, batch or surge can be larger than the fleet, and
 * the bound keeps every count a valid 32-bit API integer (CapacitySizeValue, maxSurgeReplicas). The fix clamps.
 *
 *   `strategy.batch` 2147483648 → error, use 10000;  `strategy.batch` 2 → none
 */
export function countAboveFleet(context: RuleContext, code: string, path: string, size: Size): Diagnostic[] {
  const range = valueAt(context, path);
  if (range === undefined || size.kind !== 'count' || size.count <= maxFleet) return [];
  const { unit } = fleetWords(context.rollout);
  const message = `'${path}' is ${plural(size.count, unit)}; a count is at most ${plural(maxFleet, unit)}, the largest fleet Shiftwise plans: write the count meant, or a percent`;
  return [report(code, message, range, replaceFix(context, path, maxFleet))];
}
