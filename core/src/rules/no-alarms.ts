import { insertPair, isFlowText, valueText } from '../diagnostics/edits.js';
import { report } from '../diagnostics/report.js';
import { keyBefore } from '../parse/key-order.js';
import { bakesWatched } from '../plan/run-steps.js';
import { valueAt } from './helpers.js';
import type { Rule, RuleContext } from './rule.js';

/**
 * A SageMaker update without rollback alarms (a warning): its bakes only delay the rollout, since nothing
 * watches them. Not for `retain`, whose rollback comes from the stored deployment config. A Vertex AI canary
 * (`type: steps`) has no alarms: without an analysis check that can roll back, the same holds.
 */
export const noAlarms: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider === 'vertex-ai') return rollout.strategy.type === 'steps' ? noChecks(context) : [];
  if (rollout.strategy.type === 'retain') return [];
  if (rollout.rollback.alarms.length > 0) return [];
  // Shiftwise-run steps with an analysis check that can roll back are watched without alarms.
  if ((rollout.analysis ?? []).some((check) => !check.dryRun)) return [];
  const range =
    valueAt(context, 'rollback.alarms') ??
    context.source.get('rollback')?.key ??
    context.source.get('strategy')?.key;
  if (range === undefined) return [];
  const message =
    "no rollback alarms: the bakes only delay the rollout, nothing can roll it back; list CloudWatch alarms under 'rollback.alarms' (5xx errors, latency)";
  const fix =
    context.source.get('rollback') === undefined
      ? addAlarmsFix(context, `${rollout.endpoint}-5xx`)
      : undefined;
  return [report('no-alarms', message, range, fix && [fix])];
};

/** A Vertex AI canary whose bakes nothing watches: no analysis check, or only dry runs. */
function noChecks(context: RuleContext) {
  const { rollout } = context;
  if (bakesWatched(rollout)) return [];
  const range = context.source.get('analysis')?.key ?? context.source.get('strategy')?.key;
  if (range === undefined) return [];
  const none = (rollout.analysis ?? []).length === 0;
  const message =
    `${none ? 'no analysis checks' : 'every analysis check is a dry run'}: Vertex AI has no alarms, so the bakes only ` +
    "delay the rollout and nothing can roll it back; add an 'analysis' check on the new model that is no dry run " +
    '(new.error_count, say)';
  return [report('no-alarms', message, range)];
}

function addAlarmsFix(context: RuleContext, alarm: string) {
  const json = isFlowText(context.text);
  const root = context.source.get('');
  const keys = context.source.paths().filter((p) => p !== '' && !p.includes('.'));
  const firstKey = keys[0] === undefined ? undefined : context.source.get(keys[0])?.key;
  if (root === undefined) return undefined;
  const list = json ? `[${valueText(alarm, true)}]` : `[${valueText(alarm, false)}]`;
  // In a JSON file, after the key `rollback` follows in the documented order (`timeout`, `strategy`, …).
  const before = keyBefore('', 'rollback', keys);
  const after = before === undefined ? undefined : context.source.get(before)?.value;
  const edit = insertPair(
    context.text,
    { mapRange: root.value, ...(firstKey && { firstKey }), ...(after && { after }) },
    'rollback',
    [['alarms', list]],
  );
  return (
    edit && {
      title: `Add rollback alarm ${alarm} (a placeholder: rename it to your CloudWatch alarm)`,
      edits: [edit],
      placeholder: true as const,
    }
  );
}
