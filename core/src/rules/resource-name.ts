import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { report } from '../diagnostics/report.js';
import { fieldDocs } from '../fields/lookup.js';
import type { SageMakerRollout } from '../model.js';
import { maxDisplayName } from '../plan/bounds.js';
import { titleInSentence } from '../values/words.js';
import { replaceFix, valueAt } from './helpers.js';
import type { Rule, RuleContext } from './rule.js';

/**
 * Names the provider accepts, by the patterns of the field table (also the JSON Schema's):
 * SageMaker `endpoint`, `endpointConfig`, `model`, `inferenceComponent` (and its `model`):
 * `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`;
 * Vertex AI `project`, `location`, numeric `endpoint` and `previousDeployedModel`, `model` resource name, and
 * the rollout's `name`, which becomes the new DeployedModel's display name. One rule per name, so that a name that
 * does not read (`endpointConfig: 42`) hides no finding about another (core/src/rules/holes.ts watches each rule).
 */
export const resourceNames: readonly Rule[] = [
  sageMaker((r) => ['endpoint', r.endpoint]),
  sageMaker((r) => [r.target.kind, r.target.name]),
  sageMaker((r) => (r.target.kind === 'inferenceComponent' ? ['model', r.target.model] : undefined)),
  vertex('project'),
  vertex('location'),
  vertex('endpoint'),
  vertex('model'),
  vertex('previousDeployedModel'),
  (context) => displayName(context),
];

/** The check of one SageMaker name, read from the model by `read` (undefined: none here). */
function sageMaker(read: (rollout: SageMakerRollout) => [path: string, value: string] | undefined): Rule {
  return (context) => {
    if (context.rollout.provider !== 'sagemaker') return [];
    const found = read(context.rollout);
    return found === undefined ? [] : check(context, ...found);
  };
}

/** The check of one Vertex AI name at a root key, when the file has it. */
function vertex(path: 'project' | 'location' | 'endpoint' | 'model' | 'previousDeployedModel'): Rule {
  return (context) => {
    if (context.rollout.provider !== 'vertex-ai') return [];
    const value = context.rollout[path];
    return value === undefined ? [] : check(context, path, value);
  };
}

/**
 * On Vertex AI the rollout's `name` (or the file name it defaults to) is the new DeployedModel's display name,
 * which the API takes up to 128 characters (code points) long. Fix: its first 128; for a name taken from the file
 * name, said at `provider`, there is no value to replace, and the message asks for a `name`.
 */
function displayName(context: RuleContext): Diagnostic[] {
  const { rollout } = context;
  if (rollout.provider !== 'vertex-ai') return [];
  const length = [...rollout.name].length;
  if (length <= maxDisplayName) return [];
  const range = valueAt(context, 'name');
  const limit = `on Vertex AI it is the new DeployedModel's display name, which holds at most ${maxDisplayName}`;
  if (range === undefined) {
    const at = valueAt(context, 'provider') ?? { start: 0, end: 0 };
    const message = `the name taken from the file name is ${length} characters; ${limit}: add a shorter 'name'`;
    return [report('resource-name', message, at)];
  }
  const shorter = [...rollout.name].slice(0, maxDisplayName).join('');
  const message = `'name' is ${length} characters; ${limit}: shorten it (the fix keeps its first ${maxDisplayName})`;
  return [
    report(
      'resource-name',
      message,
      range,
      replaceFix(context, 'name', shorter, `Keep the first ${maxDisplayName} characters`),
    ),
  ];
}

function check(context: RuleContext, path: string, value: string): Diagnostic[] {
  const doc = fieldDocs(path, { provider: context.rollout.provider });
  const range = valueAt(context, path);
  if (doc?.pattern === undefined || range === undefined || new RegExp(doc.pattern).test(value)) return [];
  const provider = context.rollout.provider === 'sagemaker' ? 'SageMaker' : 'Vertex AI';
  const fixed = context.rollout.provider === 'sagemaker' ? sageMakerName(value) : undefined;
  // No nearest Vertex AI name is offered as a fix (a project 'p' has none), but an example shows the form.
  const first = doc.examples[0];
  const example = fixed ?? (typeof first === 'string' ? first : undefined);
  const hint = example === undefined ? '' : `; for example '${example}'`;
  const message = `${path} '${value}' is not a valid ${provider} ${titleInSentence(doc.title)}: ${doc.bounds}${hint}`;
  return [
    report(
      'resource-name',
      message,
      range,
      fixed === undefined ? undefined : replaceFix(context, path, fixed),
    ),
  ];
}

/** The nearest valid SageMaker name: other characters become hyphens, edges trimmed, at most 63 long. */
function sageMakerName(value: string): string | undefined {
  const name = value
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return name === '' ? undefined : name;
}
