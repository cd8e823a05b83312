import { type Octokit, statusOf } from './github-api.js';
import type { PullRequest } from './pull-request.js';

/** What became of the comment: written (with its URL), or not allowed (a fork's read-only token). */
export type CommentResult =
  | { readonly kind: 'created' | 'updated'; readonly url: string }
  | { readonly kind: 'forbidden'; readonly message: string }
  | { readonly kind: 'skipped' };

/**
 * Keeps one comment per pull request: finds the comment whose body starts with `marker` and updates it, else
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
    const ours = comments.find((c) => c.body?.startsWith(options.marker));
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
