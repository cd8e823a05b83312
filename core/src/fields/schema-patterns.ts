/**
 * Regular expressions that carry a bound into the JSON Schema, for editors that know only the schema: a whole
 * percent in a range (`'1%'`–`'50%'`) and a duration string whose value cannot exceed a maximum or fall below a
 * minimum where a pattern can say so cleanly. Every pattern accepts at least what the reader and rules accept
 * (leading zeros included), so the schema never rejects a file Shiftwise accepts; what a pattern cannot say is
 * left to the rules (docs/schema.md lists it).
 */

/** `90s`, `10m`, `1h`, `1h30m`: hours, minutes, seconds in that order, at least one. Any value. */
export const durationPattern = '^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?$';
/** A whole percent of any size. */
export const percentPattern = '^[0-9]+%$';

/**
 * The decimal numbers `lo`–`hi` (no leading zeros) as one alternation; `hi` undefined: no upper bound.
 *
 *   integerRange(1, 50) → '(?:[1-9]|[1-4][0-9]|50)';  integerRange(10, undefined) → '(?:[1-9][0-9]|[1-9][0-9]{2,})'
 */
export function integerRange(lo: number, hi: number | undefined): string {
  const parts: string[] = [];
  const top = hi ?? Number.POSITIVE_INFINITY;
  const maxDigits = hi === undefined ? String(lo).length + 1 : String(hi).length;
  for (let digits = String(lo).length; digits <= maxDigits; digits++) {
    const first = digits === 1 ? 0 : 10 ** (digits - 1);
    const last = 10 ** digits - 1;
    const from = Math.max(lo, first);
    if (hi === undefined && digits === maxDigits) {
      // Every number with this many digits or more (all of them are above `lo`).
      parts.push(`[1-9][0-9]{${digits - 1},}`);
      break;
    }
    const to = Math.min(top, last);
    if (from <= to) parts.push(...sameLength(String(from), String(to)));
  }
  return `(?:${parts.join('|')})`;
}

/** Numbers from `lo` to `hi`, both with the same number of digits, as alternatives. */
function sameLength(lo: string, hi: string): string[] {
  if (lo === hi) return [lo];
  const a = lo[0] as string;
  const b = hi[0] as string;
  const rest = lo.length - 1;
  if (a === b) return sameLength(lo.slice(1), hi.slice(1)).map((p) => a + p);
  const out: string[] = [];
  let from = Number(a);
  let to = Number(b);
  if (!/^0*$/.test(lo.slice(1))) {
    out.push(...sameLength(lo.slice(1), '9'.repeat(rest)).map((p) => a + p));
    from++;
  }
  const upper = /^9*$/.test(hi.slice(1)) ? [] : sameLength('0'.repeat(rest), hi.slice(1)).map((p) => b + p);
  if (upper.length > 0) to--;
  if (from <= to) out.push(digit(from, to) + tail(rest));
  out.push(...upper);
  return out;
}

function digit(from: number, to: number): string {
  return from === to ? String(from) : `[${from}-${to}]`;
}

function tail(n: number): string {
  if (n === 0) return '';
  return n === 1 ? '[0-9]' : `[0-9]{${n}}`;
}

/** A whole number `lo`–`hi` as a file may write it (leading zeros allowed). */
function written(lo: number, hi: number | undefined): string {
  return `0*${integerRange(lo, hi)}`;
}

/**
 * A whole percent `min`–`max` (`'1%'`–`'50%'`).
 *
 *   percentRangePattern(10, 50) matches '10%', '050%'; not '60%', '9%', '10.5%'
 */
export function percentRangePattern(min: number, max: number): string {
  return `^${written(min, max)}%$`;
}

const units = [
  { unit: 'h', seconds: 3600 },
  { unit: 'm', seconds: 60 },
  { unit: 's', seconds: 1 },
] as const;

/**
 * A duration string of `min`–`max` seconds, as exact as a pattern stays readable: a string of one unit (`2h`,
 * `90m`, `5400s`) is held to both bounds exactly; a string of two or three units (`1h30m`) only to the maximum
 * of each unit on its own (`1h59m` passes a 1h maximum; the rules flag it), and not to the minimum.
 *
 *   durationRangePattern(0, 3600): '10m', '1h', '3600s' match; '2h', '61m', '3601s' do not
 */
export function durationRangePattern(min: number, max: number | undefined): string {
  const single = units.flatMap(({ unit, seconds }) => {
    const lo = Math.ceil(min / seconds);
    const hi = max === undefined ? undefined : Math.floor(max / seconds);
    return hi !== undefined && hi < lo ? [] : [`${written(lo, hi)}${unit}`];
  });
  const [h, m, s] = units.map(({ unit, seconds }) => {
    const hi = max === undefined ? undefined : Math.floor(max / seconds);
    return `${written(0, hi)}${unit}`;
  });
  const several = [`${h}${m}(?:${s})?`, `${h}${s}`, `${m}${s}`];
  return `^(?:${[...single, ...several].join('|')})$`;
}

/** `'manual'` or a duration string of `min`–`max` seconds (a timed pause). */
export function pauseRangePattern(min: number, max: number | undefined): string {
  return `^(?:manual|${durationRangePattern(min, max).slice(4, -2)})$`;
}
