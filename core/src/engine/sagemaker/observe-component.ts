import type { Observation } from '../provider.js';
import { alarmNamedIn, notRolledBack, type UpdateHistory } from './observe.js';

/** The members of DescribeInferenceComponent's answer the watcher reads (`DescribeInferenceComponentCommandOutput`). */
export interface ComponentView {
  readonly InferenceComponentStatus?: string;
  readonly FailureReason?: string;
  readonly CreationTime?: Date;
  readonly LastModifiedTime?: Date;
  readonly Specification?: { readonly ModelName?: string };
  readonly RuntimeConfig?: { readonly DesiredCopyCount?: number; readonly CurrentCopyCount?: number };
}

/** What the update makes of the component: its model, and its copy count when known. */
export interface ComponentTarget {
  readonly model: string;
  /** The copies the component ends with: the file's `copies`, else the count preflight found. */
  readonly copies?: number;
}

const copiesWords = (n: number | undefined) => `${n ?? '?'} ${n === 1 ? 'copy' : 'copies'}`;

/**
 * What one DescribeInferenceComponent says about our update to `target` (docs/engine.md). It has no step status:
 * while `Updating` the phase is `updating` with the copies running, and no share of traffic is claimed.
 * `InService` counts as success only on the target model with the target's copies.
 *
 *   InService on the target model, target copies            → succeeded
 *   InService on another model, update seen (or a reason)   → rolled-back (FailureReason, alarm named in it;
 *                                                             the service's timeout in its own words)
 *   InService on another model, update not seen, no reason  → waiting (update not visible yet)
 *   InService on another model, no reason, created anew or untouched since the update started → failed (reset)
 *   Updating to the target model, 10 of 8 copies running    → updating, "10 copies running, 8 desired"
 *   Updating to another model                               → failed (another update is running)
 *   Failed                                                  → failed with FailureReason
 */
export function observeComponent(
  view: ComponentView,
  target: ComponentTarget,
  updateSeen: boolean,
  history: UpdateHistory = {},
): Observation {
  const status = view.InferenceComponentStatus;
  const reason = view.FailureReason;
  const model = view.Specification?.ModelName;
  const desired = view.RuntimeConfig?.DesiredCopyCount;
  if (status === 'InService') {
    if (model === target.model && (target.copies === undefined || desired === target.copies))
      return { kind: 'succeeded', message: `InService on model ${model} with ${copiesWords(desired)}` };
    // On the new model with another copy count: the rollout landed, and something else (an autoscaling policy)
    // has since set the copies. Not a rollback: a rollback returns to the old model.
    if (model === target.model && reason === undefined && updateSeen)
      return {
        kind: 'succeeded',
        message: `InService on model ${model} with ${copiesWords(desired)} (the file asked for ${copiesWords(target.copies)}; a scaling policy may have changed them)`,
      };
    if (!updateSeen && reason === undefined)
      return { kind: 'progress', phase: 'waiting', message: 'update not visible yet' };
    const state = `InService on model ${model}, not ${target.model}, with no FailureReason`;
    const reset =
      reason === undefined ? notRolledBack('inference component', state, view, history) : undefined;
    if (reset !== undefined) return { kind: 'failed', reason: reset };
    const alarm = alarmNamedIn(reason);
    return {
      kind: 'rolled-back',
      reason:
        reason ??
        `the inference component is back InService on model ${model} with ${copiesWords(desired)}, not ${target.model}`,
      ...(alarm !== undefined && { alarm }),
    };
  }
  if (status === 'Failed')
    return { kind: 'failed', reason: `inference component Failed${reason ? `: ${reason}` : ''}` };
  if (status === 'Deleting') return { kind: 'failed', reason: 'the inference component is being deleted' };
  if (status === 'Updating' && model !== undefined && model !== target.model)
    return {
      kind: 'failed',
      reason: `another update, to model ${model}, is running on the inference component`,
    };
  if (status !== 'Updating')
    return { kind: 'progress', phase: 'waiting', message: status ?? 'no status yet' };
  const running = view.RuntimeConfig?.CurrentCopyCount;
  return {
    kind: 'progress',
    phase: 'updating',
    message: `${copiesWords(running)} running, ${desired ?? '?'} desired`,
  };
}
