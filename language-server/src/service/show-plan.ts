import {
  countFindings,
  type EditorStatus,
  editorStatus,
  type Plan,
  planSummary,
  renderPlanMarkdown,
  renderPreviewBody,
} from '@shiftwise/core';
import { type Analysis, fileNameOf } from './analysis.js';
import { noPlanWords } from './code-lens.js';

/** The command other editors run to see the schedule; the VS Code extension draws its views from its answer. */
export const showPlanCommand = 'shiftwise.showPlan';

/**
 * The answer of `shiftwise.showPlan`: everything a client shows of the file's plan, worded by core, so a client
 * formats nothing itself.
 */
export interface ShowPlanResult {
  /** The plan as markdown (`renderPlanMarkdown`, heading level 1), or why there is none. */
  readonly markdown: string;
  /** The plan JSON of docs/plan.md; absent when the file cannot be planned. */
  readonly plan?: Plan;
  /** The headline, as on the code lens (`planSummary`): `2 steps · 20 min · peak 8 instances`. */
  readonly summary?: string;
  /** The status bar's words for this version of the file (`editorStatus`); the client adds its icon. */
  readonly status: EditorStatus;
  /**
   * The schedule preview's content, an HTML fragment for inside `<body>` (`renderPreviewBody`): static markup,
   * every text escaped. The client wraps it in its page, stylesheet and content security policy.
   */
  readonly previewHtml: string;
}

/**
 * The plan of the document and its views, or a short explanation of why there is none: the file does not parse
 * into a rollout yet, or it has errors (`Analysis.shownPlan`: one behaviour on every face, as the CLI's). Findings
 * are counted from the same analysis the diagnostics were published from.
 */
export function showPlan(analysis: Analysis): ShowPlanResult {
  const planned = analysis.shownPlan();
  const problems = countFindings(analysis.validation.diagnostics);
  const fileName = fileNameOf(analysis.uri);
  const status = editorStatus(problems, planned);
  if (planned === undefined) {
    const errors = problems.errors;
    const markdown =
      analysis.plan() === undefined
        ? `No plan yet: the file does not describe a rollout (${errors} ${errors === 1 ? 'error' : 'errors'}; see Problems).`
        : `${noPlanWords(errors)} (see Problems). A file with errors is not planned: the schedule would not be the one it describes.`;
    return {
      markdown,
      status,
      previewHtml: renderPreviewBody({ fileName, explanation: markdown, problems }),
    };
  }
  return {
    markdown: renderPlanMarkdown(planned, { headingLevel: 1 }),
    plan: planned,
    summary: planSummary(planned),
    status,
    previewHtml: renderPreviewBody({ fileName, plan: planned, problems }),
  };
}

/**
 * The answer for a URI the server has no open rollout file for: the message everywhere a view would go, and a
 * status that is not `ok` (nothing was checked, so nothing passed).
 */
export function showPlanUnavailable(uri: string): ShowPlanResult {
  const markdown = `Shiftwise: ${uri} is not an open rollout file (*.rollout.yaml, *.rollout.yml, *.rollout.json).`;
  const problems = { errors: 0, warnings: 0 };
  return {
    markdown,
    status: { verdict: 'warning', text: 'Shiftwise: not open', tooltip: markdown },
    previewHtml: renderPreviewBody({ fileName: fileNameOf(uri), explanation: markdown, problems }),
  };
}
