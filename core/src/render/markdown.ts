import { fleetCount, fleetUnit } from '../plan/fleet-unit.js';
import { humanDuration } from '../plan/human-duration.js';
import { pacedByWaves, planSubject, stepNoun, summaryParts } from '../plan/summary.js';
import type { Plan, PlanStep } from '../plan/types.js';
import { escapeHtml, escapeMarkdown, fenceFor } from './escape.js';
import { blastRadius, blastRadiusWords, extraMinutesWords, unknownSizeWords } from './measures.js';
import { planGantt } from './mermaid.js';
import { callWhen, checkWords, gateWords, lastMetricsWords } from './run-steps-words.js';
import { bakeLabel, startWords } from './timeline-svg.js';

const bakeNames: Record<PlanStep['bake'], string> = {
  'wait-interval': 'WaitIntervalInSeconds',
  'termination-wait': 'TerminationWaitInSeconds',
  none: '—',
  watch: 'bake, watched by Shiftwise',
  unwatched: 'bake, watched by nothing',
  pause: 'pause',
  gate: 'gate: shiftwise promote',
};

export interface MarkdownOptions {
  /** Heading level of the plan's title, 1–6; default 3 (inside a PR comment). */
  readonly headingLevel?: number;
  /** Include the provider request as JSON in a collapsed section; default true. */
  readonly request?: boolean;
}

/**
 * The plan as GitHub markdown (PR comment, job summary, `shiftwise plan --format markdown`): a title (naming the
 * inference component when one is updated), the totals, a step table, a mermaid gantt, blast radius and extra
 * instance-minutes (copy-minutes, replica-minutes: `fleetUnit`), the assumptions, and the exact provider request
 * collapsed under its operation's name. Every piece of text from the file goes through `escapeMarkdown`.
 *
 *   ### chat · sagemaker rolling · inference component chat-ic on llm-prod
 *   **4 steps** · **20 min** after provisioning (timeout 2 h) · peak **10 copies** · capacity 8 copies
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const level = '#'.repeat(Math.min(6, Math.max(1, options.headingLevel ?? 3)));
  const radius = blastRadius(plan);
  const summary = summaryParts(plan);
  const capacity = `${fleetCount(plan, plan.capacity)}${plan.capacityKnown ? '' : ` (example size: ${unknownSizeWords(plan)})`}`;
  const subject = planSubject(plan);
  const lines = [
    `${level} ${escapeMarkdown(plan.name)} · ${plan.provider} ${plan.strategy}${subject ? ` · ${escapeMarkdown(subject)}` : ''}`,
    '',
    `**${summary.steps}** · **${summary.duration}**${summary.timed ? ' after provisioning' : ''}` +
      (plan.timeoutSeconds !== undefined ? ` (timeout ${humanDuration(plan.timeoutSeconds)})` : '') +
      ` · peak **${summary.peakCount}** · capacity ${capacity}`,
    '',
    `| ${stepNoun(plan)} | starts | traffic to new | new / old | bake |`,
    '| ---: | ---: | ---: | ---: | --- |',
    ...plan.steps.map(
      (s) =>
        `| ${s.index} | ${startWords(s, plan)} | ${s.trafficPercent}% | ${s.greenActive} / ${s.blueActive} | ` +
        `${!pacedByWaves(plan) ? (gateWords(s) ?? (s.bakeSeconds > 0 ? `${humanDuration(s.bakeSeconds)} (${bakeNames[s.bake]})${lastMetricsWords(s.lastMetricsSeconds)}` : '—')) : bakeLabel(s, plan)} |`,
    ),
    '',
    '```mermaid',
    planGantt(plan),
    '```',
    '',
    `**Blast radius:** ${blastRadiusWords(radius, stepNoun(plan))}. **Extra ${fleetUnit(plan, 1)}-minutes:** ${extraMinutesWords(plan)}.`,
    '',
    ...(plan.analysis && plan.analysis.length > 0
      ? [
          `**Analysis** (${pacedByWaves(plan) ? 'while the deployment rolls, and after it' : 'while each step bakes'}):`,
          '',
          ...plan.analysis.map((c) => `- **${escapeMarkdown(c.name)}**: ${escapeMarkdown(checkWords(c))}`),
          '',
        ]
      : []),
    ...(plan.sequence
      ? [
          '<details><summary>Request sequence</summary>',
          '',
          ...plan.sequence.map(
            (c, i) => `${i + 1}. ${callWhen(c)}: \`${c.operation}\`, ${escapeMarkdown(c.note)}`,
          ),
          '',
          '</details>',
          '',
        ]
      : []),
    '<details><summary>Assumptions</summary>',
    '',
    ...plan.assumptions.map((a) => `- ${escapeHtml(a)}`),
    '',
    '</details>',
  ];
  if (options.request ?? true) {
    const json = inertJson(plan.request);
    const fence = fenceFor(json);
    lines.push(
      '',
      `<details><summary>${plan.request.operation} request</summary>`,
      '',
      `${fence}json`,
      json,
      fence,
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * JSON that says the same but shows no markup: `<`, `>`, `&` and `@` as `\u` escapes, so a hostile alarm name
 * inside the request cannot close a `<details>` or mention anyone, even where a renderer ignores the code fence;
 * bidirectional overrides too, so a name cannot reorder how the request reads.
 */
export function inertJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[<>&@\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
