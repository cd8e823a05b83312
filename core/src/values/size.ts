import type { Size } from '../model.js';

/**
 * Sizes (docs/rollout-file.md): an integer is a count of instances (replicas on Vertex AI); a string `'25%'` is a
 * whole percent of the new fleet's capacity. Bounds are the rules' business; this only reads the form.
 *
 *   3 → count 3;  '25%' → percent 25;  '0%' → percent 0
 */
export type SizeResult =
  | { readonly ok: true; readonly size: Size }
  | { readonly ok: false; readonly message: string; readonly suggestion?: string | number };

const forms = "a size is a whole count of instances (2) or a whole percent of capacity ('25%')";
// Past 2^53 − 1 a number is no longer exact (and 1e400 is Infinity): no size is near, so no fix is offered.
const tooLarge =
  'too large for a size; a count is at most the fleet and a percent at most 100%: write the count or percent meant';

/**
 * Reads `value`; `written` is its text as the file writes it (`99999999999999999999`, which reads as 1e20), so a
 * message quotes what the user wrote. Default: the value's own text.
 */
export function parseSize(value: unknown, written: string = String(value)): SizeResult {
  if (typeof value === 'number') {
    if (Number.isNaN(value) || value < 0) return { ok: false, message: `${written} is not a size; ${forms}` };
    if (!Number.isInteger(value) && Number.isFinite(value)) {
      return { ok: false, message: `${written} is not a whole count of instances; ${forms}` };
    }
    if (!Number.isSafeInteger(value)) return { ok: false, message: `${written} is ${tooLarge}` };
    return { ok: true, size: { kind: 'count', count: value } };
  }
  if (typeof value !== 'string') return { ok: false, message: forms };
  const m = /^(\d+)%$/.exec(value);
  if (m !== null && Number.isSafeInteger(Number(m[1]))) {
    return { ok: true, size: { kind: 'percent', percent: Number(m[1]) } };
  }
  const t = value.trim();
  if (/^\d+$/.test(t)) {
    return {
      ok: false,
      message: `'${value}' is a string; write ${t} for ${t === '1' ? '1 instance' : `${t} instances`} or '${t}%' for a percent`,
      suggestion: Number(t),
    };
  }
  const near = /^(\d+)\s*(?:%|percent|pct)$/i.exec(t);
  // A percent of more digits than a number holds is no near miss: writing it as '…%' would change nothing.
  if (near !== null && !Number.isSafeInteger(Number(near[1])))
    return { ok: false, message: `'${value}' is ${tooLarge}` };
  if (near !== null) {
    return { ok: false, message: `'${value}' is not a size; write '${near[1]}%'`, suggestion: `${near[1]}%` };
  }
  const fraction = /^(\d+)\.(\d+)\s*%$/.exec(t);
  if (fraction !== null) {
    const p = Math.round(Number(`${fraction[1]}.${fraction[2]}`));
    if (!Number.isSafeInteger(p)) return { ok: false, message: `'${value}' is ${tooLarge}` };
    return { ok: false, message: `'${value}' is not a whole percent; write '${p}%'`, suggestion: `${p}%` };
  }
  return { ok: false, message: `'${value}' is not a size; ${forms}` };
}

/** A size as the file writes it: count 3 → `3`, percent 25 → `25%`. */
export function formatSize(size: Size): string {
  return size.kind === 'count' ? String(size.count) : `${size.percent}%`;
}
