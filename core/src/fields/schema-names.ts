import { type FieldDoc, fieldTable } from './table.js';

/** A JSON Schema (or a part of one) as plain data. */
export type Schema = Record<string, unknown>;

/** Distinct paths directly under `parent`, in table order. */
export function childPaths(parent: string): string[] {
  const paths = fieldTable
    .map((f) => f.path)
    .filter((p) => p.slice(0, Math.max(0, p.lastIndexOf('.'))) === parent);
  return [...new Set(paths)];
}

/** The `$defs` name of a field: its path, plus provider and strategies when the path has variants. */
export function defName(f: FieldDoc): string {
  if (fieldTable.filter((g) => g.path === f.path).length === 1) return f.path;
  return [f.path, ...f.providers, ...(f.strategies ?? []), ...(f.targets ?? [])].join('-');
}
