import * as actions from '@actions/core';
import { type EmptyBodyReason, isRolloutFile } from '@shiftwise/core';
import { globsOf } from '../glob.js';
import type { ChangedFile } from './github-api.js';

/** Why nothing was checked, for the body's headline (core's `emptyHeadline`); off a pull request, `listed` is undefined. */
export function emptyReason(files: string, listed: readonly ChangedFile[] | undefined): EmptyBodyReason {
  if (listed === undefined) return { kind: 'checkout-unmatched', files };
  const changed = listed.filter((f) => isRolloutFile(f.path)).length;
  return changed === 0 ? { kind: 'no-rollout-files' } : { kind: 'files-unmatched', files, changed };
}

/**
 * A `files` input that matches nothing is said, not a silent green step: off a pull request when the checkout has
 * no file it matches; on one when the pull request changes rollout files (by name) that it does not match. There
 * the input may rightly cover another folder of a monorepo, so the hint on how globs are written comes only when
 * it may be the cause: a pattern written from `./` or `/`, or nothing in the checkout matches.
 */
export async function warnNoMatch(
  reason: EmptyBodyReason,
  pullRequestFiles: readonly ChangedFile[],
  checkoutMatches: () => Promise<readonly string[]>,
): Promise<void> {
  if (reason.kind === 'no-rollout-files') return;
  const where = ' Globs are relative to the repository root (`rollouts/*.rollout.yaml`), `!` excludes.';
  if (reason.kind === 'checkout-unmatched') {
    actions.warning(
      `The files input (${reason.files}) matches no file in the checkout, so nothing was checked.${where}`,
    );
    return;
  }
  const rollouts = pullRequestFiles.filter((f) => isRolloutFile(f.path)).map((f) => f.path);
  const named = `${rollouts.slice(0, 5).join(', ')}${rollouts.length > 5 ? `, … (${rollouts.length})` : ''}`;
  const hint = rootedPattern(reason.files) || (await checkoutMatches()).length === 0 ? where : '';
  actions.warning(
    `The files input (${reason.files}) matches none of the rollout files this pull request changes (${named}), so none was checked.${hint}`,
  );
}

/** Whether a glob of the `files` input (`!` excludes too) starts with `./` or `/`. */
function rootedPattern(files: string): boolean {
  return globsOf(files).some((p) => /^!?\.?\//.test(p));
}
