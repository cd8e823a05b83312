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
