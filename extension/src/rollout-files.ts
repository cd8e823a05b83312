import type { TextDocument } from 'vscode';

/** Glob of the files Shiftwise serves (docs/rollout-file.md); the language client's document selector uses it as is. */
export const rolloutGlob = '**/*.rollout.{yaml,yml,json}';

const rolloutName = /\.rollout\.(ya?ml|json)$/;

/** True for `*.rollout.yaml`, `*.rollout.yml` and `*.rollout.json` documents, whatever their language mode. */
export function isRolloutDocument(document: TextDocument | undefined): document is TextDocument {
  return document !== undefined && rolloutName.test(document.uri.path);
}
