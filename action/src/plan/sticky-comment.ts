import { type Octokit, statusOf } from './github-api.js';
import type { PullRequest } from './pull-request.js';

/** What became of the comment: written (with its URL), or not allowed (a fork's read-only token). */
export type CommentResult =
  | { readonly kind: 'created' | 'updated'; readonly url: string }
  | { readonly kind: 'forbidden'; readonly message: string }
  | { readonly kind: 'skipped' };

/**
 * Keeps one comment per pull request: finds our comment whose body starts with `marker` and updates it, else
 * creates it. With `createIfMissing: false` (nothing to report) an absent comment stays absent. A 403 on either
 * write is reported, not thrown: the caller falls back to the job summary.
 */
export async function upsertComment(
  octokit: Octokit,
  pr: PullRequest,
  options: { marker: string; body: string; createIfMissing: boolean },
): Promise<CommentResult> {
  const where = { owner: pr.owner, repo: pr.repo };
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...where,
      issue_number: pr.number,
      per_page: 100,
    });
    const ours = await ownMarked(octokit, comments, options.marker);
    if (ours !== undefined) {
      const { data } = await octokit.rest.issues.updateComment({
        ...where,
        comment_id: ours.id,
        body: options.body,
      });
      return { kind: 'updated', url: data.html_url };
    }
    if (!options.createIfMissing) return { kind: 'skipped' };
    const { data } = await octokit.rest.issues.createComment({
      ...where,
      issue_number: pr.number,
      body: options.body,
    });
    return { kind: 'created', url: data.html_url };
  } catch (error) {
    if (statusOf(error) === 403) return { kind: 'forbidden', message: (error as Error).message };
    throw error;
  }
}

type Comment = {
  readonly id: number;
  readonly body?: string;
  readonly user: { login: string; type: string } | null;
};

/**
 * The marked comment this token wrote. Anyone can post a body starting with the marker; updating theirs would put
 * the plan under their name, for them to edit. So only a bot's comment counts (the workflow token and GitHub App
 * tokens comment as bots), or, for a personal access token, one by the token's own user: `GET /user` answers for
 * those and refuses installation tokens. That lookup is made only when a user's comment carries the marker.
 */
async function ownMarked(octokit: Octokit, comments: readonly Comment[], marker: string) {
  const marked = comments.filter((c) => c.body?.startsWith(marker));
  const byBot = marked.find((c) => c.user?.type === 'Bot');
  if (byBot !== undefined || marked.length === 0) return byBot;
  const login = await octokit.rest.users.getAuthenticated().then(
    ({ data }) => data.login,
    () => undefined,
  );
  return login === undefined ? undefined : marked.find((c) => c.user?.login === login);
}
