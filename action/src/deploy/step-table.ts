import {
  humanDuration,
  type Plan,
  type PlanStep,
  pacedByWaves,
  stepNoun,
  vertexWaveEstimateSeconds,
} from '@shiftwise/core';
import type { DeployReport, StepsMode } from '@shiftwise/core/engine';
import { pausedGate } from './paused.js';

/** How this run came to the rollout: `promote` and `abort` pick up one an earlier run started, as may an attach. */
export interface RunStart {
  /** The action's mode; default `deploy`. */
  readonly mode?: StepsMode;
  /** True when the engine attached to an update already in flight rather than starting one. */
  readonly attached?: boolean;
  /**
   * Whether the first step this run saw was already running when it began (a provider's update attached to, or a
   * Shiftwise-run rollout picked up mid-step: the attached event's `resumed.stepUnderWay`); not at a gate. Default:
   * an attach in deploy mode.
   */
  readonly underWay?: boolean;
}

/**
 * Planned vs seen start of every step, both counted from the first step this run saw, so a promote that picks up
 * at step 4 compares step 5 with the 30 minutes planned after step 4, not with the plan's 1 h 10 min from step 1.
 * Steps before it say `done before this run` when the run picked the rollout up (promote, abort, an attach), and
 * `not seen` otherwise; the gate a paused run stopped at says it was reached. A deploy that attached to an update
 * in flight saw its first step already running: times count from the attach and are not compared. Vertex AI waves have no planned
 * time: their start is the estimate (`vertexWaveEstimateSeconds` a wave), said to be one.
 *
 *   promote at the gate of 5 steps (gate = 3), seen 4 at 0 s and 5 at 32 min 35 s:
 *     | 2 | 25% | — | done before this run | — |
 *     | 3 | 25% | — | gate: promoted by this run | — |
 *     | 4 | 50% | 0 s | 0 s | 0 s |
 *     | 5 | 100% | 30 min | 32 min 35 s | +2 min 35 s |
 */
export function stepTable(
  plan: Plan,
  report: Pick<DeployReport, 'steps'> & Partial<Pick<DeployReport, 'outcome'>>,
  run: RunStart = {},
): string[] {
  const noun = stepNoun(plan);
  const waves = pacedByWaves(plan);
  const seen = new Map(report.steps.map((s) => [s.step, s.atSeconds]));
  const first = report.steps.length > 0 ? Math.min(...report.steps.map((s) => s.step)) : undefined;
  const firstStep = plan.steps.find((s) => s.index === first);
  const base = firstStep === undefined ? 0 : plannedAt(plan, firstStep);
  const resumed = (run.mode ?? 'deploy') !== 'deploy' || run.attached === true;
  // A run whose first look falls somewhere in a step already running: when that step began is unknown.
  const attach = run.underWay ?? (run.attached === true && (run.mode ?? 'deploy') === 'deploy');
  const pausedAt = pausedGate(plan, report);
  const estimate = (seconds: number) =>
    waves && seconds !== 0 ? `about ${humanDuration(seconds)}` : humanDuration(seconds);
  const rows = plan.steps.map((s) => {
    const cells = (planned: string, actual: string, difference: string) =>
      `| ${s.index} | ${s.trafficPercent}% | ${planned} | ${actual} | ${difference} |`;
    if (first !== undefined && s.index < first) {
      if (!resumed) return cells('—', 'not seen', '—');
      // Picked up mid-step, the gate before it was promoted by an earlier run.
      const promoted = run.mode === 'promote' && !attach && s.bake === 'gate' && s.index === first - 1;
      return cells('—', promoted ? 'gate: promoted by this run' : 'done before this run', '—');
    }
    const planned = estimate(plannedAt(plan, s) - base);
    const at = seen.get(s.index);
    // After an attach the first step seen was already running: when it began is unknown, so nothing is compared.
    if (at !== undefined && attach)
      return s.index === first
        ? cells(planned, 'running when this run attached', '—')
        : cells(planned, `${humanDuration(at)} after the attach`, '—');
    if (at !== undefined) return cells(planned, humanDuration(at), signed(at - (plannedAt(plan, s) - base)));
    return cells(planned, s.index === pausedAt ? 'gate reached: paused here' : 'not seen', '—');
  });
  return [
    `| ${noun} | traffic | ${waves ? 'estimated start' : 'planned start'} | actual start | ${waves ? 'vs estimate' : 'difference'} |`,
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    ...notes(plan, first, resumed),
    ...(attach && first !== undefined
      ? [
          `This run attached to an update already in ${noun} ${first}: when that ${noun} began is unknown, so times seen`,
          'count from the attach and are not compared with the plan.',
        ]
      : []),
  ];
}

/** When a step starts after the first traffic shift: its `startsAt`, or a wave's estimate (waves have no plan). */
function plannedAt(plan: Plan, step: PlanStep): number {
  return pacedByWaves(plan) ? (step.index - 1) * vertexWaveEstimateSeconds : step.startsAt;
}

/** What the table's times count from, and how far to trust them. */
function notes(plan: Plan, first: number | undefined, resumed: boolean): string[] {
  const noun = stepNoun(plan);
  const from =
    first !== undefined && first > 1
      ? `Times count from ${noun} ${first}, the first traffic shift this run saw` +
        `${resumed ? ` (the ${noun}s before it ran before this run)` : ''}; provisioning comes before it.`
      : 'Times count from the first traffic shift Shiftwise saw; provisioning the new fleet comes before it.';
  const estimate = pacedByWaves(plan)
    ? [
        `Waves have no planned time: readiness paces them, and the plan estimates ${humanDuration(vertexWaveEstimateSeconds)}`,
        'a wave (a node, the serving container and the model loaded), so "estimated start" is an estimate.',
      ]
    : [];
  return [
    `${from} A ${noun} is`,
    'seen at the first observation that shows its traffic, so "actual" lags by up to one poll interval.',
    ...estimate,
  ];
}

/** `+20 s`, `−1 min 5 s`, `0 s`. */
function signed(seconds: number): string {
  if (seconds === 0) return '0 s';
  return `${seconds > 0 ? '+' : '−'}${humanDuration(Math.abs(seconds))}`;
}
