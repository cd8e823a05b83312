import { fleetUnit } from '../plan/fleet-unit.js';
import { humanDuration } from '../plan/human-duration.js';
import { summaryParts } from '../plan/summary.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { escapeXml } from './escape.js';

/** Drawing area in SVG user units; the view box scales it to the panel's width. */
const layout = { width: 600, left: 40, right: 8, top: 12, chart: 150, labels: 44, provision: 56, gap: 3 };
/** Share of the time axis a step gets at least, so a step without bake still shows as a bar. */
const minShare = 0.08;

interface Placed {
  readonly step: PlanStep;
  readonly x: number;
  readonly width: number;
}

/**
 * The schedule as an SVG bar chart, one bar per step: bar width is the step's bake (at least `minShare` of the
 * axis), the filled height is the traffic share on the new fleet, the pale remainder the old fleet's share.
 * A dashed block before step 1 stands for provisioning, whose length is unknown (docs/plan.md). Every unit word is
 * the fleet's (`fleetUnit`): instances, copies of an inference component, replicas.
 * Colours are CSS classes (`old`, `new`, `provision`, `grid`, `tick`, `traffic`, `step-label`, `bake-label`)
 * that the page around it maps to colours, the editor's theme in VS Code; the SVG carries no styles itself, so a
 * strict content security policy admits it.
 *
 *   canary 25% of 4, bakes 10 min → a provisioning block, then two bars: 25% ("bake 10 min"), 100%
 *   ("termination wait 10 min"); aria-label "Rollout timeline: 2 steps · 20 min · peak 8 instances"
 */
export function renderTimelineSvg(plan: Plan): string {
  const height = layout.top + layout.chart + layout.labels;
  const placed = placeSteps(plan.steps);
  const { steps, duration, peak } = summaryParts(plan);
  const label = `Rollout timeline: ${steps} · ${duration} · ${peak}`;
  return [
    `<svg class="timeline" role="img" aria-label="${escapeXml(label)}" viewBox="0 0 ${layout.width} ${height}" xmlns="http://www.w3.org/2000/svg">`,
    axis(),
    provisioning(plan),
    ...placed.map((p) => stepBar(p, plan)),
    '</svg>',
  ].join('\n');
}

/** Lays the steps out left to right after the provisioning block, widths proportional to their bakes. */
function placeSteps(steps: readonly PlanStep[]): Placed[] {
  const start = layout.left + layout.provision + layout.gap;
  const span = layout.width - layout.right - start;
  const total = steps.reduce((sum, s) => sum + s.bakeSeconds, 0);
  const weights = steps.map((s) => (total === 0 ? 1 : Math.max(s.bakeSeconds, total * minShare)));
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  let x = start;
  return steps.map((step, i) => {
    const width = (span * (weights[i] ?? 0)) / sum;
    const placedStep = { step, x, width };
    x += width;
    return placedStep;
  });
}

function axis(): string {
  const bottom = layout.top + layout.chart;
  const ticks = [0, 50, 100].map((p) => {
    const y = bottom - (layout.chart * p) / 100;
    return `<line class="grid" x1="${layout.left}" y1="${y}" x2="${layout.width - layout.right}" y2="${y}"/><text class="tick" x="${layout.left - 6}" y="${y + 4}" text-anchor="end">${p}%</text>`;
  });
  return `<g class="axis">${ticks.join('')}</g>`;
}

function provisioning(plan: Plan): string {
  const x = layout.left + 1;
  const mid = x + layout.provision / 2;
  const bottom = layout.top + layout.chart;
  return [
    `<g class="provisioning"><title>Provisioning the new ${fleetUnit(plan)}: its length is not known in advance and is not in the totals.</title>`,
    `<rect class="provision" x="${x}" y="${layout.top}" width="${layout.provision - 2}" height="${layout.chart}"/>`,
    `<text class="step-label" x="${mid}" y="${bottom + 18}" text-anchor="middle">provision</text>`,
    `<text class="bake-label" x="${mid}" y="${bottom + 34}" text-anchor="middle">time unknown</text></g>`,
  ].join('\n');
}

function stepBar({ step, x, width }: Placed, plan: Plan): string {
  const bottom = layout.top + layout.chart;
  const w = Math.max(1, width - layout.gap);
  const mid = x + w / 2;
  const filled = (layout.chart * clampPercent(step.trafficPercent)) / 100;
  const fmt = (n: number) => n.toFixed(1);
  // Narrow bars (many linear or rolling steps) get short labels; the table under the chart has the long form.
  const compact = w < 96;
  const stepText = compact
    ? `${step.index}`
    : `Step ${step.index} · ${step.startsAt === 0 ? 'start' : `+${humanDuration(step.startsAt)}`}`;
  const bakeText = compact ? (step.bakeSeconds > 0 ? humanDuration(step.bakeSeconds) : '–') : bakeLabel(step);
  return [
    `<g class="step" data-step="${step.index}"><title>${escapeXml(stepTitle(step, plan))}</title>`,
    `<rect class="old" x="${fmt(x)}" y="${layout.top}" width="${fmt(w)}" height="${fmt(layout.chart - filled)}"/>`,
    `<rect class="new" x="${fmt(x)}" y="${fmt(bottom - filled)}" width="${fmt(w)}" height="${fmt(filled)}"/>`,
    `<text class="traffic" x="${fmt(mid)}" y="${fmt(Math.max(layout.top + 14, bottom - filled - 6))}" text-anchor="middle">${step.trafficPercent}%</text>`,
    `<text class="step-label" x="${fmt(mid)}" y="${bottom + 18}" text-anchor="middle">${stepText}</text>`,
    `<text class="bake-label" x="${fmt(mid)}" y="${bottom + 34}" text-anchor="middle">${escapeXml(bakeText)}</text>`,
    '</g>',
  ].join('\n');
}

/** `bake 10 min`, `termination wait 10 min` or `no bake`. */
export function bakeLabel(step: PlanStep): string {
  if (step.bake === 'none' || step.bakeSeconds === 0) return 'no bake';
  const kind = step.bake === 'termination-wait' ? 'termination wait' : 'bake';
  return `${kind} ${humanDuration(step.bakeSeconds)}`;
}

function stepTitle(step: PlanStep, plan: Plan): string {
  return (
    `Step ${step.index} at +${humanDuration(step.startsAt)}: ${step.trafficPercent}% of traffic on ` +
    `${step.greenActive} new and ${step.blueActive} old ${fleetUnit(plan, step.blueActive)}; ${bakeLabel(step)}.`
  );
}

function clampPercent(p: number): number {
  return Math.min(100, Math.max(0, p));
}
