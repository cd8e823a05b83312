import type { getOctokit } from '@actions/github';
import { type DecodedText, decodeUtf8, type NotUtf8 } from '@shiftwise/core';
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

/** The most files GitHub lists for a pull request: the files API stops there, whatever the pull request changes. */
export const listedFilesCap = 3000;

/**
 * Files the pull request changes, every page (up to `listedFilesCap`). A renamed file is compared with its old path on the base branch,
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

/**
 * A file's text at a commit (the contents API), as `readWorkspaceFile` reads the checkout: its text, absent (404),
 * or refused when the path is not a regular file there. GitHub follows a symbolic link to a file of the repository
 * and answers the target (whose `path` is then not the one asked); a link to anything else is `type: symlink`, a
 * folder an array, a submodule `type: submodule`.
 *
 *   rollouts/a.rollout.yaml (a file)                      → { kind: 'text', text }
 *   rollouts/a.rollout.yaml → ../deploy/.env.yaml          → { kind: 'refused', reason: 'it is a symbolic link …' }
 *   rollouts/a.rollout.yaml → /proc/self/environ           → { kind: 'refused', reason: 'it is a symbolic link …' }
 *   not at that commit                                     → { kind: 'absent' }
 */
export async function fileAt(octokit: Octokit, pr: PullRequest, path: string, ref: string): Promise<FileAt> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: pr.owner,
      repo: pr.repo,
      path,
      ref,
    });
    if (Array.isArray(data)) return { kind: 'refused', reason: 'it is a folder at that commit' };
    if (data.type === 'symlink' || data.path !== path) return { kind: 'refused', reason: linkReason };
    if (data.type !== 'file' || !('content' in data))
      return { kind: 'refused', reason: 'it is not a regular file at that commit' };
    if (data.encoding === 'none') return { kind: 'text', ...(await blobAt(octokit, pr, data.sha)) };
    return { kind: 'text', ...decodeUtf8(Buffer.from(data.content, 'base64')) };
  } catch (error) {
    if (statusOf(error) === 404) return { kind: 'absent' };
    throw error;
  }
}

/**
 * A file's bytes through the Git blobs API, by the blob's `sha` that the contents answer carries: the contents API
 * leaves out the content of a file over 1 MB (`encoding: none`), which would otherwise read as an empty file; a
 * blob is served up to 100 MB (a rollout file is refused past 5 MiB, `file-too-large`), base64 in JSON, so the
 * bytes arrive as written and `decodeUtf8` can tell a file that is not UTF-8. (The raw media type would do, but
 * an answer with `charset=utf-8` is decoded by Octokit, a Latin-1 byte turned into U+FFFD before we see it.)
 */
async function blobAt(octokit: Octokit, pr: PullRequest, sha: string): Promise<DecodedText> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
    owner: pr.owner,
    repo: pr.repo,
    file_sha: sha,
  });
  return data.encoding === 'base64'
    ? decodeUtf8(Buffer.from(data.content, 'base64'))
    : { text: data.content };
}

/** What `fileAt` found at a commit. */
export type FileAt =
  | { readonly kind: 'text'; readonly text: string; readonly notUtf8?: NotUtf8 }
  | { readonly kind: 'absent' }
  | { readonly kind: 'refused'; readonly reason: string };

const linkReason = 'it is a symbolic link at that commit (Shiftwise reads only the file itself)';

/** The HTTP status of an Octokit `RequestError`, if it is one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
