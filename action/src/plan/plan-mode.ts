import * as actions from '@actions/core';
import { context, getOctokit } from '@actions/github';
import {
  countFindings,
  type DecodedText,
  type Diagnostic,
  type FileReport,
  fileReport,
  githubCommentLimit,
  githubSummaryLimit,
  isRolloutFile,
  lineIndex,
  parseRollout,
  planToJson,
  type Rollout,
  renderPullRequestBody,
  ruleInfo,
  validateRollout,
} from '@shiftwise/core';
import { annotate } from '../annotations.js';
import { defaultFiles, pathMatcher } from '../glob.js';
import type { Inputs } from '../inputs.js';
import { readWorkspaceFile, workspacePaths, workspaceRoot } from '../workspace.js';
import { type ChangedFile, changedFiles, fileAt, listedFilesCap, type Octokit } from './github-api.js';
import { withRetries } from './github-retry.js';
import { emptyReason, warnNoMatch } from './no-match.js';
import { type PullRequest, pullRequestOf, runUrl } from './pull-request.js';
import { upsertComment } from './sticky-comment.js';

/**
 * Hidden first line of the one comment the action keeps up to date on a pull request; with a `comment-id`, of
 * that workflow's own comment (`<!-- shiftwise-plan: ml -->`), which the plain marker does not match.
 */
export function commentMarker(id: string): string {
  return id === '' ? '<!-- shiftwise-plan -->' : `<!-- shiftwise-plan: ${id} -->`;
}

/**
 * Plan mode (docs/action.md): on a pull request, the rollout files it changes; on any other event, every rollout
 * file in the checkout. Each is validated (annotations), planned and diffed against the base branch; the report
 * goes to the job summary and, on a pull request, to one sticky comment. Fails the step on findings at or above
 * `fail-on`, after reporting.
 */
export async function planMode(inputs: Inputs): Promise<void> {
  const pr = pullRequestOf(context);
  const api = pr && { octokit: octokitFor(inputs.token), pr };
  const root = workspaceRoot();
  const match = pathMatcher(inputs.files);
  const listed: ChangedFile[] = api
    ? await changedFiles(api.octokit, api.pr)
    : (await workspacePaths(root, match)).map((path) => ({ path, basePath: path }));
  const unlisted = api ? unlistedFiles(api.pr, listed.length) : 0;
  const changed = listed.filter((f) => match(f.path));
  const empty = changed.length === 0 ? emptyReason(inputs.files, api ? listed : undefined) : undefined;
  if (empty) await warnNoMatch(empty, api ? listed : [], () => workspacePaths(root, match).catch(() => []));
  const files = changed.filter((f) => !f.removed);
  const removed = [
    ...changed.filter((f) => f.removed).map((f) => f.path),
    ...listed.filter((f) => movedOut(f, match)).map((f) => `${f.basePath} → ${f.path}`),
  ];
  actions.info(`Checking ${files.length} rollout ${files.length === 1 ? 'file' : 'files'} (${inputs.files})`);

  const reports = await mapLimit(files, 8, (file) => checkPath(api, root, file));
  const checked = reports.filter((r): r is FileReport => r !== undefined);
  for (const report of checked) annotate(report);
  warnMisnamed(checked);

  const link = runUrl(context);
  const options = {
    removed,
    ...(empty && { empty }),
    ...(pr && { headSha: pr.headSha }),
    ...(link && { runUrl: link }),
  };
  const capNote = unlisted > 0 ? unlistedNote(unlisted, listed.length) : '';
  await writeSummary(
    renderPullRequestBody(checked, {
      ...options,
      limit: githubSummaryLimit - capNote.length * 3,
      unit: 'bytes',
    }) + capNote,
  );
  // The outputs are set before the comment is written: a failure to write it still leaves them true.
  const plans = checked.flatMap((r) => (r.plan ? [planToJson(r.plan)] : []));
  const failing = checked.filter((r) => {
    const { errors, warnings } = countFindings(r.diagnostics);
    return errors > 0 || (inputs.failOn === 'warning' && warnings > 0);
  });
  actions.setOutput('plan', JSON.stringify(plans));
  actions.setOutput('outcome', failing.length === 0 ? 'planned' : 'invalid');
  if (api && inputs.comment) {
    const marker = commentMarker(inputs.commentId);
    await comment(
      api.octokit,
      api.pr,
      marker,
      renderPullRequestBody(checked, {
        ...options,
        limit: githubCommentLimit - capNote.length,
        marker,
      }) + capNote,
      checked.length > 0 || removed.length > 0 || unlisted > 0,
    );
  }

  if (failing.length > 0)
    actions.setFailed(
      `${failing.length} rollout ${failing.length === 1 ? 'file has' : 'files have'} ${inputs.failOn === 'warning' ? 'errors or warnings' : 'errors'}: ${failing.map((r) => r.path).join(', ')} (see the annotations)`,
    );
}

