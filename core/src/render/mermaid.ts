import { fleetUnit } from '../plan/fleet-unit.js';
import { humanDuration } from '../plan/human-duration.js';
import { pacedByWaves, stepHeading } from '../plan/summary.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { vertexWaveEstimateSeconds } from '../plan/vertex-schedule.js';
import { mermaidText } from './escape.js';

/**
 * Steps a chart draws one bar each; a longer plan draws groups of consecutive steps (`stepGroups`), so the chart
 * stays far below mermaid's `maxTextSize` (50,000 characters: beyond it GitHub shows "Maximum text size in diagram
 * exceeded" in place of the chart). 700 Vertex AI waves took 54,315 characters one bar each.
 */
export const ganttStepLimit = 200;

/** Bars a grouped chart draws at most: 10,000 steps are 100 bars of 100 steps. */
const groupedBars = 100;

/**
 * The schedule as a mermaid gantt chart (GitHub renders it in comments and job summaries). Each step is a bar as
 * long as its bake, a step without bake a milestone, each labelled with its traffic share and the new fleet
 * members serving (instances, copies of an inference component, replicas: `fleetUnit`); a bake that analysis
 * checks judge is followed by a bar for the wait for its last metrics (`lastMetricsBar`). Above `ganttStepLimit`
 * steps a bar stands for a run of consecutive steps and spans them all, so the chart still shows the whole
 * schedule. Only our own words and a sanitised name reach the chart, so user text cannot break its syntax.
 *
 * Time is written as wall-clock dates on a fixed day (`chartTime`), not as `dateFormat X` timestamps: mermaid
 * draws the axis in the viewer's time zone, so epoch 0 reads 19:00 in New York, and mermaid 11+ reads an `X`
 * start as milliseconds, which stacks every step at 0. A local date on a day without a DST change reads
 * 00:00, 00:05, … everywhere.
 *
 *   gantt
 *     title recommender
 *     dateFormat YYYY-MM-DD HH:mm:ss
 *     axisFormat %H:%M
 *     section Traffic to the new instances
 *     Step 1 · 20% · 1 new instance · bake 5 min :s1, 2000-01-01 00:00:00, 300s
 *     Step 2 · 40% · 2 new instances · bake 5 min :s2, 2000-01-01 00:05:00, 300s
 *
 *   inference component, 8 copies, batch 25%:  section Traffic to the new copies
 *                                              Step 1 · 25% · 2 new copies · bake 5 min :s1, …
 *   Vertex AI, 4 replicas, surge 1:            Wave 1 · 25% · 1 new replica · about 5 min (estimate) :s1, …, 300s
 *   Vertex AI, 700 replicas, surge 1:          Waves 1–7 · 1% · 1–7 new replicas · about 35 min (estimate) :s1, …
 *   steps with a 5-minute check on SageMaker:  Step 1 · 5% · 1 new instance · bake 10 min :s1, …, 600s
 *                                              Step 1 · up to 7 min for the last metrics :active, s1m, …, 420s
 */
export function planGantt(plan: Plan): string {
  const lines = [
    'gantt',
    `  title ${mermaidText(plan.name)}`,
    '  dateFormat YYYY-MM-DD HH:mm:ss',
    '  axisFormat %H:%M',
    `  section Traffic to the new ${fleetUnit(plan)}`,
  ];
  const bars =
    plan.steps.length <= ganttStepLimit
      ? plan.steps.map((step) => ({
          step,
          label: stepLabel(step, plan),
          seconds: timing(step, plan).seconds,
        }))
      : stepGroups(plan.steps).map((group) => groupBar(group, plan));
  for (const { step, label, seconds } of bars) {
    const start = chartTime(timing(step, plan).start);
    lines.push(
      seconds > 0
        ? `  ${label} :s${step.index}, ${start}, ${seconds}s`
        : `  ${label} :milestone, s${step.index}, ${start}, 0s`,
    );
    if (plan.steps.length <= ganttStepLimit) lines.push(...lastMetricsBar(step, plan));
  }
  return lines.join('\n');
}

/**
 * After a bake (or timed pause) that analysis checks judge, a bar of its own for the most the step may go on while
 * its last metrics settle (`lastMetricsSeconds`), drawn `active` so it reads apart from the steps, and said as a
 * bound: `Step 2 · up to 7 min for the last metrics`. It starts where the bake ends and overlaps the next step's
 * bar, whose start, like every start and total of the plan, leaves the wait out (docs/plan.md).
 *
 *   step 2, bake 30 min from 00:10, lastMetricsSeconds 420 →
 *     Step 2 · up to 7 min for the last metrics :active, s2m, 2000-01-01 00:40:00, 420s
 */
function lastMetricsBar(step: PlanStep, plan: Plan): string[] {
  if (!step.lastMetricsSeconds || pacedByWaves(plan)) return [];
  const start = chartTime(step.startsAt + step.bakeSeconds);
  return [
    `  ${stepHeading(plan)} ${step.index} · up to ${humanDuration(step.lastMetricsSeconds)} for the last metrics :active, s${step.index}m, ${start}, ${step.lastMetricsSeconds}s`,
  ];
}

