import { type Plan, renderPlanMarkdown } from '@shiftwise/core';
import type { Analysis } from './analysis.js';

/** The command other editors run to see the schedule; the VS Code extension renders its preview from it. */
export const showPlanCommand = 'shiftwise.showPlan';

/** The answer of `shiftwise.showPlan`: the plan as markdown, and the plan itself when the file can be planned. */
export interface ShowPlanResult {
  readonly markdown: string;
  readonly plan?: Plan;
}

/**
 * The plan of the document as markdown (`renderPlanMarkdown`, heading level 1 for a preview), or a short
 * explanation of why there is none: the file does not parse into a rollout yet.
 */
export function showPlan(analysis: Analysis): ShowPlanResult {
  const planned = analysis.plan();
  if (planned === undefined) {
    const errors = analysis.validation.diagnostics.filter((d) => d.severity === 'error').length;
    return {
      markdown: `No plan yet: the file does not describe a rollout (${errors} ${errors === 1 ? 'error' : 'errors'}; see Problems).`,
    };
  }
  return { markdown: renderPlanMarkdown(planned, { headingLevel: 1 }), plan: planned };
}
