import { validation } from '../errors.js';
import { indexPage, indexToken } from '../http/index-paging.js';
import { type Json, oneOf, optionalInteger, optionalString } from '../http/input.js';

/** What a List operation sorts and filters a row by. */
export interface Listed {
  readonly name: string;
  readonly status: string;
  readonly created: number;
}

/**
 * The common part of SageMaker's List operations: NameContains and StatusEquals filters, SortBy (Name,
 * CreationTime, Status), SortOrder (default Descending), MaxResults (1–100, default 10) and a NextToken that is
 * the next row's index. Returns the page and the token for the next one, if any.
 */
export function listPage<T>(
  input: Json,
  rows: readonly T[],
  keysOf: (row: T) => Listed,
  statuses: readonly string[],
): { page: T[]; next: { NextToken?: string } } {
  const sortBy = oneOf(
    optionalString(input, 'SortBy') ?? 'CreationTime',
    ['Name', 'CreationTime', 'Status'],
    'sortBy',
  );
  const order = oneOf(
    optionalString(input, 'SortOrder') ?? 'Descending',
    ['Ascending', 'Descending'],
    'sortOrder',
  );
  const max = optionalInteger(input, 'MaxResults', '', { min: 1, max: 100 }) ?? 10;
  const contains = optionalString(input, 'NameContains', '', { max: 63 });
  const status = optionalString(input, 'StatusEquals');
  if (status !== undefined) oneOf(status, statuses, 'statusEquals');
  const token = optionalString(input, 'NextToken');
  const start = indexToken(token, () => validation(`Invalid pagination token: ${token}.`));
  const key = (row: T) => {
    const k = keysOf(row);
    return sortBy === 'Name' ? k.name : sortBy === 'Status' ? k.status : k.created;
  };
  const filtered = rows
    .filter((r) => {
      const k = keysOf(r);
      return (
        (contains === undefined || k.name.includes(contains)) && (status === undefined || k.status === status)
      );
    })
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (order === 'Ascending' ? 1 : -1));
  return indexPage(filtered, start, max);
}
