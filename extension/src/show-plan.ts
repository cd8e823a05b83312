import type { ShowPlanResult } from '@shiftwise/language-server';
import type { TextDocument } from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

export type { ShowPlanResult };

/**
 * Asks the server for the plan of `document` and its views (`workspace/executeCommand` `shiftwise.showPlan` with
 * the document's URI): the markdown, the status bar's words and the preview's content, all worded by the server.
 * Resolves `undefined` when the server has no answer (file not parsed yet, server stopped); never rejects, so
 * callers can refresh views on every keystroke without error handling.
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
  const result = value as Partial<ShowPlanResult> | null;
  return (
    typeof result === 'object' &&
    result !== null &&
    typeof result.markdown === 'string' &&
    typeof result.previewHtml === 'string' &&
    typeof result.status?.text === 'string' &&
    typeof result.status?.tooltip === 'string'
  );
}
