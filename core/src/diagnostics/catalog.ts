import type { Severity } from './diagnostic.js';

/** One rule as users see it: a stable code, its severity, a one-line title, and its section in docs/rules.md. */
export interface RuleInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
  /** Link to the rule's row in docs/rules.md, relative to the repository root. */
  readonly docs: string;
}

/** Where rule docs live; editors and SARIF link `${rulesDocsBase}#<code>`. */
export const rulesDocsBase = 'docs/rules.md';

const rows: readonly (readonly [code: string, severity: Severity, title: string])[] = [
  // The file itself: syntax and limits.
  ['yaml-syntax', 'error', 'The file is not valid YAML'],
  ['json-syntax', 'error', 'A .rollout.json file is not valid JSON'],
  ['duplicate-key', 'error', 'A key appears twice in one mapping'],
  ['multi-document', 'error', 'A rollout file holds exactly one YAML document'],
  ['alias-limit', 'error', 'YAML aliases expand to too many nodes'],
  ['too-deep', 'error', 'Collections nest deeper than any rollout file needs'],
  ['file-too-large', 'error', 'The file is larger than 5 MiB'],
  ['too-many-findings', 'error', 'More than 200 findings: the rest are counted, not shown'],
  [
    'not-a-file',
    'error',
    'The GitHub Action reads only regular files inside the checkout, never through a symbolic link',
  ],
  // Shape: keys, types and values.
  ['required', 'error', 'A required field is missing'],
  ['unknown-key', 'error', 'A key that no rollout file has'],
  ['misplaced-field', 'error', 'A field that belongs to another strategy or place'],
  ['provider-fit', 'error', 'A field or strategy of the other provider, or one the provider lacks'],
  ['wrong-type', 'error', 'A value of the wrong type'],
  ['unknown-value', 'error', 'A value outside the allowed choices (version, provider, strategy type)'],
  ['bad-duration', 'error', "A duration that is not seconds or a string like '90s', '10m', '1h30m'"],
  ['bad-size', 'error', "A size that is not a whole count or a string like '25%'"],
  [
    'one-target',
    'error',
    'SageMaker: give exactly one of endpointConfig and model, or inferenceComponent with model',
  ],
  ['component-strategy', 'error', 'An inference component is updated by rolling batches of copies only'],
  ['schema', 'error', 'The file does not match the JSON Schema (core/schema/rollout.schema.json)'],
  // Semantics: the bounds of docs/rules.md.
  ['capacity-range', 'error', 'capacity (copies) is a whole number of instances (copies), 1–10000'],
  [
    'canary-size',
    'error',
    'Canary size: 1–50%, or a count of at least 1 and at most half the capacity (at most 10000)',
  ],
  ['linear-step', 'error', 'Linear step: 10–50%, or a count of 10–50% of the capacity (at most 10000)'],
  ['rolling-batch', 'error', 'Rolling batch: 5–50%, or a count of 5–50% of the capacity (at most 10000)'],
  ['rollback-batch', 'error', 'Rollback batch: 1–100%, or a count of 1–10000'],
  ['bake-range', 'error', 'bake (WaitIntervalInSeconds): 0–3600 seconds'],
  ['termination-wait', 'error', 'terminationWait (TerminationWaitInSeconds): 0–3600 seconds'],
  ['timeout-range', 'error', 'timeout (MaximumExecutionTimeoutInSeconds): 600–28800 seconds'],
  [
    'timeout-budget',
    'error',
    'timeout must outlast every bake and the termination wait, with margin to provision',
  ],
  ['alarm-count', 'error', 'rollback.alarms: at most 10 alarms'],
  ['alarm-name', 'error', 'Alarm names: 1–255 characters, not blank, no control characters'],
  ['alarm-duplicate', 'warning', 'The same alarm is listed twice'],
  ['no-alarms', 'warning', 'Bakes without alarms only delay the rollout; nothing can roll it back'],
  [
    'resource-name',
    'error',
    'Names the provider accepts: endpoints, configs, models, Vertex AI display names',
  ],
  ['rounding', 'warning', 'A percent that rounds to whole instances carrying a different share'],
  ['vertex-surge', 'error', 'Vertex AI maxSurge/maxUnavailable: count 0–10000 or 0–100%, not both zero'],
  ['vertex-outage', 'warning', 'Vertex AI maxUnavailable may take every replica down at once'],
  [
    'vertex-previous',
    'error',
    'A Vertex AI canary on an endpoint with other models names the DeployedModel it replaces, and at most 10 others',
  ],
  // Shiftwise-run steps (strategy.type: steps) and their analysis.
  ['steps-order', 'error', 'Steps: traffic 1–100%, strictly increasing, the last at 100%'],
  ['steps-gate', 'error', 'At most one manual pause in a row, and none after the last traffic step'],
  ['steps-wait', 'error', 'A step bake: 0 seconds to 24 hours; a timed pause: 1 second to 24 hours'],
  ['analysis-query', 'error', 'An analysis check reads one metric or one expression'],
  ['analysis-metric', 'error', 'An analysis metric AWS/SageMaker publishes for an endpoint variant'],
  ['analysis-expression', 'error', 'An analysis expression that parses and names only new. and old. metrics'],
  [
    'analysis-name',
    'error',
    'Analysis check names are unique, 1–64 letters, digits, dots, underscores, hyphens',
  ],
  [
    'analysis-threshold',
    'error',
    'An analysis check has max or min, min below max, and a failureLimit of 1–100',
  ],
  ['analysis-period', 'error', 'An analysis period is a whole number of minutes, 1 minute to 24 hours'],
  ['analysis-lag', 'error', 'An analysis metric lag is 0 to 30 minutes'],
  // Never expected: a bug in Shiftwise, reported instead of crashing.
  ['internal', 'error', 'Shiftwise failed on this file (a bug: please report it)'],
];

/** Every rule code with its severity and title, in documentation order. */
export const ruleCatalog: readonly RuleInfo[] = rows.map(([code, severity, title]) => ({
  code,
  severity,
  title,
  docs: `${rulesDocsBase}#${code}`,
}));

const byCode = new Map(ruleCatalog.map((r) => [r.code, r]));

/** The catalog entry of `code`; undefined for codes Shiftwise does not define. */
export function ruleInfo(code: string): RuleInfo | undefined {
  return byCode.get(code);
}
