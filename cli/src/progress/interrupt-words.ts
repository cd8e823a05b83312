import type { DeployEvent, StepsMode } from '@shiftwise/core/engine';
import { shellWord } from '../shell-word.js';
import { eventLine } from './lines.js';

/** What a deploy, promote or abort knew when SIGINT or SIGTERM stopped it. */
export interface Interrupt {
  readonly mode: StepsMode;
  /** The path as given: every command the words name holds it as one shell word (`shellWord`). */
  readonly file: string;
  /** A dry run: the sandbox stopped with the command. */
  readonly sandbox: boolean;
  /** Whether an update was started or found running. */
  readonly running: boolean;
  /** A rollout Shiftwise runs itself (`type: steps`): nothing moves it once the command stops. */
  readonly shiftwiseRuns: boolean;
  /** The last progress event shown, and when (its countdown as it was then). */
  readonly last?: { readonly event: DeployEvent; readonly at: number };
}

/**
 * SIGINT/SIGTERM: where the rollout stands, and how to pick it up again. A provider's update keeps running without
 * us: `deploy` again watches it. A rollout Shiftwise runs (`type: steps`) stops with the command, unwatched, where it
 * stands: `deploy` goes on from there, `abort` rolls it back; one whose rollback is already recorded on the
 * endpoint (last seen `rolling-back`) is completed by either. With --sandbox the sandbox stops with the command, so
 * there is nothing to pick up.
 *
 *   steps, baking → "interrupted (last seen: …). Shiftwise moves this rollout's steps itself, so it now stands
 *   still: … Run `shiftwise deploy 'my file.rollout.yaml'` to go on from here, or `shiftwise abort …` to roll it back."
 */
export function interruptWords(interrupt: Interrupt): string {
  const { mode, running, shiftwiseRuns, last } = interrupt;
  const where = last ? eventLine(last.event, last.at) : undefined;
  const seen = where ? ` (last seen: ${where.trim().replace(/\.$/, '')})` : '';
  const file = shellWord(interrupt.file);
  const rollingBack = last?.event.type === 'progress' && last.event.observation.phase === 'rolling-back';
  if (!running) return 'interrupted before any update was sent; nothing changed.';
  if (interrupt.sandbox)
    return `interrupted${seen}; the dry run's sandbox stopped with it, and no cloud was touched.`;
  if (!shiftwiseRuns && rollingBack) return providerRollbackWords(seen, file);
  if (!shiftwiseRuns)
    return `interrupted; the update keeps running at the provider${seen}. Run \`shiftwise deploy ${file}\` again to watch it to its outcome.`;
  if (mode === 'abort')
    return `interrupted${seen}; the roll-back stops where it stands. Run \`shiftwise abort ${file}\` again to finish it.`;
  if (rollingBack)
    return (
      `interrupted${seen}. The rollback is recorded on the endpoint, and it stopped where it stands: the traffic ` +
      'stays where the last update left it until a command completes it. ' +
      `Run \`shiftwise deploy ${file}\` or \`shiftwise abort ${file}\` to complete the rollback.`
    );
  return (
    `interrupted${seen}. Shiftwise moves this rollout's steps itself, so it now stands still: the traffic stays ` +
    'where it is, no step moves on, and no alarm or analysis watches it. ' +
    `Run \`shiftwise deploy ${file}\` to go on from here, or \`shiftwise abort ${file}\` to roll it back.`
  );
}

/**
 * Interrupted while a provider-run rollout was rolling back: the service's own rollback, or on Vertex AI the revert
 * Shiftwise began after the watch timeout. Neither is the update `deploy` would watch again: it would be refused
 * while the revert runs, and start the rollout anew once it ends.
 */
function providerRollbackWords(seen: string, file: string): string {
  return `interrupted while the rollout was being rolled back${seen}. The rollback (on Vertex AI, the revert to the previous model Shiftwise began after the watch timeout) keeps running at the provider; running \`shiftwise deploy ${file}\` now would not watch it (it is refused while the revert runs, and starts the rollout anew once it ends). Check the endpoint until it settles (its deployed models and traffic split, or DescribeEndpoint).`;
}
