import { countFindings, planSummary } from '@shiftwise/core';
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { toRange } from './convert.js';

/** The command a code lens runs; editors that know Shiftwise map it to their own preview. */
export interface CodeLensOptions {
  /** Default `shiftwise.showPlan`, which every client can run through `workspace/executeCommand`. */
  readonly command?: string;
}

/**
 * One lens on the `strategy` key with the schedule summary, e.g. "5 steps · 25 min · peak 10 instances"
 * (`planSummary` of the file's plan), or, while the file has errors, "No plan: 1 error; fix it to see the plan"
 * (`noPlanWords`). None while the file has no rollout to plan.
 */
export function codeLenses(analysis: Analysis, options: CodeLensOptions = {}): CodeLens[] {
  const span = analysis.validation.source.get('strategy');
  if (span === undefined || analysis.plan() === undefined) return [];
  const shown = analysis.shownPlan();
  const command = options.command ?? 'shiftwise.showPlan';
  return [
    {
      range: toRange(analysis, span.key ?? span.value),
      command: {
        title: shown
          ? planSummary(shown)
          : noPlanWords(countFindings(analysis.validation.diagnostics).errors),
        command,
        // `shiftwise.showPlan` takes the document; an editor's own preview command acts on the active file.
        arguments: command === 'shiftwise.showPlan' ? [analysis.uri] : [],
      },
    },
  ];
}

/** Why a file with errors shows no plan, in the CLI's words: `No plan: 2 errors; fix them to see the plan`. */
export function noPlanWords(errors: number): string {
  return errors === 1
    ? 'No plan: 1 error; fix it to see the plan'
    : `No plan: ${errors} errors; fix them to see the plan`;
}
