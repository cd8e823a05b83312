import { fleetCount, fleetUnit } from '../plan/fleet-unit.js';
import { humanDuration } from '../plan/human-duration.js';
import { pacedByWaves, planSubject, stepNoun, summaryParts } from '../plan/summary.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { visibleControls } from './escape.js';
import { blastRadius, blastRadiusWords, extraMinutesWords, unknownSizeWords } from './measures.js';
import { callWhen, checkWords, gateWords, lastMetricsWords } from './run-steps-words.js';
import { bakeLabel, startWords } from './timeline-svg.js';

const bakeNames: Record<PlanStep['bake'], string> = {
  'wait-interval': 'wait interval',
  'termination-wait': 'termination wait',
  none: '',
  watch: 'bake (watched)',
  unwatched: 'bake (unwatched)',
  pause: 'pause',
  gate: 'gate: waits for promote',
};

/**
 * The plan for a terminal: a headline (with what is updated when it is not the endpoint itself), a step table with
 * aligned columns, the totals and the assumptions. Text from the file shows its control characters as text
 * (`visibleControls`): a file cannot drive the terminal.
 *
 *   recommender · sagemaker linear · 5 instances
 *     step  starts   traffic  new/old  bake
 *        1  0 s          20%      1/4  5 min wait interval
 *     ...
 *   chat · sagemaker rolling · inference component chat-ic on llm-prod · 8 copies
 */
export function renderPlanText(plan: Plan): string {
  const capacity = `${fleetCount(plan, plan.capacity)}${plan.capacityKnown ? '' : ` (example: ${unknownSizeWords(plan)})`}`;
  const subject = planSubject(plan);
  const summary = summaryParts(plan);
  // Vertex AI waves have no planned time: their rows give the estimate, as the headline and the preview do.
  const waves = pacedByWaves(plan);
  const rows = [
    [stepNoun(plan), 'starts', 'traffic', 'new/old', 'bake'],
    ...plan.steps.map((s) => [
      String(s.index),
      startWords(s, plan),
      `${s.trafficPercent}%`,
      `${s.greenActive}/${s.blueActive}`,
      waves
        ? bakeLabel(s, plan)
        : (gateWords(s) ??
          (s.bakeSeconds > 0
            ? `${humanDuration(s.bakeSeconds)} ${bakeNames[s.bake]}${lastMetricsWords(s.lastMetricsSeconds)}`
            : '—')),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const right = new Set([0, 2, 3]);
  const table = rows.map(
    (r) =>
      `  ${r
        .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd()}`,
  );
  const radius = blastRadius(plan);
  const totals = [
    summary.timed ? `total ${summary.duration} after provisioning` : summary.duration,
    ...(plan.timeoutSeconds !== undefined ? [`timeout ${humanDuration(plan.timeoutSeconds)}`] : []),
    summary.peak,
  ];
  return [
    [
      visibleControls(plan.name),
      `${plan.provider} ${plan.strategy}`,
      ...(subject ? [visibleControls(subject)] : []),
      capacity,
    ].join(' · '),
    ...table,
    `  ${totals.join(' · ')}`,
    `  blast radius: ${blastRadiusWords(radius, stepNoun(plan))}`,
    `  extra ${fleetUnit(plan, 1)}-minutes: ${extraMinutesWords(plan)}`,
    ...(plan.analysis && plan.analysis.length > 0
      ? [
          '  analysis:',
          ...plan.analysis.map((c) => `   - ${visibleControls(c.name)}: ${visibleControls(checkWords(c))}`),
        ]
      : []),
    ...(plan.sequence
      ? [
          '  requests:',
          ...plan.sequence.map(
            (c, i) =>
              `   ${String(i + 1).padStart(2)}. ${callWhen(c).padEnd(8)} ${c.operation}: ${visibleControls(c.note)}`,
          ),
        ]
      : []),
    '  assumptions:',
    ...plan.assumptions.map((a) => `   - ${a}`),
    '',
  ].join('\n');
}
