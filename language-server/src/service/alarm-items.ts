// Completion of rollback.alarms items (./completion.ts): the names used elsewhere in the workspace that this list
// does not have yet, written so that YAML or JSON reads each back unchanged.
import { scalarsByPath } from '@shiftwise/core';
import { CompletionItemKind } from 'vscode-languageserver-protocol';
import type { Analysis } from './analysis.js';
import type { Draft } from './completion.js';
import type { CursorContext } from './cursor.js';

/** The items for a list item at `at`: alarm names, in `rollback.alarms` only. */
export function alarmItems(
  at: Extract<CursorContext, { kind: 'item' }>,
  alarms: readonly string[],
  written: { readonly json: boolean; readonly before: string | undefined },
): Draft[] {
  const { json, before } = written;
  if (at.path !== 'rollback.alarms') return [];
  return [...new Set(alarms.filter(isAlarmName))].sort().map((name) => ({
    label: name,
    kind: CompletionItemKind.Value,
    detail: 'CloudWatch alarm used in this workspace',
    textEdit: json
      ? at.quoted
        ? JSON.stringify(name).slice(1, -1)
        : JSON.stringify(name)
      : yamlItem(name, at.quoted ? before : undefined),
  }));
}

/**
 * The names not yet in the list at `path`: a name listed twice is an `alarm-duplicate`. The item the cursor is in
 * (`[a, fr|]`) is the one being written, not one already there.
 */
export function unlisted(
  analysis: Analysis,
  path: string,
  offset: number,
  names: readonly string[],
): string[] {
  const listed = new Set<string>();
  const { source, tree } = analysis.validation;
  const scalars = scalarsByPath(tree);
  for (let i = 0; ; i++) {
    const span = source.get(`${path}.${i}`);
    if (span === undefined) break;
    const { start, end } = span.value;
    if (start <= offset && offset <= end) continue;
    // The name as YAML and JSON read it (`"caf\u00e9"` is `café`), else as written (`123`).
    const value = scalars.get(`${path}.${i}`)?.value;
    listed.add(typeof value === 'string' ? value : analysis.text.slice(start, end).trim());
  }
  return names.filter((name) => !listed.has(name));
}

/**
 * Whether a name used in the workspace is worth offering: one the `alarm-name` rule accepts (1–255 characters, not
 * blank, on one line, no control characters). Another file's broken name is not copied into this one.
 */
function isAlarmName(name: string): boolean {
  return /^(?=.*\S)[^\u0000-\u001f\u007f-\u009f\u2028\u2029]{1,255}$/.test(name);
}

/**
 * A name as YAML reads it back unchanged, in a flow sequence or a block one: plain when it is safe there (`a-5xx`),
 * else double-quoted (`x, y` → `"x, y"`, which a plain scalar would split in two; `true` → `"true"`, which
 * would become a boolean). After an opening quote the cursor is inside, only the quote's own escapes are added.
 */
function yamlItem(name: string, openQuote: string | undefined): string {
  if (openQuote === "'") return name.replaceAll("'", "''");
  if (openQuote === '"') return JSON.stringify(name).slice(1, -1);
  return isPlainSafe(name) ? name : JSON.stringify(name);
}

/** Conservative: letters, digits and `_./-`, and not a word or number YAML resolves to another type. */
function isPlainSafe(name: string): boolean {
  return (
    /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(name) &&
    !/^(?:[-+]?[\d._]+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|true|false|yes|no|on|off|y|n|null)$/i.test(name)
  );
}
