import { fleetUnit } from '../plan/fleet-unit.js';
import { humanDuration } from '../plan/human-duration.js';
import { pacedByWaves, stepHeading, summaryParts } from '../plan/summary.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { vertexWaveEstimateSeconds } from '../plan/vertex-schedule.js';
import { escapeXml } from './escape.js';
import { lastMetricsWords } from './run-steps-words.js';

/** The bars' drawing area in SVG user units; each bar stretches to its column's width. */
const bar = { width: 1000, height: 24 };
/** Share of the time axis a step gets at least, so a step without bake still shows as a segment. */
const minShare = 0.04;

/**
 * The schedule as a timeline that fits any width: one row per step (a wave of a Vertex AI rolling deployment, a batch of a rolling
 * update), each row a label saying what the step does (`Step 1 · 25% to new`), a bar and what follows the shift
 * (`bake 10 min`, `termination wait 10 min`, `ready in about 5 min (estimate)`). Text is HTML, so it wraps and keeps
 * the editor's font size; the bars are SVG without text, stretched to the column (`preserveAspectRatio="none"`):
 * on a common time axis, a step's segment starts when it starts and is as long as its bake (at least `minShare` of
 * the axis), filled from the bottom by its traffic share on the new fleet, the rest the old fleet's share. A dashed
 * row before step 1 stands for provisioning, whose length is unknown (docs/plan.md), and a dashed segment after a
 * bake that analysis checks judge for the most the step may go on while its last metrics settle (`lastMetricsSeconds`:
 * a bound, beside the next step's start, which like every start leaves it out). Vertex AI waves are laid out by
 * their estimated length (`vertexWaveEstimateSeconds`).
 *
 * Colours are CSS classes (`old`, `new`, `provision`, `track`) that the page around it maps to the editor's theme;
 * the markup carries no styles itself, so a strict content security policy admits it. Every unit word is the
 * fleet's (`fleetUnit`).
 *
 *   canary 25% of 4, bakes 10 min → provision, 'Step 1 · 25% to new' + 'bake 10 min',
 *     'Step 2 · 100% to new' + 'termination wait 10 min'; aria-label "Rollout timeline: 2 steps · 20 min · peak 8 instances"
 */
export function renderTimelineSvg(plan: Plan): string {
  const { steps, duration, peak } = summaryParts(plan);
  const label = `Rollout timeline: ${steps} · ${duration} · ${peak}`;
  const spans = stepSpans(plan);
  const end = spans.reduce((sum, s) => Math.max(sum, s.start + s.length), 0);
  const total = spans.reduce(
    (sum, s, i) => Math.max(sum, s.start + s.length + waitOf(plan.steps[i], plan)),
    end,
  );
  return [
    `<div class="timeline" role="figure" aria-label="${escapeXml(label)}">`,
    axis(plan, total > end ? total - end : 0),
    provisioning(plan),
    ...plan.steps.map((step, i) => stepRow(step, spans[i] ?? { start: 0, length: 0 }, total, plan)),
    '</div>',
  ].join('\n');
}

interface Span {
  /** Where the step starts on the axis, in axis units (seconds, or shares when nothing is timed). */
  readonly start: number;
  readonly length: number;
}

/** Each step's place on the time axis: its bake (its estimate on Vertex AI), at least `minShare` of the whole. */
function stepSpans(plan: Plan): Span[] {
  const lengths = plan.steps.map((s) => shownSeconds(s, plan));
  const sum = lengths.reduce((a, b) => a + b, 0);
  const floor = sum === 0 ? 1 : sum * minShare;
  let at = 0;
  return lengths.map((seconds) => {
    const span = { start: at, length: Math.max(seconds, floor) };
    at += span.length;
    return span;
  });
}

/**
 * The wait for a step's last metrics past its bake, on the chart: the plan's bound (`lastMetricsSeconds`), drawn
 * after the bake's segment; none for Vertex AI waves, which are laid out by estimate.
 */
function waitOf(step: PlanStep | undefined, plan: Plan): number {
  return step === undefined || pacedByWaves(plan) ? 0 : (step.lastMetricsSeconds ?? 0);
}

/** The time a step takes on the chart: its bake, or for Vertex AI waves the estimate of a wave. */
function shownSeconds(step: PlanStep, plan: Plan): number {
  return pacedByWaves(plan) ? vertexWaveEstimateSeconds : step.bakeSeconds;
}

/**
 * The time axis' two ends over the bars: 0 and the plan's duration (its estimate on Vertex AI), and when the last
 * step's wait for its last metrics runs past that (`past`, seconds), the bound of it:
 * `1 h 20 min + up to 7 min for the last metrics`.
 */
function axis(plan: Plan, past: number): string {
  const timed = plan.steps.some((s) => shownSeconds(s, plan) > 0);
  const duration = summaryParts(plan).duration;
  const end = `${duration}${lastMetricsWords(past)}`;
  const ticks = timed ? ['0', end] : [];
  const spans = ticks.map((t) => `<span class="tick">${escapeXml(t)}</span>`).join('');
  return `<span class="axis-label">after provisioning</span><span class="axis">${spans}</span><span class="axis-end"></span>`;
}