/**
 * Where a step's bar starts and how long it is: its planned start and bake; for Vertex AI waves, which have no
 * planned time, the estimate the headline adds up (`vertexWaveEstimateSeconds` a wave, one after another).
 */
function timing(step: PlanStep, plan: Plan): { start: number; seconds: number } {
  if (!pacedByWaves(plan)) return { start: step.startsAt, seconds: step.bakeSeconds };
  return { start: (step.index - 1) * vertexWaveEstimateSeconds, seconds: vertexWaveEstimateSeconds };
}

/**
 * `Step 2 · 40% · 2 new instances · bake 5 min`; a gate or a pause keeps the share: `Step 3 · 50% stays · pause 1 h`;
 * a Vertex AI wave: `Wave 2 · 50% · 2 new replicas · about 5 min (estimate)`.
 */
function stepLabel(step: PlanStep, plan: Plan): string {
  if (pacedByWaves(plan))
    return `Wave ${step.index} · ${step.trafficPercent}% · ${step.greenActive} new ${fleetUnit(plan, step.greenActive)} · about ${humanDuration(vertexWaveEstimateSeconds)} (estimate)`;
  const bake =
    step.bake === 'gate'
      ? ' · gate, waits for promote'
      : step.bake === 'pause'
        ? ` · pause ${humanDuration(step.bakeSeconds)}`
        : step.bakeSeconds > 0
          ? ` · ${step.bake === 'termination-wait' ? 'termination wait' : 'bake'} ${humanDuration(step.bakeSeconds)}`
          : '';
  const title = stepHeading(plan);
  return step.bake === 'gate' || step.bake === 'pause'
    ? `${title} ${step.index} · ${step.trafficPercent}% stays${bake}`
    : `${title} ${step.index} · ${step.trafficPercent}% · ${step.greenActive} new ${fleetUnit(plan, step.greenActive)}${bake}`;
}

/** The plan's steps in runs of equal length, in order, at most `groupedBars` runs. */
function stepGroups(steps: readonly PlanStep[]): PlanStep[][] {
  const size = Math.ceil(steps.length / groupedBars);
  return Array.from({ length: Math.ceil(steps.length / size) }, (_, i) =>
    steps.slice(i * size, (i + 1) * size),
  );
}

/**
 * One bar for a run of steps, from the first's start to the last's end: `Steps 1–50 · 0–50% · 1–50 new instances ·
 * bake 5 min each` (`bakes 4 h 10 min` when the bakes differ; Vertex AI waves: `Waves 1–7 · … · about 35 min
 * (estimate)`).
 */
function groupBar(
  group: readonly PlanStep[],
  plan: Plan,
): { step: PlanStep; label: string; seconds: number } {
  const first = group[0] as PlanStep;
  const last = group[group.length - 1] as PlanStep;
  const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
  const spans = timing(last, plan).start + timing(last, plan).seconds - timing(first, plan).start;
  if (pacedByWaves(plan)) {
    const label =
      `${stepHeading(plan, first !== last)} ${range(first.index, last.index)} · ${range(first.trafficPercent, last.trafficPercent)}% · ` +
      `${range(first.greenActive, last.greenActive)} new ${fleetUnit(plan, last.greenActive)} · ` +
      `about ${humanDuration(spans)} (estimate)`;
    return { step: first, label, seconds: spans };
  }
  const bakes = group.map((s) => s.bakeSeconds);
  const total = bakes.reduce((a, b) => a + b, 0);
  const bake =
    total === 0
      ? ''
      : bakes.every((b) => b === first.bakeSeconds)
        ? ` · bake ${humanDuration(first.bakeSeconds)} each`
        : ` · bakes ${humanDuration(total)}`;
  // A grouped bar has no room for a bar per wait: its label says the bound instead.
  const settle = Math.max(0, ...group.map((s) => s.lastMetricsSeconds ?? 0));
  const label =
    `${stepHeading(plan, first !== last)} ${range(first.index, last.index)} · ` +
    `${range(first.trafficPercent, last.trafficPercent)}% · ${range(first.greenActive, last.greenActive)} new ` +
    `${fleetUnit(plan, last.greenActive)}${bake}` +
    (settle > 0 ? ` + up to ${humanDuration(settle)} each for the last metrics` : '');
  return { step: first, label, seconds: spans };
}

/** The chart's day starts on 2000-01-01, a day no time zone changes its clocks on. */
const chartDay = Date.UTC(2000, 0, 1);

/**
 * Seconds from the first traffic shift as the chart's wall-clock time (whole seconds; clamped to 0–10¹¹ so no
 * input makes an invalid date).
 *
 *   0 → '2000-01-01 00:00:00';  300 → '2000-01-01 00:05:00';  90000 → '2000-01-02 01:00:00'
 */
export function chartTime(seconds: number): string {
  const whole = Number.isFinite(seconds) ? Math.min(1e11, Math.max(0, Math.round(seconds))) : 0;
  return new Date(chartDay + whole * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
