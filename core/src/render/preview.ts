import { fleetCount, fleetUnit } from '../plan/fleet-unit.js';
import { humanDuration } from '../plan/human-duration.js';
import { planSubject, planSummary, stepHeading } from '../plan/summary.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { type ProblemCounts, problemWords } from './editor-status.js';
import { escapeXml } from './escape.js';
import { bakeLabel, renderTimelineSvg, startWords } from './timeline-svg.js';

/** What the editor's schedule preview shows for one rollout file. */
export interface PreviewInput {
  /** The file's name, for the heading when there is no plan. */
  readonly fileName: string;
  /** Absent when the file cannot be planned (syntax errors, no strategy). */
  readonly plan?: Plan;
  /** Why there is no plan, shown as text when `plan` is absent. */
  readonly explanation?: string;
  readonly problems: ProblemCounts;
}

/**
 * The preview's content as an HTML fragment for the inside of `<body>`: a heading, the verdict, the plan's headline
 * (`planSummary`), its provider, what it updates when that is an inference component, strategy, capacity and
 * timeout, the timeline (`renderTimelineSvg`; with analysis checks, a dashed segment after each judged bake for the
 * wait for its last metrics, named in the legend), a step table (whose "Then" says `watched bake 10 min + up to 7 min
 * for the last metrics`) and the assumptions, in the fleet's unit (`fleetUnit`).
 * Static markup only (no script, no style attribute, nothing to load), every text escaped: the page around it
 * brings the stylesheet for its classes and the content security policy.
 *
 *   canary 25% of 4 → '<h1>fraud-detector</h1>\n<p class="verdict ok">No problems.</p>\n<p class="summary">2 steps · …'
 */
export function renderPreviewBody(input: PreviewInput): string {
  const { plan, problems } = input;
  const verdict = problems.errors > 0 ? 'has-errors' : problems.warnings > 0 ? 'has-warnings' : 'ok';
  const says =
    problems.errors === 0 && problems.warnings === 0
      ? 'No problems.'
      : `${problemWords(problems)} — see the Problems panel.`;
  return `<h1>${escapeXml(plan?.name ?? input.fileName)}</h1>
<p class="verdict ${verdict}">${escapeXml(says)}</p>
${plan ? planBody(plan) : noPlanBody(input.explanation)}`;
}

function planBody(plan: Plan): string {
  const stated = plan.target === 'inference-component' ? 'copy count' : 'capacity';
  const capacity = `${fleetCount(plan, plan.capacity)}${plan.capacityKnown ? '' : ` (example size: the file states no ${stated})`}`;
  const subject = planSubject(plan);
  const facts = [
    plan.provider,
    ...(subject ? [subject] : []),
    plan.strategy,
    `capacity ${capacity}`,
    ...(plan.timeoutSeconds === undefined ? [] : [`timeout ${humanDuration(plan.timeoutSeconds)}`]),
  ];
  const unit = fleetUnit(plan);
  const assumptions = plan.assumptions.map((a) => `<li>${withCode(a)}</li>`).join('');
  return `<p class="summary">${escapeXml(planSummary(plan))}</p>
<p class="meta">${facts.map((f) => `<span class="fact">${escapeXml(f)}</span>`).join(' · ')}</p>
<div class="chart">${renderTimelineSvg(plan)}</div>
<p class="legend"><span class="swatch new"></span>traffic on the new ${unit} <span class="swatch old"></span>traffic on the old ${unit}${lastMetricsLegend(plan)}</p>
${stepTable(plan)}
${plan.assumptions.length > 0 ? `<h2>Assumptions</h2><ul>${assumptions}</ul>` : ''}`;
}

/**
 * What the timeline's dashed segment after a bake stands for, when a step has one: the most it may go on for its
 * last metrics to settle, a bound the start times leave out (`lastMetricsSeconds`).
 */
function lastMetricsLegend(plan: Plan): string {
  const most = Math.max(0, ...plan.steps.map((s) => s.lastMetricsSeconds ?? 0));
  if (most === 0) return '';
  return ` · dashed after a bake: up to ${escapeXml(humanDuration(most))} more while its last metrics settle (the start times leave it out)`;
}

function stepTable(plan: Plan): string {
  const rows = plan.steps.map(
    (s) =>
      `<tr><td>${stepHeading(plan)} ${s.index}</td><td>${previewStart(s, plan)}</td>` +
      `<td>${s.trafficPercent}%</td><td>${s.greenActive} / ${s.blueActive}</td><td>${escapeXml(bakeLabel(s, plan))}</td></tr>`,
  );
  return `<div class="table"><table class="steps"><thead><tr><th>${stepHeading(plan)}</th><th>Starts</th><th>Traffic</th><th>New / old</th><th>Then</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>`;
}

/** When a step starts after provisioning: `start`, `+10 min`; for Vertex AI waves their estimate, `about +5 min`. */
function previewStart(step: PlanStep, plan: Plan): string {
  const words = startWords(step, plan, 'start');
  return words === 'start' ? words : words.replace(/^(about )?/, '$1+');
}

/** Plan text with its `code` spans as <code>, everything escaped: the preview is where markdown may show. */
function withCode(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeXml(part)}</code>` : escapeXml(part)))
    .join('');
}

function noPlanBody(explanation: string | undefined): string {
  const why = explanation?.trim() || 'The schedule appears once the file parses and names a strategy.';
  return `<p class="no-plan">No schedule yet.</p><pre class="explanation">${escapeXml(why)}</pre>`;
}
