import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver';
import type { Analysis } from './service/analysis.js';
import { codeActionSteps, codeActions } from './service/code-actions.js';
import { codeLenses } from './service/code-lens.js';
import { completion } from './service/completion.js';
import { hover } from './service/hover.js';
import { type ShowPlanResult, showPlan, showPlanUnavailable } from './service/show-plan.js';
import { documentSymbols } from './service/symbols.js';

/**
 * A request of the language service as plain data, so it can be answered where the document's analysis lives:
 * on the server's thread, or in the analysis worker for large documents (./worker-lane.ts).
 */
export type FeatureRequest =
  | { readonly feature: 'hover'; readonly position: Position }
  | { readonly feature: 'completion'; readonly position: Position; readonly knownAlarms: readonly string[] }
  | {
      readonly feature: 'codeAction';
      readonly range: Range;
      readonly diagnostics: readonly Diagnostic[];
      /** The document version the fixes are for, when the client takes versioned edits (`documentChanges`). */
      readonly version?: number;
    }
  | { readonly feature: 'codeLens'; readonly command: string }
  | { readonly feature: 'documentSymbol' }
  | { readonly feature: 'showPlan' };

export interface FeatureAnswers {
  hover: Hover | null;
  completion: CompletionList;
  codeAction: CodeAction[];
  codeLens: CodeLens[];
  documentSymbol: DocumentSymbol[];
  showPlan: ShowPlanResult;
}

export type AnswerTo<R extends FeatureRequest> = FeatureAnswers[R['feature']];

/** The service's answer to `request` from one analysed document. */
export function answer<R extends FeatureRequest>(analysis: Analysis, request: R): AnswerTo<R> {
  const r: FeatureRequest = request;
  switch (r.feature) {
    case 'hover':
      return hover(analysis, r.position) as AnswerTo<R>;
    case 'completion':
      return completion(analysis, r.position, { knownAlarms: r.knownAlarms }) as AnswerTo<R>;
    case 'codeAction':
      return codeActions(analysis, r.range, r.diagnostics, r.version) as AnswerTo<R>;
    case 'codeLens':
      return codeLenses(analysis, { command: r.command }) as AnswerTo<R>;
    case 'documentSymbol':
      return documentSymbols(analysis) as AnswerTo<R>;
    case 'showPlan':
      return showPlan(analysis) as AnswerTo<R>;
  }
}

/**
 * `answer` as steps, for the server's thread: a request whose work is long pauses (yields) between its units of
 * work, so the server can read a `$/cancelRequest` meanwhile (./cancellation.ts). Only the quick fixes' trials
 * pause; every other answer is one short pass and comes at the first step.
 */
export function* answerSteps<R extends FeatureRequest>(
  analysis: Analysis,
  request: R,
): Generator<void, AnswerTo<R>> {
  const r: FeatureRequest = request;
  if (r.feature !== 'codeAction') return answer(analysis, request);
  return (yield* codeActionSteps(analysis, r.range, r.diagnostics, r.version)) as AnswerTo<R>;
}

/** The answer when there is no analysis to answer from (not a rollout file, not open, or a failure). */
export function noAnswer<R extends FeatureRequest>(uri: string, request: R): AnswerTo<R> {
  const r: FeatureRequest = request;
  switch (r.feature) {
    case 'hover':
      return null as AnswerTo<R>;
    case 'completion':
      return { isIncomplete: false, items: [] } as unknown as AnswerTo<R>;
    case 'showPlan':
      return showPlanUnavailable(uri) as AnswerTo<R>;
    default:
      return [] as unknown as AnswerTo<R>;
  }
}
