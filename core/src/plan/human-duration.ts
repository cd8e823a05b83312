/**
 * Seconds as people read them in a plan: the non-zero parts of hours, minutes and seconds.
 *
 *   0 → "0 s";  45 → "45 s";  90 → "1 min 30 s";  1500 → "25 min";  5400 → "1 h 30 min";  28800 → "8 h"
 */
export function humanDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const parts = [h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean);
  return parts.length === 0 ? '0 s' : parts.join(' ');
}
