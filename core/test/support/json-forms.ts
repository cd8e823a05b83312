import { parse } from 'yaml';

/**
 * A YAML rollout file written as JSON, pretty-printed (two spaces, as editors and `JSON.stringify` write it) and
 * compact: how the fix tests check that every fix keeps a JSON file JSON. None when the text is not a YAML mapping
 * (a syntax-error case, a scalar, an empty file) or uses a custom tag.
 *
 *   jsonForms('version: 1\\n') → ['{\\n  "version": 1\\n}\\n', '{"version":1}']
 */
export function jsonForms(yaml: string): string[] {
  let value: unknown;
  try {
    value = parse(yaml, { logLevel: 'silent', prettyErrors: false });
  } catch {
    return [];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return [`${JSON.stringify(value, null, 2)}\n`, JSON.stringify(value)];
}
