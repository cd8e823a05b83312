import { humanDuration } from '../plan/human-duration.js';
import type { Plan } from '../plan/types.js';
import { mermaidText } from './escape.js';

/**
 * The schedule as a mermaid gantt chart (GitHub renders it in comments and job summaries). Time is seconds from
 * the first traffic shift (`dateFormat X`); each step is a bar as long as its bake, a step without bake a
 * milestone. Only our own words and a sanitised name reach the chart, so user text cannot break its syntax.
 *
 *   gantt
 *     title recommender
 *     dateFormat X
 *     axisFormat %H:%M
 *     section Traffic to the new fleet
 *     Step 1 · 20% · bake 5 min :s1, 0, 300s
 */
export function planGantt(plan: Plan): string {
  const lines = [
    'gantt',
    `  title ${mermaidText(plan.name)}`,
    '  dateFormat X',
    '  axisFormat %H:%M',
    '  section Traffic to the new fleet',
  ];
  for (const step of plan.steps) {
    const bake = step.bakeSeconds > 0 ? ` · bake ${humanDuration(step.bakeSeconds)}` : '';
    const label = `Step ${step.index} · ${step.trafficPercent}%${bake}`;
    lines.push(
      step.bakeSeconds > 0
        ? `  ${label} :s${step.index}, ${step.startsAt}, ${step.bakeSeconds}s`
        : `  ${label} :milestone, s${step.index}, ${step.startsAt}, 0s`,
    );
  }
  return lines.join('\n');
}
