// Which files are rollout files (docs/rollout-file.md): one rule for the CLI's file discovery, the action's
// default `files`, the language server and the VS Code extension. No imports: a client may inline it.

/**
 * The rollout files of a workspace, as a glob for people and for glob engines that can ignore case
 * (tinyglobby's `caseSensitiveMatch: false`, the action's `files` matching). Names match in any case.
 */
export const rolloutGlob = '**/*.rollout.{yaml,yml,json}';

/**
 * `rolloutGlob` spelled to match in any case, for glob engines that cannot be told to ignore it: VS Code's
 * document selectors and the file watchers a language server registers.
 */
export const rolloutGlobAnyCase =
  '**/*.[rR][oO][lL][lL][oO][uU][tT].{[yY][aA][mM][lL],[yY][mM][lL],[jJ][sS][oO][nN]}';

const rolloutName = /\.rollout\.(ya?ml|json)$/i;

/**
 * Whether a path or URI names a rollout file, `*.rollout.yaml`, `*.rollout.yml` or `*.rollout.json` in any case;
 * a URI's query and fragment are ignored.
 *
 *   'file:///w/fraud.rollout.yaml' → true;  'rollouts/EU.Rollout.YML' → true;  'compose.yaml' → false;
 *   'a.rollout.yaml.bak' → false
 */
export function isRolloutFile(pathOrUri: string): boolean {
  return isRolloutPath(pathOrUri.replace(/[?#].*$/, ''));
}

/**
 * Whether a file name (or path) is read as JSON: it ends in `.json`, in any case. A file without a name, or with
 * another ending, is YAML (of which JSON is a subset).
 *
 *   'x.rollout.json' → true;  'X.ROLLOUT.JSON' → true;  'x.rollout.yaml' → false;  undefined → false
 */
export function isJsonFileName(fileName: string | undefined): boolean {
  return fileName !== undefined && /\.json$/i.test(fileName);
}

/**
 * Whether a file-system path names a rollout file: `isRolloutFile` for a path that is not a URI, so `#` and `?`
 * are part of the name.
 *
 *   'team#2/EU.Rollout.YML' → true;  'q?.rollout.json' → true;  'a.rollout.yaml.bak' → false
 */
export function isRolloutPath(path: string): boolean {
  return rolloutName.test(path);
}
