import type { getOctokit } from '@actions/github';
import type { PullRequest } from './pull-request.js';

// The GitHub REST calls of plan mode, each one small function over an Octokit.

export type Octokit = ReturnType<typeof getOctokit>;

/** Paths the pull request adds, modifies or renames (removed files have nothing to plan), every page. */
export async function changedPaths(octokit: Octokit, pr: PullRequest): Promise<string[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return files.filter((f) => f.status !== 'removed').map((f) => f.filename);
}

/** A file's text at a commit, or undefined when it does not exist there (404). */
export async function fileAt(
  octokit: Octokit,
  pr: PullRequest,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner: pr.owner, repo: pr.repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** The HTTP status of an Octokit `RequestError`, if it is one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
