// Plans for people: terminal text, GitHub markdown with a mermaid gantt, the pull-request body, the editor's preview,
// the plan JSON of docs/plan.md, and plan diffs.
export { changeWords, diffPlans, type PlanChange, type PlanDiff, renderPlanDiffMarkdown } from './diff.js';
export { type EditorStatus, editorStatus, type ProblemCounts, problemWords } from './editor-status.js';
export type { EmptyBodyReason } from './empty-body.js';
export {
  defuseAutolinks,
  escapeHtml,
  escapeMarkdown,
  escapeXml,
  fenceFor,
  mermaidText,
  visibleControls,
} from './escape.js';
export { type PlanFacts, planFacts } from './facts.js';
export { countFindings, type FileReport, type FileVersions, fileReport } from './file-report.js';
export { fileSection, messageMarkdown } from './file-section.js';
export { planToJson } from './json.js';
export { inertJson, type MarkdownOptions, renderPlanMarkdown } from './markdown.js';
export { type BlastRadius, blastRadius, blastRadiusWords, extraInstanceMinutes } from './measures.js';
export { chartTime, planGantt } from './mermaid.js';
export { type PreviewInput, renderPreviewBody } from './preview.js';
export {
  githubCommentLimit,
  githubSummaryLimit,
  type PullRequestBodyOptions,
  renderPullRequestBody,
} from './pull-request.js';
export { lastMetricsWords } from './run-steps-words.js';
export { renderPlanText } from './text.js';
export { bakeLabel, renderTimelineSvg } from './timeline-svg.js';