function provisioning(plan: Plan): string {
  const unit = fleetUnit(plan);
  return [
    `<span class="step-label provision-label">Provision the new ${escapeXml(unit)}</span>`,
    `<svg class="bar" viewBox="0 0 ${bar.width} ${bar.height}" preserveAspectRatio="none" aria-hidden="true">`,
    `<title>Provisioning the new ${escapeXml(unit)}: its length is not known in advance and is not in the totals.</title>`,
    `<rect class="provision" x="1" y="1" width="${bar.width - 2}" height="${bar.height - 2}"/></svg>`,
    '<span class="bake-label">time unknown</span>',
  ].join('');
}

function stepRow(step: PlanStep, span: Span, total: number, plan: Plan): string {
  const scale = total === 0 ? 0 : bar.width / total;
  const x = span.start * scale;
  const w = Math.max(2, span.length * scale - 2);
  const share = Math.min(100, Math.max(0, step.trafficPercent));
  const filled = (bar.height * share) / 100;
  const fmt = (n: number) => n.toFixed(1);
  const wait = waitOf(step, plan) * scale;
  return [
    `<span class="step-label" data-step="${step.index}">${escapeXml(stepWords(step, plan))}</span>`,
    `<svg class="bar step" data-step="${step.index}" viewBox="0 0 ${bar.width} ${bar.height}" preserveAspectRatio="none" aria-hidden="true">`,
    `<title>${escapeXml(stepTitle(step, plan))}</title>`,
    `<rect class="track" x="0" y="0" width="${bar.width}" height="${bar.height}"/>`,
    `<rect class="old" x="${fmt(x)}" y="0" width="${fmt(w)}" height="${fmt(bar.height - filled)}"/>`,
    `<rect class="new" x="${fmt(x)}" y="${fmt(bar.height - filled)}" width="${fmt(w)}" height="${fmt(filled)}"/>`,
    // The wait for the last metrics: dashed and unfilled as provisioning is, a time not known in advance (a bound).
    ...(wait > 0
      ? [
          `<rect class="provision last-metrics" x="${fmt(x + w + 1)}" y="1" width="${fmt(Math.max(2, wait - 2))}" height="${bar.height - 2}"/>`,
        ]
      : []),
    '</svg>',
    `<span class="bake-label">${escapeXml(bakeLabel(step, plan))}</span>`,
  ].join('');
}

/** `Step 1 · 25% to new`, `Wave 2 · 100% to new`: the step and the traffic share it leaves on the new fleet. */
function stepWords(step: PlanStep, plan: Plan): string {
  return `${stepHeading(plan)} ${step.index} · ${step.trafficPercent}% to new`;
}

/** Words for a step's wait by its kind; kinds without words here read as a bake. */
const waitWords: Readonly<Record<string, string>> = {
  'termination-wait': 'termination wait',
  watch: 'watched bake',
  unwatched: 'unwatched bake',
  pause: 'pause',
};

/**
 * What follows a step's traffic shift: `bake 10 min`, `termination wait 10 min`, `gate: shiftwise promote`, or on
 * Vertex AI waves the wave's estimate, `ready in about 5 min (estimate)`; `no bake` when nothing waits. A bake (or
 * timed pause) that analysis checks judge says the most the step may go on for its last metrics:
 * `watched bake 10 min + up to 7 min for the last metrics`.
 */
export function bakeLabel(step: PlanStep, plan?: Plan): string {
  if (plan !== undefined && pacedByWaves(plan))
    return `ready in about ${humanDuration(vertexWaveEstimateSeconds)} (estimate)`;
  const kind: string = step.bake;
  if (kind === 'gate') return 'gate: shiftwise promote';
  if (kind === 'none' || step.bakeSeconds === 0) return 'no bake';
  return `${waitWords[kind] ?? 'bake'} ${humanDuration(step.bakeSeconds)}${lastMetricsWords(step.lastMetricsSeconds)}`;
}

/**
 * When a step starts after provisioning, as every table says it: its `startsAt`, or for Vertex AI waves, which have
 * no planned time, their estimate (`vertexWaveEstimateSeconds` a wave before them), said to be one. `zero` is how
 * the face writes the first step's start.
 *
 *   canary step 2 at 600 s → '10 min';  wave 1 → zero;  wave 3 → 'about 10 min'
 */
export function startWords(step: PlanStep, plan: Plan, zero = '0 s'): string {
  if (!pacedByWaves(plan)) return step.startsAt === 0 ? zero : humanDuration(step.startsAt);
  const at = (step.index - 1) * vertexWaveEstimateSeconds;
  return at === 0 ? zero : `about ${humanDuration(at)}`;
}

function stepTitle(step: PlanStep, plan: Plan): string {
  const at = pacedByWaves(plan) ? '' : ` at +${humanDuration(step.startsAt)}`;
  return (
    `${stepHeading(plan)} ${step.index}${at}: ${step.trafficPercent}% of traffic on ${step.greenActive} new and ` +
    `${step.blueActive} old ${fleetUnit(plan, step.blueActive)}; ${bakeLabel(step, plan)}.`
  );
}
