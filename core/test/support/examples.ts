// The rollout files of examples/ (the README's examples), by name: the one copy of each fixture that the tests of
// every package read, instead of pasting their YAML. Core sits below every other package, so its test support is
// where all of them can reach; a test that needs a variant edits the text it gets (`exampleText(…).replace(…)`).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = new URL('../../../examples/', import.meta.url);

/** The file names of examples/ (`sagemaker-canary.rollout.yaml`, …), sorted. */
export const exampleNames: readonly string[] = readdirSync(folder)
  .filter((f) => /\.rollout\.(ya?ml|json)$/.test(f))
  .sort();

/** The absolute path of examples/<name>, for tests that hand a file to a process. */
export function examplePath(name: string): string {
  if (!exampleNames.includes(name))
    throw new Error(`no example ${name} in examples/; there are ${exampleNames.join(', ')}`);
  return fileURLToPath(new URL(name, folder));
}

/** The text of examples/<name>, as a user would have it (comments included). */
export function exampleText(name: string): string {
  return readFileSync(examplePath(name), 'utf8');
}

/**
 * The canonical canary of the README: fraud-detector on SageMaker, capacity 4, canary 25% baking 10m,
 * terminationWait 10m, timeout 1h, alarms fraud-5xx and fraud-latency-p99.
 */
export const canaryText = exampleText('sagemaker-canary.rollout.yaml');

/**
 * The request examples/sagemaker-inference-component.rollout.yaml plans to, as every face shows it: the one copy of
 * the inference-component acceptance figure for the CLI's JSON and the action's comment.
 */
export const componentExampleRequest = {
  provider: 'sagemaker',
  operation: 'UpdateInferenceComponent',
  input: {
    InferenceComponentName: 'chat-ic',
    Specification: { ModelName: 'chat-model-v8' },
    RuntimeConfig: { CopyCount: 8 },
    DeploymentConfig: {
      RollingUpdatePolicy: {
        MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 25 },
        WaitIntervalInSeconds: 300,
        MaximumExecutionTimeoutInSeconds: 7200,
        RollbackMaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 100 },
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'chat-5xx' }] },
    },
  },
} as const;
