// Types of scripts/start-up-rewrite.mjs for its test.
import type { SourceMapPayload } from 'node:module';

/** `code` rewritten for a faster start; `map` composed through the change. */
export function startUpRewrite(
  code: string,
  map: SourceMapPayload | undefined,
  file: string,
): { code: string; map: SourceMapPayload | undefined; moved: number; required: number; imports: string[] };

/** A cycle of static imports among a bundle's files (path within its folder → the specifiers it imports). */
export function importCycle(imports: Map<string, string[]>): string[] | undefined;
