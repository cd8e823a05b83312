import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type RetryPolicy, retryWait } from '../src/plan/github-retry.js';

// How long plan mode waits before it asks GitHub again, or undefined: the call has failed for good.

const now = 1_700_000_000_000;
const policy: RetryPolicy = { attempts: 4, maxWaitMs: 60_000, sleep: async () => {}, now: () => now };
const get = { method: 'GET', url: 'https://api.github.com/repos/o/r/pulls/7/files?per_page=100' };
const create = { method: 'POST', url: 'https://api.github.com/repos/o/r/issues/7/comments' };
const graphql = { method: 'POST', url: 'https://api.github.com/graphql' };
const headers = (h: Record<string, string>) => ({ response: { headers: h } });

// [name, failed call, attempt, wait in ms or undefined]
const rows: [string, Parameters<typeof retryWait>[0], number, number | undefined][] = [
  ['a 502 on a read, first try: 1 s', { status: 502, request: get }, 1, 1000],
  ['a 502 on a read, third try: 4 s', { status: 502, request: get }, 3, 4000],
  ['a 502 on a read, fourth try: failed', { status: 502, request: get }, 4, undefined],
  [
    'a 503 with Retry-After: 3 → 3 s',
    { status: 503, request: get, ...headers({ 'retry-after': '3' }) },
    1,
    3000,
  ],
  ['a dropped connection (Octokit says 500, no answer)', { status: 500, request: get }, 1, 1000],
  ['GraphQL is a POST that only reads: tried again', { status: 502, request: graphql }, 1, 1000],
  ["a comment's creation after a 5xx: not repeated blindly", { status: 502, request: create }, 1, undefined],
  ['a 404: failed', { status: 404, request: get }, 1, undefined],
  [
    'a 403 of rights: failed',
    { status: 403, message: 'Resource not accessible by integration', request: get },
    1,
    undefined,
  ],
  ['a 429 without headers: a minute', { status: 429, request: get }, 1, 60_000],
  ['a 429 with Retry-After: 0', { status: 429, request: get, ...headers({ 'retry-after': '0' }) }, 1, 0],
  [
    "a secondary limit's 403 on a comment's creation: waited out (nothing was written)",
    {
      status: 403,
      message: 'You have exceeded a secondary rate limit',
      request: create,
      ...headers({ 'retry-after': '5' }),
    },
    1,
    5000,
  ],
  [
    'the primary limit, reset in 20 s',
    {
      status: 403,
      request: get,
      ...headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 20) }),
    },
    1,
    20_000,
  ],
  [
    'the primary limit, reset in 30 min: failed at once',
    {
      status: 403,
      request: get,
      ...headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 1800) }),
    },
    1,
    undefined,
  ],
];

for (const [name, call, attempt, wait] of rows)
  test(`retryWait: ${name}`, () => {
    assert.equal(retryWait(call, attempt, policy), wait);
  });
