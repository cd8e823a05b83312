/** The files the server serves and reads alarm names from; also the glob it asks clients to watch. */
export const rolloutGlob = '**/*.rollout.{yaml,yml,json}';

const rolloutName = /\.rollout\.(ya?ml|json)$/i;

/**
 * Whether a path or document URI names a rollout file (`*.rollout.yaml|yml|json`). Unsaved `untitled:` buffers
 * count too: a client only sends those when the user chose the language. A client configured by file type
 * (every YAML file) thus gets no diagnostics on its docker-compose.yaml.
 *
 *   isRolloutFile('file:///w/fraud.rollout.yaml') → true; isRolloutFile('file:///w/compose.yaml') → false
 */
export function isRolloutFile(pathOrUri: string): boolean {
  if (pathOrUri.startsWith('untitled:')) return true;
  const path = pathOrUri.replace(/[?#].*$/, '');
  return rolloutName.test(path);
}
