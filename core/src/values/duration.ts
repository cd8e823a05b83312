/**
 * Durations (docs/rollout-file.md): an integer is seconds; a string is hours, minutes and seconds in that order,
 * each optional, at least one present: `90s`, `10m`, `1h`, `1h30m`, `2m30s`.
 *
 *   600 → 600;  '10m' → 600;  '1h30m' → 5400;  '90s' → 90;  '0s' → 0
 */
export type DurationResult =
  | { readonly ok: true; readonly seconds: number }
  | { readonly ok: false; readonly message: string; readonly suggestion?: string | number };

const form = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const examples = "a duration is seconds (600) or a string like '90s', '10m', '1h30m'";
// Past 2^53 − 1 seconds a number is no longer exact (and 1e400 is Infinity): no duration is near, so no fix.
const tooLarge =
  "too large for a duration; write the time meant in seconds (600) or hours and minutes ('1h30m')";

/**
 * Reads `value`; `written` is its text as the file writes it (`99999999999999999999`, which reads as 1e20), so a
 * message quotes what the user wrote. Default: the value's own text.
 */
export function parseDuration(value: unknown, written: string = String(value)): DurationResult {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { ok: false, message: `${written} is not a duration; ${examples}` };
    if (value < 0) return { ok: false, message: `a duration cannot be negative (${written}); ${examples}` };
    if (!Number.isInteger(value) && Number.isFinite(value)) {
      const s = Math.round(value);
      return { ok: false, message: `${written} is not whole seconds; write ${s}`, suggestion: s };
    }
    if (!Number.isSafeInteger(value)) return { ok: false, message: `${written} is ${tooLarge}` };
    return { ok: true, seconds: value };
  }
  if (typeof value !== 'string') return { ok: false, message: examples };
  const m = form.exec(value);
  if (m !== null && value !== '') {
    const [, h = '0', min = '0', s = '0'] = m;
    const seconds = Number(h) * 3600 + Number(min) * 60 + Number(s);
    if (Number.isSafeInteger(seconds)) return { ok: true, seconds };
    return { ok: false, message: `'${value}' is ${tooLarge}` };
  }
  const guess = lenientSeconds(value);
  if (guess !== undefined) {
    const canonical = canonicalDuration(guess);
    return {
      ok: false,
      message: `'${value}' is not a duration; write ${guess} or '${canonical}' (${examples})`,
      suggestion: guess >= 60 ? canonical : guess,
    };
  }
  return { ok: false, message: `'${value}' is not a duration; write 600, '10m' or '1h30m' (${examples})` };
}

/**
 * Whole seconds as a rollout file writes a duration (what fixes insert and messages suggest), largest units
 * first; `parseDuration` reads it back. For people, `humanDuration` says `1 h 30 min` instead.
 *
 *   600 → '10m';  5400 → '1h30m';  90 → '1m30s';  0 → '0s'
 */
export function canonicalDuration(seconds: number): string {
  if (seconds <= 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

const units: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  // No duration is written in days, but a bound is (`steps` time out within 7 days): '7 days' means '168h'.
  d: 86_400,
  day: 86_400,
  days: 86_400,
};

/**
 * What a near-miss like '10 min', '1.5h', '90S', '7 days' or '600' most likely means, in whole seconds. Days count
 * only whole ('1d' → 86400, written '24h'): '1.5d' is left unguessed.
 */
function lenientSeconds(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)\s*/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t.replace(/^\s+/, '')) return undefined;
  let total = 0;
  for (const [, n, unit] of parts) {
    const factor = Object.hasOwn(units, unit as string) ? units[unit as string] : undefined;
    if (factor === undefined || (factor === units.d && !Number.isInteger(Number(n)))) return undefined;
    total += Number(n) * factor;
  }
  return Number.isSafeInteger(Math.round(total)) ? Math.round(total) : undefined;
}
