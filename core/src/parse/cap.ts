import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import { limits } from './limits.js';

/**
 * The first `max` findings (sorted by position) and, when there are more, one `too-many-findings` error at the
 * first one left out that counts them by code. A file with hundreds of findings is rarely the file meant; the
 * first ones are enough to act on, and the count says how much is left.
 *
 *   250 unknown keys → 200 `unknown-key` findings, then "… and 50 more findings (50 unknown-key) …"
 */
export function capFindings(sorted: readonly Diagnostic[], max: number = limits.maxFindings): Diagnostic[] {
  if (sorted.length <= max) return [...sorted];
  const rest = sorted.slice(max);
  const byCode = new Map<string, number>();
  for (const d of rest) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
  const codes = [...byCode]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
  const message = `and ${rest.length} more ${rest.length === 1 ? 'finding' : 'findings'} (${codes}) after the first ${max}, not shown: fix those first, or check that this is the rollout file meant`;
  const first = rest[0] as Diagnostic;
  return [...sorted.slice(0, max), report('too-many-findings', message, first.range)];
}
