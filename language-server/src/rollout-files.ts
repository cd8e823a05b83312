import { isRolloutFile } from '@shiftwise/core';

/**
 * Whether the server answers for a document: a rollout file by core's `isRolloutFile` (any case), or an unsaved
 * `untitled:` buffer, which a client only sends when the user chose the language. A client configured by file
 * type (every YAML file) thus gets no diagnostics on its docker-compose.yaml.
 *
 *   servesDocument('file:///w/FRAUD.Rollout.YAML') → true;  servesDocument('untitled:Untitled-1') → true;
 *   servesDocument('file:///w/compose.yaml') → false
 */
export function servesDocument(uri: string): boolean {
  return uri.startsWith('untitled:') || isRolloutFile(uri);
}