/**
 * Files the `files` input took in that are not named like rollout files and have errors: likely not rollout files
 * at all (`files: deploy/*.yaml` over a Kubernetes manifest), whose findings deserve a word of why, as
 * `shiftwise validate` says it.
 */
function warnMisnamed(checked: readonly FileReport[]): void {
  for (const report of checked) {
    if (isRolloutFile(report.path) || countFindings(report.diagnostics).errors === 0) continue;
    actions.warning(
      `${report.path} is not named like a rollout file (*.rollout.yaml, *.rollout.yml or *.rollout.json) and has errors; if it is not one, leave it out of the action's \`files\` input (the default, ${defaultFiles}, takes rollout files only)`,
      { title: 'Shiftwise: not a rollout file?', file: report.path },
    );
  }
}

/**
 * How many files the pull request changes beyond those GitHub listed: the files API lists 3,000 at most, so a
 * larger pull request's rollout files past them would go unchecked without a word. Warned here; `unlistedNote`
 * says it in the comment and the job summary.
 */
function unlistedFiles(pr: PullRequest, listed: number): number {
  if (listed < listedFilesCap) return 0;
  const missing = pr.changedFiles === undefined ? 1 : pr.changedFiles - listed;
  if (missing <= 0) return 0;
  const count =
    pr.changedFiles === undefined
      ? `more than ${listed.toLocaleString('en-US')}`
      : pr.changedFiles.toLocaleString('en-US');
  actions.warning(
    `This pull request changes ${count} files and GitHub lists only the first ${listed.toLocaleString('en-US')}: ` +
      'rollout files among the rest were not checked. Split the pull request, or check every rollout file of ' +
      'the branch with `shiftwise validate` or plan mode on a push.',
  );
  return missing;
}

function unlistedNote(missing: number, listed: number): string {
  const rest = missing === 1 ? 'the files past them' : `the other ${missing.toLocaleString('en-US')} files`;
  return `\n> ⚠️ **Not every file was checked:** GitHub lists the first ${listed.toLocaleString('en-US')} files of a pull request, and rollout files among ${rest} were not checked.\n`;
}

/**
 * A rollout file the pull request renames out of `files` (`rollouts/a.rollout.yaml` → `old/a.rollout.yaml` under
 * `files: rollouts/`, or to a name that is no rollout file): gone from what this workflow covers, as a deleted one.
 */
function movedOut(file: ChangedFile, match: (path: string) => boolean): boolean {
  return !file.removed && file.basePath !== file.path && match(file.basePath) && !match(file.path);
}

/**
 * Reads the pull request's version (the checkout first, unless it holds the base branch; else the API at the
 * head commit) and the base branch's (at its old path when renamed), then checks it.
 */
