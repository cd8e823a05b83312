// The language service: plain functions over one analysed document, depending only on core and LSP types.
// No transport, no document store, no I/O: the server (../server.ts) wires them to a connection.
export { type Analysis, type AnalyzeOptions, analyze, fileNameOf } from './analysis.js';
export { codeActions } from './code-actions.js';
export { type CodeLensOptions, codeLenses } from './code-lens.js';
export { type CompletionOptions, completion } from './completion.js';
export { type CursorContext, cursorContext } from './cursor.js';
export { type DiagnosticOptions, defaultRulesDocsUrl, diagnostics } from './diagnostics.js';
export { hover, hoverMarkdown } from './hover.js';
export { type ShowPlanResult, showPlan, showPlanCommand, showPlanUnavailable } from './show-plan.js';
export { documentSymbols } from './symbols.js';
