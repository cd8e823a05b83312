import type { Octokit } from './github-api.js';

/**
 * How plan mode rides out GitHub's bad moments: a 5xx or a dropped connection is tried again after 1, 2, 4 s; a
 * rate limit (429, or 403 with `retry-after`, `x-ratelimit-remaining: 0` or "rate limit" in its message) is waited
 * out as GitHub asks when that is a minute or less. A `Retry-After` header sets the wait whenever GitHub sends one.
 */
export interface RetryPolicy {
  /** Tries per request, the first included. Default 4. */
  readonly attempts: number;
  /** Longest wait the action sits out for a rate limit, in ms. Default 60,000. */
  readonly maxWaitMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

const defaultPolicy: RetryPolicy = {
  attempts: 4,
  maxWaitMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: Date.now,
};

/** A GitHub call that failed for good: its status, and whether a rate limit refused it (not the token's rights). */
export class GitHubCallError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly rateLimited: boolean,
  ) {
    super(message);
  }
}

interface FailedCall {
  readonly status?: unknown;
  readonly message?: unknown;
  readonly request?: { readonly method?: string; readonly url?: string };
  readonly response?: { readonly headers?: Readonly<Record<string, string | undefined>> };
}

/**
 * Wraps every request of `octokit` (REST, pagination and GraphQL go through the same hook) in the retries above.
 * A comment's creation (`POST …/issues/{n}/comments`) is not tried again after a 5xx, which GitHub may answer
 * after it wrote the comment: the caller looks for it again instead (`upsertComment`). What finally fails is a
 * `GitHubCallError` naming the call, GitHub's answer and what to do.
 */
export function withRetries(octokit: Octokit, policy: RetryPolicy = defaultPolicy): Octokit {
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(options);
      } catch (error) {
        const call = error as FailedCall;
        const wait = retryWait(call, attempt, policy);
        if (wait === undefined) throw explained(call, policy);
        await policy.sleep(wait);
      }
    }
  });
  return octokit;
}

/** Milliseconds to wait before trying again, or undefined when the call has failed for good. */
export function retryWait(call: FailedCall, attempt: number, policy: RetryPolicy): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  const status = typeof call.status === 'number' ? call.status : undefined;
  const asked = askedWait(call, policy.now());
  if (isRateLimit(call))
    return asked !== undefined && asked > policy.maxWaitMs ? undefined : (asked ?? 60_000);
  if (status === undefined || status < 500 || !mayRepeat(call.request)) return undefined;
  return asked !== undefined && asked <= policy.maxWaitMs ? asked : 1000 * 2 ** (attempt - 1);
}

/** A refusal for rate, not for rights: GitHub's primary and secondary rate limits. */
export function isRateLimit(call: FailedCall): boolean {
  if (call.status === 429) return true;
  if (call.status !== 403) return false;
  const headers = call.response?.headers ?? {};
  return (
    headers['retry-after'] !== undefined ||
    headers['x-ratelimit-remaining'] === '0' ||
    /rate limit/i.test(String(call.message ?? ''))
  );
}

/** `Retry-After` (seconds), else the primary limit's reset (`x-ratelimit-reset`, epoch seconds), as a wait in ms. */
function askedWait(call: FailedCall, now: number): number | undefined {
  const headers = call.response?.headers ?? {};
  const after = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(after) && after >= 0) return after * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset))
    return Math.max(0, reset * 1000 - now);
  return undefined;
}

/** Every call but the creation of a comment reads or writes the same thing again (GraphQL's POST only reads). */
function mayRepeat(request: FailedCall['request']): boolean {
  const method = (request?.method ?? 'GET').toUpperCase();
  return method !== 'POST' || !/\/issues\/\d+\/comments(\?|$)/.test(request?.url ?? '');
}

function explained(call: FailedCall, policy: RetryPolicy): GitHubCallError {
  const status = typeof call.status === 'number' ? call.status : undefined;
  const what = `${(call.request?.method ?? 'GET').toUpperCase()} ${pathOf(call.request?.url)}`;
  const said = oneLine(String(call.message ?? 'no answer')).replace(/\.$/, '');
  if (isRateLimit(call)) {
    const wait = askedWait(call, policy.now());
    const until =
      wait === undefined
        ? ''
        : ` for ${Math.ceil(wait / 60_000)} min (until ${clockTime(policy.now() + wait)})`;
    return new GitHubCallError(
      `GitHub's API rate limit refused ${what}${until}: ${said}. Re-run the job once it has passed; the runs of ` +
        'one repository share the workflow token’s limit, so fewer concurrent runs help.',
      status,
      true,
    );
  }
  const answer = status === undefined || call.request === undefined ? 'no answer' : `${status}`;
  const tries =
    status !== undefined && status >= 500 && mayRepeat(call.request) ? ` after ${policy.attempts} tries` : '';
  return new GitHubCallError(`GitHub answered ${answer} to ${what}${tries}: ${said}`, status, false);
}

/** `/repos/o/r/pulls/7/files` from the full URL Octokit asked, without the query. */
function pathOf(url: string | undefined): string {
  if (url === undefined) return '(unknown)';
  try {
    return decodeURIComponent(new URL(url, 'https://api.github.com').pathname);
  } catch {
    return url;
  }
}

/** GitHub's answer as one line of at most 200 characters (a 5xx can be a whole HTML page). */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}