async function checkPath(
  api: { octokit: Octokit; pr: PullRequest } | undefined,
  root: string,
  { path, basePath }: ChangedFile,
): Promise<FileReport | undefined> {
  const fromCheckout = api === undefined || api.pr.checkoutHasHead;
  const local = fromCheckout ? await readWorkspaceFile(root, path) : ({ kind: 'absent' } as const);
  const head =
    local.kind === 'absent' && api ? await fileAt(api.octokit, api.pr, path, api.pr.headSha) : local;
  if (head.kind === 'refused') return notAFile(path, `${path} was not read: ${head.reason}`);
  if (head.kind === 'absent') {
    actions.warning(
      `Shiftwise did not check ${path}: it is not in the checkout and not a file at the head commit.`,
    );
    return undefined;
  }
  // A base that is not a regular file is no base to compare with: the head is checked as a new file.
  const baseAt = api ? await fileAt(api.octokit, api.pr, basePath, api.pr.baseSha) : undefined;
  const base = baseAt?.kind === 'text' ? baseAt : undefined;
  // The base is read under the head's path: a `name` defaulted from the file name then compares equal. Only its
  // model is compared, so it is parsed, not validated: its findings are the base branch's, not this change's.
  return fileReport({
    path,
    text: head.text,
    head: validateRollout(head.text, { fileName: path, notUtf8: head.notUtf8 }),
    ...baseVersion(base, path),
    // Off a pull request nothing is compared: no diff, rather than "New rollout file" for every file.
    compared: api !== undefined,
  });
}

/** The base branch's rollout, parsed under the head's path; `baseInvalid` when it has the file but not as a rollout. */
function baseVersion(
  read: DecodedText | undefined,
  path: string,
): { base: Rollout | undefined; baseInvalid: boolean } {
  if (read === undefined) return { base: undefined, baseInvalid: false };
  const base = parseRollout(read.text, { fileName: path, notUtf8: read.notUtf8 }).value;
  return { base, baseInvalid: base === undefined && read.text.trim() !== '' };
}

/**
 * The finding for a path the action refuses to read (a symbolic link, a non-regular file): reported at the path,
 * with nothing of what it points to, and never planned.
 */
function notAFile(path: string, why: string): FileReport {
  const diagnostic: Diagnostic = {
    code: 'not-a-file',
    severity: ruleInfo('not-a-file')?.severity ?? 'error',
    message: `${why}. Commit the rollout file itself: a link could point the action at a secret.`,
    range: { start: 0, end: 0 },
  };
  return { path, diagnostics: [diagnostic], lines: lineIndex('') };
}

/** An Octokit for the REST API at `GITHUB_API_URL` (GitHub Enterprise too), or a clear error without a token. */
function octokitFor(token: string): Octokit {
  if (token === '')
    throw new Error(
      "input 'github-token' is empty: plan mode reads a pull request's files through the GitHub API. " +
        'Leave the input out (it defaults to the workflow token) or pass a token with `pull-requests: write`.',
    );
  return withRetries(getOctokit(token));
}

async function comment(
  octokit: Octokit,
  pr: PullRequest,
  marker: string,
  body: string,
  createIfMissing: boolean,
): Promise<void> {
  const result = await upsertComment(octokit, pr, { marker, body, createIfMissing }).catch(
    (error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(
        `the plan comment on pull request #${pr.number} was not written, so it may show an earlier plan; this run's plan is in the job summary. ${why}`,
      );
    },
  );
  if (result.kind === 'created' || result.kind === 'updated') {
    actions.info(`Plan comment ${result.kind}: ${result.url}`);
    actions.setOutput('comment-url', result.url);
  } else if (result.kind === 'forbidden')
    actions.warning(
      `Shiftwise cannot comment on pull request #${pr.number} (${result.message}): the token is read-only, as it is ` +
        'for pull requests from forks. The plan is in the job summary. To get the comment, give the job ' +
        '`permissions: pull-requests: write` (not possible for forks).',
    );
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    actions.info(markdown);
    return;
  }
  await actions.summary.addRaw(markdown).write();
}

/** `items.map(f)` with at most `limit` calls in flight, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
