import { type Octokit, statusOf } from './github-api.js';
import { GitHubCallError } from './github-retry.js';
import type { PullRequest } from './pull-request.js';

/** What became of the comment: written (with its URL), or not allowed (a fork's read-only token). */
export type CommentResult =
  | { readonly kind: 'created' | 'updated'; readonly url: string }
  | { readonly kind: 'forbidden'; readonly message: string }
  | { readonly kind: 'skipped' };

/**
 * Keeps one comment per pull request: finds our comment whose body starts with `marker` and updates it, else
 * creates it. With `createIfMissing: false` (nothing to report) an absent comment stays absent. Our own older
 * copies of it (two runs that both created one) are rewritten to point at the one kept, so no stale plan stays
 * on the pull request. A 403 on either write is reported, not thrown: the caller falls back to the job summary;
 * a rate limit is not a 403 of that kind and is thrown. A creation that GitHub answered with a 5xx may have been
 * written all the same, so the comments are read again before it is tried once more.
 */
export async function upsertComment(
  octokit: Octokit,
  pr: PullRequest,
  options: { marker: string; body: string; createIfMissing: boolean },
): Promise<CommentResult> {
  try {
    return await upsertOnce(octokit, pr, options).catch((error: unknown) => {
      if (!(error instanceof CreateFailed)) throw error;
      return upsertOnce(octokit, pr, options).catch((again: unknown) => {
        throw again instanceof CreateFailed ? again.cause : again;
      });
    });
  } catch (error) {
    if (statusOf(error) === 403 && !(error instanceof GitHubCallError && error.rateLimited))
      return { kind: 'forbidden', message: (error as Error).message };
    throw error;
  }
}

/** A comment's creation that failed with a 5xx or no answer: it may exist all the same. */
class CreateFailed extends Error {}

async function upsertOnce(
  octokit: Octokit,
  pr: PullRequest,
  options: { marker: string; body: string; createIfMissing: boolean },
): Promise<CommentResult> {
  const where = { owner: pr.owner, repo: pr.repo };
  const comments = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    ...where,
    issue_number: pr.number,
    per_page: 100,
  });
  const [ours, ...copies] = await ownMarked(octokit, comments, options.marker);
  if (ours !== undefined) {
    const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      ...where,
      comment_id: ours.id,
      body: options.body,
    });
    for (const copy of copies)
      await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...where,
        comment_id: copy.id,
        body: supersededBody(data.html_url),
      });
    return { kind: 'updated', url: data.html_url };
  }
  if (!options.createIfMissing) return { kind: 'skipped' };
  try {
    const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...where,
      issue_number: pr.number,
      body: options.body,
    });
    return { kind: 'created', url: data.html_url };
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined || status >= 500)
      throw new CreateFailed('comment not created', { cause: error });
    throw error;
  }
}

/**
 * What an older copy of the sticky comment becomes: a pointer to the one kept, without the marker, so that it is
 * never taken for the plan again.
 */
export function supersededBody(url: string): string {
  return `<sub>An earlier copy of the Shiftwise plan comment, out of date: the plan is kept up to date [in this comment](${url}).</sub>\n`;
}

type Comment = {
  readonly id: number;
  readonly body?: string;
  readonly user: { login: string; id?: number; type?: string } | null;
};

/** Who the token is: its login and, when GitHub says, the account's numeric ID (REST `user.id` of its comments). */
interface Identity {
  readonly login: string;
  readonly id?: number;
}

/**
 * The marked comments this token wrote. Anyone can post a body starting with the marker, another bot or app too;
 * updating theirs would put our plan under their name, or theirs under ours. So a marked comment counts only when
 * its author is the token's own account: GraphQL's `viewer` answers for every kind of token (a personal access
 * token's user; `github-actions[bot]` for the workflow token; `<app>[bot]` for a GitHub App installation token,
 * which `GET /user` refuses), and `GET /user` is asked only when GraphQL is not available. When neither says who
 * the token is, no comment is ours: the caller creates a new one rather than update someone else's. The lookup is
 * made only when a comment carries the marker. Oldest first, as GitHub lists them: the first is the one kept.
 */
async function ownMarked(octokit: Octokit, comments: readonly Comment[], marker: string): Promise<Comment[]> {
  const marked = comments.filter((c) => c.body?.startsWith(marker));
  if (marked.length === 0) return [];
  const me = await tokenIdentity(octokit);
  return me === undefined ? [] : marked.filter((c) => c.user !== null && isAuthor(c.user, me));
}

/**
 * The comment's author is the token's account: the same numeric ID when both are known, else the same login,
 * where a bot's REST login `name[bot]` equals GraphQL's `name`.
 */
function isAuthor(user: NonNullable<Comment['user']>, me: Identity): boolean {
  if (user.id !== undefined && me.id !== undefined) return user.id === me.id;
  const bare = (login: string) => login.replace(/\[bot\]$/, '').toLowerCase();
  return user.login === me.login || (user.type === 'Bot' && bare(user.login) === bare(me.login));
}

async function tokenIdentity(octokit: Octokit): Promise<Identity | undefined> {
  const viewer = await octokit
    .graphql<{ viewer?: { login?: unknown; databaseId?: unknown } }>('query { viewer { login databaseId } }')
    .then(
      ({ viewer }) => viewer,
      () => undefined,
    );
  if (typeof viewer?.login === 'string' && viewer.login !== '')
    return { login: viewer.login, ...(typeof viewer.databaseId === 'number' && { id: viewer.databaseId }) };
  return octokit.request('GET /user').then(
    ({ data }) => ({ login: data.login, ...(typeof data.id === 'number' && { id: data.id }) }),
    () => undefined,
  );
}
