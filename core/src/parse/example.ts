import { parse } from 'yaml';

/**
 * An example of what to write, given in YAML, as a message shows it in the file's own syntax: quoted 'like this' in
 * a YAML file; in a JSON file as JSON, whose own double quotes mark it (as the empty file's and `strategy: canary`'s
 * messages write it). A list's item (`- pause: manual`) is the JSON object it stands for. Every message that says
 * what to write goes through here, so none shows a JSON file YAML.
 *
 *   example('size: 10%', false) → "'size: 10%'"
 *   example('size: 10%', true) → '"size": "10%"'
 *   example('steps: [{traffic: 10%, bake: 10m}]', true) → '"steps": [{"traffic": "10%", "bake": "10m"}]'
 *   example('- pause: manual', true) → '{"pause": "manual"}'
 */
export function example(yamlText: string, json: boolean): string {
  if (!json) return `'${yamlText}'`;
  let value: unknown;
  try {
    value = parse(yamlText);
  } catch {
    return `'${yamlText}'`;
  }
  if (Array.isArray(value) && value.length === 1) return inline(value[0]);
  const entries = value !== null && typeof value === 'object' ? Object.entries(value) : [];
  if (!yamlText.trimStart().startsWith('{') && entries.length === 1) {
    const [[key, v]] = entries as [[string, unknown]];
    return `${JSON.stringify(key)}: ${inline(v)}`;
  }
  return inline(value);
}

/** JSON on one line, spaced as people write it: `{"traffic": "10%", "bake": "10m"}`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
    .join(', ')}}`;
}
