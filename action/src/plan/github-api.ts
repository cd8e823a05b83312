import type { getOctokit } from '@actions/github';
import type { PullRequest } from './pull-request.js';

// The GitHub REST calls of plan mode, each one small function over an Octokit.

/**
 * `getOctokit`'s client without `octokit.rest`: calls name their route (`octokit.request('GET /user')`), which is
 * as typed, so the action's bundle leaves out the plugin behind `rest` (83 kB that every plan-mode run would
 * parse; scripts/build.mjs, `withoutRestMethods`).
 */
export type Octokit = Omit<ReturnType<typeof getOctokit>, 'rest'>;

/** A file the pull request changes: its path, and where the base branch has it (another path when renamed). */
export interface ChangedFile {
  readonly path: string;
  readonly basePath: string;
  /** Deleted by the pull request: nothing to plan, but worth saying. */
  readonly removed?: boolean;
}

/**
 * Files the pull request changes, every page. A renamed file is compared with its old path on the base branch,
 * so the diff shows what changed, not "new file".
 */
export async function changedFiles(octokit: Octokit, pr: PullRequest): Promise<ChangedFile[]> {
  const files = await octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return files.map((f) => ({
    path: f.filename,
    basePath: f.previous_filename ?? f.filename,
    ...(f.status === 'removed' && { removed: true }),
  }));
}

/** A file's text at a commit, or undefined when it does not exist there (404). */
export async function fileAt(
  octokit: Octokit,
  pr: PullRequest,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: pr.owner,
      repo: pr.repo,
      path,
      ref,
    });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    // GitHub answers a symbolic link to a file with the target's content; its `path` is then not the one asked.
    if (data.path !== path) return undefined;
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
