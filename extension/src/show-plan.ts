import type { Plan } from '@shiftwise/core';
import type { TextDocument } from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

/** The language server's answer to `shiftwise.showPlan`; `plan` is absent when the file cannot be planned. */
export interface ShowPlanResult {
  readonly markdown: string;
  readonly plan?: Plan;
}

/**
 * Asks the server for the plan of `document` (`workspace/executeCommand` `shiftwise.showPlan` with the document's
 * URI). Resolves `undefined` when the server has no answer (file not parsed yet, server stopped); never rejects,
 * so callers can refresh views on every keystroke without error handling.
 */
export async function requestPlan(
  client: LanguageClient,
  document: TextDocument,
): Promise<ShowPlanResult | undefined> {
  try {
    const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
      command: 'shiftwise.showPlan',
      arguments: [document.uri.toString()],
    });
    return isShowPlanResult(result) ? result : undefined;
  } catch (error) {
    client.warn(`shiftwise.showPlan failed for ${document.uri.toString()}`, error);
    return undefined;
  }
}

function isShowPlanResult(value: unknown): value is ShowPlanResult {
  return (
    typeof value === 'object' && value !== null && typeof (value as ShowPlanResult).markdown === 'string'
  );
}
