import * as actions from '@actions/core';
import { defaultFiles } from './glob.js';

/** The action's inputs (action.yml), read and checked once. */
export interface Inputs {
  /** `promote` and `abort` act on a Shiftwise-run rollout (type: steps) standing at a gate or in a step. */
  readonly mode: 'plan' | 'deploy' | 'promote' | 'abort';
  /** Globs of rollout files, newline- or comma-separated; `!` excludes. */
  readonly files: string;
  readonly token: string;
  /** Plan mode: keep one sticky comment on the pull request. */
  readonly comment: boolean;
  /** Plan mode: which sticky comment is this workflow's, when several plan one pull request; '' for the one. */
  readonly commentId: string;
  /** Plan mode: which findings fail the step. */
  readonly failOn: 'error' | 'warning';
}

/** Reads every input; a bad value is an Error whose message names the input and the valid values. */
export function readInputs(): Inputs {
  return {
    mode: choice('mode', ['plan', 'deploy', 'promote', 'abort'], 'plan'),
    files: actions.getInput('files') || defaultFiles,
    token: actions.getInput('github-token'),
    comment: choice('comment', ['true', 'false'], 'true') === 'true',
    commentId: commentId(),
    failOn: choice('fail-on', ['error', 'warning'], 'error'),
  };
}

function choice<T extends string>(name: string, values: readonly T[], fallback: T): T {
  const raw = actions.getInput(name).trim();
  if (raw === '') return fallback;
  const value = values.find((v) => v === raw.toLowerCase());
  if (value === undefined)
    throw new Error(`input '${name}' is '${raw}': expected one of ${values.map((v) => `'${v}'`).join(', ')}`);
  return value;
}

/** `comment-id`: empty, or 1–64 letters, digits, `.`, `_`, `-` (it goes into the comment's hidden marker). */
function commentId(): string {
  const raw = actions.getInput('comment-id').trim();
  if (raw === '' || /^[A-Za-z0-9._-]{1,64}$/.test(raw)) return raw;
  throw new Error(
    `input 'comment-id' is '${raw.slice(0, 80)}': expected 1–64 letters, digits, '.', '_' or '-' (for example 'ml-models'), or nothing`,
  );
}
