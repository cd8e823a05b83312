/** What the webview page holds: the server's preview content and this render's nonce. */
export interface PreviewPage {
  /**
   * The inside of `<body>`: `previewHtml` of the server's `shiftwise.showPlan` answer (core's `renderPreviewBody`,
   * static markup with every text escaped), or a fixed message of the extension's own.
   */
  readonly body: string;
  /** A fresh random value per render: the only style block allowed to apply carries it. */
  readonly nonce: string;
}

/**
 * The webview document around the server's preview content. Content security policy: nothing may load
 * (`default-src 'none'`), no script runs, and only the one style block carrying `nonce` applies (style attributes
 * do not), so whatever the body holds stays static. Colours and fonts come from VS Code's theme variables, so the
 * view follows the theme; the class names are those core's preview and timeline use.
 */
export function previewPage({ body, nonce }: PreviewPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${stylesheet}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** Shown while the language server has not answered for the file (starting, or stopped: see the output). */
export const noAnswerBody =
  '<p class="no-plan">No schedule: the Shiftwise language server has not answered for this file. See the Shiftwise output.</p>';

/**
 * The preview's look, in VS Code's theme variables only (light, dark and high contrast alike; no fixed colour).
 * The timeline is a grid of rows (label, bar, what follows) that wraps into one column when the panel is narrow;
 * its text is HTML in the editor's font size, and its bars are SVG stretched to the column, so nothing is clipped
 * at any width from 320 px. Below 640 px a three-column row would squeeze the bar, so the rows stack.
 */
const stylesheet = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 20px 20px; overflow-wrap: break-word; }
h1 { font-size: 1.4em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.1em; font-weight: 600; margin-top: 20px; }
.meta, .legend, .axis-label, .tick, .bake-label { color: var(--vscode-descriptionForeground); }
.fact { white-space: nowrap; }
.summary { font-weight: 600; }
.verdict.has-errors { color: var(--vscode-errorForeground); }
.verdict.has-warnings { color: var(--vscode-editorWarning-foreground); }
.chart { margin: 12px 0 8px; max-width: 900px; }
.timeline { display: grid; grid-template-columns: max-content minmax(80px, 1fr) max-content; gap: 6px 12px; align-items: center; }
.axis { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 12px; }
.step-label { font-weight: 600; }
.provision-label { font-weight: normal; }
svg.bar { display: block; width: 100%; height: 22px; }
svg .track { fill: var(--vscode-editorWidget-background, transparent); stroke: var(--vscode-panel-border, var(--vscode-widget-border, transparent)); stroke-width: 1px; vector-effect: non-scaling-stroke; }
rect.new, .swatch.new { fill: var(--vscode-charts-green); background: var(--vscode-charts-green); }
rect.old, .swatch.old { fill: var(--vscode-charts-blue); background: var(--vscode-charts-blue); }
rect.new, rect.old { stroke: var(--vscode-contrastBorder, transparent); stroke-width: 1px; vector-effect: non-scaling-stroke; }
rect.provision { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.5px; stroke-dasharray: 6 4; vector-effect: non-scaling-stroke; }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; vertical-align: middle; border: 1px solid var(--vscode-contrastBorder, transparent); }
.table { overflow-x: auto; }
table.steps { border-collapse: collapse; margin-top: 8px; }
table.steps th, table.steps td { text-align: left; padding: 3px 14px 3px 0; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border)); }
table.steps th { white-space: nowrap; }
table.steps td { overflow-wrap: anywhere; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 3px; border-radius: 3px; }
pre.explanation { white-space: pre-wrap; font-family: var(--vscode-editor-font-family); }
/* A narrow panel: one column, each step's label, bar and wait under one another. */
@media (max-width: 640px) {
  body { padding: 0 10px 16px; }
  .timeline { grid-template-columns: minmax(0, 1fr); gap: 2px; }
  .timeline .bake-label { margin-bottom: 8px; }
  .axis-end { display: none; }
  table.steps th, table.steps td { padding-right: 8px; }
}
`;
