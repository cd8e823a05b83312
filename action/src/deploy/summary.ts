import {
  escapeMarkdown,
  humanDuration,
  type Plan,
  renderPlanMarkdown,
  type StepNoun,
  stepNoun,
} from '@shiftwise/core';
import type { CheckVerdict, DeployReport } from '@shiftwise/core/engine';
import { pausedMarkdown } from './paused.js';
import { type RunStart, stepTable } from './step-table.js';
import { actionWaysMarkdown } from './ways-on.js';

export { stepTable } from './step-table.js';

const verdicts: Record<DeployReport['outcome'], string> = {
  succeeded: '✅ succeeded',
  'rolled-back': '↩️ rolled back',
  failed: '❌ failed',
  'timed-out': '⏱️ timed out',
  paused: '⏸️ paused at a gate',
};

/**
 * The deploy job summary: the outcome and its reason, then each planned step's start against when Shiftwise saw
 * it (both counted from the first traffic shift this run saw, so neither provisioning nor an earlier run's steps
 * skew the comparison; `step-table.ts`), then the plan collapsed. Text from the file and the provider's reason are
 * escaped; the commands the engine's reason names are the workflow's modes (`ways-on.ts`).
 *
 *   | 2 | 100% | 10 min | 10 min 20 s | +20 s |
 */
export function renderDeploySummary(
  path: string,
  plan: Plan,
  report: DeployReport,
  run: RunStart = {},
): string {
  const lines = [
    `## ${escapeMarkdown(plan.name)}: ${verdicts[report.outcome]}${report.noop ? ' (already on the target: nothing to do)' : ''}`,
    '',
    `**${escapeMarkdown(path)}** · ${plan.provider} ${plan.strategy}${plan.retained ? ` (the stored config: ${plan.retained})` : ''} · ${humanDuration(report.durationSeconds)} in all` +
      ` · ${report.calls} provider ${report.calls === 1 ? 'call' : 'calls'}`,
    '',
    `> ${report.outcome === 'paused' ? pausedMarkdown(path, plan, report) : actionWaysMarkdown(escapeMarkdown(report.reason), path)}`,
  ];
  if (report.alarm !== undefined)
    lines.push('>', `> Alarm that tripped: **${escapeMarkdown(report.alarm)}**`);
  if (!report.noop && report.phase === 'watch')
    lines.push(
      '',
      ...(plan.target === 'inference-component' ? componentWatch : stepTable(plan, report, run)),
    );
  if (report.analysis && report.analysis.length > 0)
    lines.push('', ...analysisTable(report.analysis, stepNoun(plan)));
  lines.push(
    '',
    '<details><summary>The plan</summary>',
    '',
    renderPlanMarkdown(plan, { headingLevel: 3 }).trimEnd(),
    '',
    '</details>',
    '',
  );
  return lines.join('\n');
}

/**
 * An inference component's update has no step status (DescribeInferenceComponent tells the copies running, not the
 * batch), so no planned-vs-seen table is drawn: it would show every batch as not seen.
 */
const componentWatch = [
  'DescribeInferenceComponent reports no batch status: the component was watched as a whole, so the planned',
  'batches below are not compared with times seen.',
];

/**
 * What each analysis check read in each step: its values per period (the last look), and its verdict.
 *
 *   | 1 | new-5xx | 0, 0, 7 | ❌ breached 1 in a row |
 */
export function analysisTable(verdicts: readonly CheckVerdict[], noun: StepNoun = 'step'): string[] {
  return [
    '**Analysis**',
    '',
    `| ${noun} | check | values per period | verdict |`,
    '| ---: | --- | --- | --- |',
    ...verdicts.map((v) => {
      const values = v.periods.map((p) =>
        p.value === undefined ? 'no data' : String(Math.round(p.value * 1000) / 1000),
      );
      const shown = values.length > 12 ? [...values.slice(0, 3), '…', ...values.slice(-8)] : values;
      const verdict = v.rollsBack
        ? `❌ breached ${v.breachesInARow} in a row: rolled back`
        : v.breaches > 0
          ? `⚠️ breached in ${v.breaches} period${v.breaches === 1 ? '' : 's'}${v.dryRun ? ' (dry run)' : ''}`
          : `✅ within bounds${v.missing > 0 ? ` (no data in ${v.missing})` : ''}${v.dryRun ? ' (dry run)' : ''}`;
      return `| ${v.step > 0 ? v.step : 'all'} | ${escapeMarkdown(v.name)} | ${shown.join(', ') || '—'} | ${verdict} |`;
    }),
  ];
}
