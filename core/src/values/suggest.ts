/**
 * "Did you mean" for keys and enum values: the candidate nearest to `input`, if near enough.
 * Case, `-`, `_` and spaces are ignored first (`endpoint_config` → `endpointConfig`, `AllAtOnce` →
 * `all-at-once`); otherwise the edit distance must be at most a third of the longer word (at least 1).
 */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  const folded = fold(input);
  const same = candidates.find((c) => fold(c) === folded);
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(folded, fold(c));
    const allowed = Math.max(1, Math.floor(Math.max(folded.length, c.length) / 3));
    if (d <= allowed && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, '');
}

/** Levenshtein distance with two rows; inputs longer than 64 characters are never near anything. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
