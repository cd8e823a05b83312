import { readdirSync, readFileSync } from 'node:fs';
import { isRolloutFile } from '@shiftwise/core';

// A bundled CLI carries the example files: scripts/build.mjs defines SHIFTWISE_EXAMPLES as their texts by file
// name. Run from source (tests, `node --import tsx cli/src/bin.ts`), they are read from the checkout's examples/.
declare const SHIFTWISE_EXAMPLES: Readonly<Record<string, string>> | undefined;

/** The rollout files of examples/ by name, the same files the README shows. */
export function exampleTexts(): Readonly<Record<string, string>> {
  if (typeof SHIFTWISE_EXAMPLES !== 'undefined') return SHIFTWISE_EXAMPLES;
  const folder = new URL('../../examples/', import.meta.url);
  const names = readdirSync(folder).filter(isRolloutFile);
  return Object.fromEntries(names.sort().map((f) => [f, readFileSync(new URL(f, folder), 'utf8')]));
}
