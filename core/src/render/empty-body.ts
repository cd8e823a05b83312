import { escapeMarkdown } from './escape.js';
import { shorten } from './quoted-values.js';

/**
 * Why a pull-request body has no file to show (`PullRequestBodyOptions.empty`), so its headline says what
 * happened rather than guessing.
 */
export type EmptyBodyReason =
  /** The pull request changes no rollout file (any more): the default. */
  | { readonly kind: 'no-rollout-files' }
  /** The action's `files` input matches none of the `changed` rollout files the pull request changes. */
  | { readonly kind: 'files-unmatched'; readonly files: string; readonly changed: number }
  /** Off a pull request (a push, a manual run): no file of the checkout matches the `files` input. */
  | { readonly kind: 'checkout-unmatched'; readonly files: string };

/** Characters of the `files` input the headline quotes; a longer input ends in "…". */
const filesShown = 200;

/**
 * The headline of a body without files, by its reason. The `files` input is the workflow's text: escaped, on one
 * line, cut to 200 characters.
 *
 *   { kind: 'no-rollout-files' } → 'This pull request no longer changes any rollout file.'
 *   { kind: 'files-unmatched', files: 'deploy/', changed: 2 }
 *     → 'This pull request changes 2 rollout files, but the files input (deploy/) matches none of them, so none was
 *        checked: widen the input to check them, or leave it if another workflow covers them.'
 *   { kind: 'checkout-unmatched', files: 'deploy/' }
 *     → 'No file in the checkout matches the files input (deploy/), so nothing was checked: …'
 */
export function emptyHeadline(reason: EmptyBodyReason = { kind: 'no-rollout-files' }): string {
  const title = '## Shiftwise rollout plan\n\n';
  if (reason.kind === 'no-rollout-files')
    return `${title}This pull request no longer changes any rollout file.`;
  const files = escapeMarkdown(shorten(reason.files, filesShown));
  if (reason.kind === 'checkout-unmatched')
    return (
      `${title}No file in the checkout matches the files input (${files}), so nothing was checked: off a pull ` +
      'request Shiftwise checks the files of the checkout that the input matches. Globs are relative to the ' +
      'repository root (`rollouts/*.rollout.yaml`).'
    );
  const one = reason.changed === 1;
  const them = one ? 'it' : 'them';
  const matches = one ? 'does not match it, so it was not' : 'matches none of them, so none was';
  return (
    `${title}This pull request changes ${reason.changed} rollout ${one ? 'file' : 'files'}, but the files input ` +
    `(${files}) ${matches} checked: widen the input to check ${them}, or leave it if another workflow covers ${them}.`
  );
}
