// Types of scripts/eager-functions.mjs for its test.
import type { SourceMapPayload } from 'node:module';

/** `code` with its top-level functions compiled with the module; `map` composed through the change. */
export function eagerFunctions(
  code: string,
  map: SourceMapPayload | undefined,
  file: string,
): { code: string; map: SourceMapPayload | undefined; moved: number };
