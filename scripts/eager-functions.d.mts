// Types of scripts/eager-functions.mjs for its test.
import type { SourceMapPayload } from 'node:module';

/** `code` with its top-level functions compiled with the module; `map` composed through the change. */
export function eagerFunctions(
  code: string,
  map: SourceMapPayload | undefined,
  file: string,
): { code: string; map: SourceMapPayload | undefined; moved: number; imports: string[] };

/** A cycle of static imports among a bundle's files (file name → the specifiers it imports), or undefined. */
export function importCycle(imports: Map<string, string[]>): string[] | undefined;
