/**
 * Paging by index, as the sandbox's List and Describe operations page: the NextToken it gives is the index of the
 * next row. One place for every service; each refuses a token it never gave in its own words (`refused`).
 *
 *   indexPage(rows, indexToken('10', refused), 10) → { page: rows[10..19], next: { NextToken: '20' } } (if more)
 */
export function indexToken(token: string | undefined, refused: () => Error): number {
  if (token === undefined) return 0;
  if (!/^(0|[1-9][0-9]{0,8})$/.test(token)) throw refused();
  return Number(token);
}

/** The `max` rows from `start`, and the token of the next page when rows remain. */
export function indexPage<T>(
  rows: readonly T[],
  start: number,
  max: number,
): { page: T[]; next: { NextToken?: string } } {
  return {
    page: rows.slice(start, start + max),
    next: start + max < rows.length ? { NextToken: String(start + max) } : {},
  };
}
