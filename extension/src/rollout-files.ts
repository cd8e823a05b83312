import type { rolloutGlobAnyCase as coreGlob } from '@shiftwise/core';
import { languages, type TextDocument } from 'vscode';

/**
 * core's `rolloutGlobAnyCase`, written out: the extension loads no core code at run time (the language server
 * does the work), and the type, core's string literal, makes `pnpm typecheck` fail the moment the two differ.
 * The language client's document selector uses it as is.
 */
export const rolloutGlob: typeof coreGlob =
  '**/*.[rR][oO][lL][lL][oO][uU][tT].{[yY][aA][mM][lL],[yY][mM][lL],[jJ][sS][oO][nN]}';

/**
 * True for `*.rollout.yaml`, `*.rollout.yml` and `*.rollout.json` documents in any case, whatever their language
 * mode, matched by VS Code against `rolloutGlob` as for the document selector; unsaved buffers are not.
 */
export function isRolloutDocument(document: TextDocument | undefined): document is TextDocument {
  return document !== undefined && languages.match({ pattern: rolloutGlob }, document) > 0;
}
