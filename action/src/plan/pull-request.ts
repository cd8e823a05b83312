import type { context as githubContext } from '@actions/github';

type Context = typeof githubContext;

/** The pull request a plan-mode run comments on, from the event payload. */
export interface PullRequest {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  /** The base branch's commit the pull request is compared with. */
  readonly baseSha: string;
  readonly headSha: string;
  /**
   * Whether the checkout can hold the pull request's files: not on `pull_request_target`, where actions/checkout
   * checks out the base branch. There the head's files are read through the API, which also makes that event
   * the safe way to comment on fork pull requests: rollout files are data, nothing from the fork runs.
   */
  readonly checkoutHasHead: boolean;
  /** How many files the pull request changes, as the event says (`changed_files`), when it says. */
  readonly changedFiles?: number;
}

/**
 * The pull request of a `pull_request` or `pull_request_target` event; undefined for any other event (plan mode
 * then checks the files in the workspace and writes only the job summary).
 */
export function pullRequestOf(context: Context): PullRequest | undefined {
  const pr = context.payload.pull_request as
    | { number?: unknown; base?: { sha?: unknown }; head?: { sha?: unknown }; changed_files?: unknown }
    | undefined;
  if (pr === undefined || typeof pr.number !== 'number') return undefined;
  const baseSha = pr.base?.sha;
  const headSha = pr.head?.sha;
  if (typeof baseSha !== 'string' || typeof headSha !== 'string') return undefined;
  const { owner, repo } = context.repo;
  return {
    owner,
    repo,
    number: pr.number,
    baseSha,
    headSha,
    checkoutHasHead: context.eventName !== 'pull_request_target',
    ...(typeof pr.changed_files === 'number' && { changedFiles: pr.changed_files }),
  };
}

/** The run's page, where the job summary is: `https://github.com/o/r/actions/runs/123`. */
export function runUrl(context: Context): string | undefined {
  if (!Number.isFinite(context.runId) || process.env.GITHUB_REPOSITORY === undefined) return undefined;
  return `${context.serverUrl}/${process.env.GITHUB_REPOSITORY}/actions/runs/${context.runId}`;
}
