import { fleetUnit } from '../plan/fleet-unit.js';
import { humanDuration } from '../plan/human-duration.js';
import type { Plan } from '../plan/types.js';
import { mermaidText } from './escape.js';

/**
 * The schedule as a mermaid gantt chart (GitHub renders it in comments and job summaries). Each step is a bar as
 * long as its bake, a step without bake a milestone, each labelled with its traffic share and the new fleet
 * members serving (instances, copies of an inference component, replicas: `fleetUnit`). Only our own words and a
 * sanitised name reach the chart, so user text cannot break its syntax.
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
 */
export function planGantt(plan: Plan): string {
  const lines = [
    'gantt',
    `  title ${mermaidText(plan.name)}`,
    '  dateFormat YYYY-MM-DD HH:mm:ss',
    '  axisFormat %H:%M',
    `  section Traffic to the new ${fleetUnit(plan)}`,
  ];
  for (const step of plan.steps) {
    const bake =
      step.bake === 'gate'
        ? ' · gate, waits for promote'
        : step.bake === 'pause'
          ? ` · pause ${humanDuration(step.bakeSeconds)}`
          : step.bakeSeconds > 0
            ? ` · bake ${humanDuration(step.bakeSeconds)}`
            : '';
    const label =
      step.bake === 'gate' || step.bake === 'pause'
        ? `Step ${step.index} · ${step.trafficPercent}% stays${bake}`
        : `Step ${step.index} · ${step.trafficPercent}% · ${step.greenActive} new ${fleetUnit(plan, step.greenActive)}${bake}`;
    const start = chartTime(step.startsAt);
    lines.push(
      step.bakeSeconds > 0
        ? `  ${label} :s${step.index}, ${start}, ${step.bakeSeconds}s`
        : `  ${label} :milestone, s${step.index}, ${start}, 0s`,
    );
  }
  return lines.join('\n');
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
