import type { Plan } from '@shiftwise/core';
import { count, escapeHtml, formatDuration } from './format.js';
import { bakeLabel, renderTimelineSvg } from './timeline-svg.js';

/** What the schedule preview shows for one rollout file. */
export interface PreviewInput {
  /** The file's name, for the heading when the plan has none. */
  readonly fileName: string;
  /** Absent when the server could not plan the file (syntax errors, no strategy). */
  readonly plan?: Plan;
  /** The server's markdown plan or explanation, shown as text when there is no plan. */
  readonly markdown?: string;
  readonly errors: number;
  readonly warnings: number;
  /** A fresh random value per render: the only style block allowed to apply carries it. */
  readonly nonce: string;
}

/**
 * The webview document: a heading, the verdict, the SVG timeline and a step table.
 * Content security policy: nothing may load (`default-src 'none'`), no script runs, and only the one style block
 * carrying `nonce` applies. Colours and fonts come from VS Code's theme variables, so the view follows the theme.
 */
export function renderPreviewHtml(input: PreviewInput): string {
  const { plan } = input;
  const title = plan?.name ?? input.fileName;
  const body = plan ? planBody(plan) : noPlanBody(input);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${input.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${input.nonce}">${stylesheet}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="verdict ${input.errors > 0 ? 'has-errors' : input.warnings > 0 ? 'has-warnings' : 'ok'}">${escapeHtml(verdict(input))}</p>
${body}
</body>
</html>`;
}

function verdict({ errors, warnings }: PreviewInput): string {
  if (errors === 0 && warnings === 0) return 'No problems.';
  return `${count(errors, 'error')}, ${count(warnings, 'warning')} — see the Problems panel.`;
}

function planBody(plan: Plan): string {
  const unit = plan.provider === 'vertex-ai' ? 'replicas' : 'instances';
  const capacity = `${plan.capacity} ${unit}${plan.capacityKnown ? '' : ' (example size: the file states no capacity)'}`;
  const timeout =
    plan.timeoutSeconds === undefined ? '' : ` · timeout ${formatDuration(plan.timeoutSeconds)}`;
  return `<p class="meta">${escapeHtml(`${plan.provider} · ${plan.strategy} · ${capacity}`)}</p>
<p class="summary">${escapeHtml(`${count(plan.steps.length, 'step')} · ${formatDuration(plan.totalSeconds)} after provisioning · peak ${plan.peakInstances} ${unit}${timeout}`)}</p>
<div class="chart">${renderTimelineSvg(plan)}</div>
<p class="legend"><span class="swatch new"></span>traffic on the new fleet <span class="swatch old"></span>traffic on the old fleet</p>
${stepTable(plan)}
${plan.assumptions.length > 0 ? `<h2>Assumptions</h2><ul>${plan.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` : ''}`;
}

function stepTable(plan: Plan): string {
  const rows = plan.steps.map(
    (s) =>
      `<tr><td>${s.index}</td><td>${startsAt(s.startsAt)}</td><td>${s.trafficPercent}%</td>` +
      `<td>${s.greenActive} / ${s.blueActive}</td><td>${escapeHtml(bakeLabel(s))}</td></tr>`,
  );
  return `<table class="steps"><thead><tr><th>Step</th><th>Starts</th><th>Traffic</th><th>New / old</th><th>Then</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>`;
}

/** `start`, `+10 min`: seconds after the first traffic shift. */
function startsAt(seconds: number): string {
  return seconds === 0 ? 'start' : `+${formatDuration(seconds)}`;
}

function noPlanBody(input: PreviewInput): string {
  const why = input.markdown?.trim() || 'The schedule appears once the file parses and names a strategy.';
  return `<p class="no-plan">No schedule yet.</p><pre class="explanation">${escapeHtml(why)}</pre>`;
}

const stylesheet = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 20px 20px; }
h1 { font-size: 1.4em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.1em; font-weight: 600; margin-top: 20px; }
.meta, .legend { color: var(--vscode-descriptionForeground); }
.summary { font-weight: 600; }
.verdict.has-errors { color: var(--vscode-errorForeground); }
.verdict.has-warnings { color: var(--vscode-editorWarning-foreground); }
/* Below 520 px the chart scrolls instead of shrinking its labels out of legibility. */
.chart { overflow-x: auto; margin: 8px 0; }
svg.timeline { width: 100%; min-width: 520px; max-width: 900px; height: auto; display: block; }
svg text { fill: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: 11px; }
svg .tick, svg .bake-label { fill: var(--vscode-descriptionForeground); }
svg .traffic { font-weight: 600; paint-order: stroke; stroke: var(--vscode-editor-background); stroke-width: 3px; }
svg .grid { stroke: var(--vscode-panel-border, var(--vscode-widget-border)); stroke-dasharray: 2 3; }
rect.new, .swatch.new { fill: var(--vscode-charts-green); background: var(--vscode-charts-green); }
rect.old, .swatch.old { fill: var(--vscode-charts-blue); background: var(--vscode-charts-blue); opacity: 0.3; }
rect.provision { fill: none; stroke: var(--vscode-descriptionForeground); stroke-dasharray: 4 3; }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; vertical-align: middle; }
table.steps { border-collapse: collapse; margin-top: 8px; }
table.steps th, table.steps td { text-align: left; padding: 3px 14px 3px 0; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border)); }
pre.explanation { white-space: pre-wrap; font-family: var(--vscode-editor-font-family); }
`;
