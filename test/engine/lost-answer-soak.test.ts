import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rollout, StepsRollout } from '@shiftwise/core';
import {
  deploy,
  inferenceComponentProvider,
  type Outcome,
  type Provider,
  providerFor,
  sageMakerClients,
  sageMakerProvider,
  stepsProvider,
} from '@shiftwise/core/engine';
import { type FaultSpec, type Sandbox, seedRollout, startSandbox } from '@shiftwise/sandbox';
import fc from 'fast-check';
import { example, shortSteps, shortVertexSteps } from './support.js';

// A second soak, for the faults the sandbox cannot inject: answers lost AFTER the service acted (the sandbox's
// `drop` closes the connection before). Randomized schedules of lost answers on every call the engine makes,
// mixed with the sandbox's own throttling and 5xx: the outcome must equal the fault-free one.

interface Scenario {
  readonly name: string;
  readonly file: string;
  readonly alarmStep?: number;
  /** Shiftwise-run steps: an alarm goes into ALARM this many simulated seconds after the deploy starts. */
  readonly alarmAfterSeconds?: number;
  /** Vertex AI: the new replicas never become ready, so Shiftwise reverts after this watch timeout. */
  readonly revertAfterSeconds?: number;
}

const scenarios: Scenario[] = [
  { name: 'canary', file: 'sagemaker-canary.rollout.yaml' },
  { name: 'linear, alarm in step 2', file: 'sagemaker-linear.rollout.yaml', alarmStep: 2 },
  { name: 'model target (rolling)', file: 'sagemaker-rolling.rollout.yaml' },
  { name: 'model target (canary), alarm in step 1', file: 'sagemaker-model.rollout.json', alarmStep: 1 },
  { name: 'inference component', file: 'sagemaker-inference-component.rollout.yaml' },
  {
    name: 'inference component, alarm in step 1',
    file: 'sagemaker-inference-component.rollout.yaml',
    alarmStep: 1,
  },
  { name: 'vertex', file: 'vertex-rolling.rollout.yaml' },
  { name: 'steps run by Shiftwise', file: 'sagemaker-steps.rollout.yaml' },
  { name: 'vertex canary run by Shiftwise', file: 'vertex-steps.rollout.yaml' },
  { name: 'steps run by Shiftwise, alarm', file: 'sagemaker-steps.rollout.yaml', alarmAfterSeconds: 400 },
  { name: 'vertex, reverted by Shiftwise', file: 'vertex-rolling.rollout.yaml', revertAfterSeconds: 120 },
];

/** SDK command names (SageMaker, CloudWatch) and Vertex AI request kinds whose answers may be lost. */
const calls = [
  'DescribeEndpointCommand',
  'DescribeEndpointConfigCommand',
  'DescribeModelCommand',
  'CreateEndpointConfigCommand',
  'UpdateEndpointCommand',
  'DescribeInferenceComponentCommand',
  'UpdateInferenceComponentCommand',
  'DescribeAlarmsCommand',
  'UpdateEndpointWeightsAndCapacitiesCommand',
  'AddTagsCommand',
  'ListTagsCommand',
  'DeleteTagsCommand',
  'GetMetricDataCommand',
  'vertex deployModel',
  'vertex undeployModel',
  'vertex patch',
  'monitoring',
  'vertex endpoint',
  'vertex operation',
];

interface Loss {
  readonly call: string;
  /** Which matching call loses its answer (1 = the first). */
  readonly nth: number;
}

const loss: fc.Arbitrary<Loss> = fc.record({
  call: fc.constantFrom(...calls),
  nth: fc.integer({ min: 1, max: 3 }),
});
const sandboxFault: fc.Arbitrary<FaultSpec> = fc.record({
  kind: fc.constantFrom('throttle' as const, 'error' as const),
  count: fc.integer({ min: 1, max: 3 }),
});

/** What a scenario rolls out: an endpoint, an inference component, or a Vertex AI endpoint. */
const kindOf = (file: string) =>
  file === 'vertex-steps.rollout.yaml'
    ? 'vertex canary'
    : file.startsWith('vertex')
      ? 'vertex'
      : file.includes('inference-component')
        ? 'inference component'
        : file.includes('steps')
          ? 'steps'
          : 'endpoint';

const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

/** Counts calls by name and says whether this one's answer is to be lost. */
function loser(losses: readonly Loss[]) {
  const seen = new Map<string, number>();
  return (call: string) => {
    const n = (seen.get(call) ?? 0) + 1;
    seen.set(call, n);
    return losses.some((l) => l.call === call && l.nth === n);
  };
}

function vertexCall(url: string, method: string): string {
  if (url.includes('/v3/')) return 'monitoring';
  if (method === 'PATCH') return 'vertex patch';
  if (method === 'POST' && url.endsWith(':undeployModel')) return 'vertex undeployModel';
  if (method === 'POST' && url.endsWith(':deployModel')) return 'vertex deployModel';
  return url.includes('/operations/') ? 'vertex operation' : 'vertex endpoint';
}

function providerLosing(sandbox: Sandbox, rollout: Rollout, lose: (call: string) => boolean): Provider {
  if (rollout.provider !== 'sagemaker') return providerFor(rollout, { env: sandbox.env });
  const clients = sageMakerClients(rollout.region, sandbox.env);
  for (const client of [clients.sagemaker, clients.cloudwatch])
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (lose(context.commandName ?? '')) throw reset();
        return out;
      },
      { step: 'initialize', name: 'loseAnswers' },
    );
  if (rollout.strategy.type === 'steps') return stepsProvider(rollout as StepsRollout, clients);
  return rollout.target.kind === 'inferenceComponent'
    ? inferenceComponentProvider(rollout, clients)
    : sageMakerProvider(rollout, clients);
}

async function outcomeOf(
  scenario: Scenario,
  losses: readonly Loss[],
  faults: readonly FaultSpec[],
): Promise<{ outcome: Outcome; reason: string }> {
  const rollout = example(
    scenario.file,
    scenario.file === 'vertex-steps.rollout.yaml'
      ? shortVertexSteps
      : scenario.file.includes('steps')
        ? shortSteps
        : undefined,
  );
  const sandbox = await startSandbox({ clock: 'virtual' });
  const realFetch = globalThis.fetch;
  const lose = loser(losses);
  try {
    if (scenario.revertAfterSeconds !== undefined && rollout.provider === 'vertex-ai') {
      // The previous model is another model, so only the new one's replicas never become ready.
      const { project, location } = rollout;
      sandbox.control.vertex.seedModel({ name: rollout.model });
      sandbox.control.vertex.seedEndpoint({
        project,
        location,
        id: rollout.endpoint,
        deployedModels: [
          { id: '1', model: `projects/${project}/locations/${location}/models/legacy@1`, replicas: 4 },
        ],
      });
      sandbox.control.vertex.replicasNeverReady({ model: rollout.model.split('@')[0]! });
    } else seedRollout(sandbox.control, rollout);
    if (scenario.alarmStep !== undefined && rollout.provider === 'sagemaker')
      sandbox.control.scheduleAlarm({
        alarm: rollout.rollback.alarms[0]!,
        endpoint: rollout.target.kind === 'inferenceComponent' ? rollout.target.name : rollout.endpoint,
        step: scenario.alarmStep,
      });
    if (scenario.alarmAfterSeconds !== undefined && rollout.provider === 'sagemaker')
      sandbox.control.scheduleAlarm({
        alarm: rollout.rollback.alarms[0]!,
        inSeconds: scenario.alarmAfterSeconds,
      });
    for (const f of faults) sandbox.control.injectFault(f);
    globalThis.fetch = async (input, init) => {
      const answer = await realFetch(input, init);
      const url = String(input);
      const google = url.includes('/v1beta1/') || url.includes('/v1/') || url.includes('/v3/');
      if (google && lose(vertexCall(url, init?.method ?? 'GET'))) {
        await answer.text();
        throw new TypeError('fetch failed', { cause: reset() });
      }
      return answer;
    };
    const report = await deploy(rollout, providerLosing(sandbox, rollout, lose), {
      clock: sandbox.clock,
      ...(scenario.revertAfterSeconds !== undefined && { watchTimeoutSeconds: scenario.revertAfterSeconds }),
    });
    return { outcome: report.outcome, reason: report.reason };
  } finally {
    globalThis.fetch = realFetch;
    await sandbox.stop();
  }
}

test('lost-answer soak: answers lost after the service acted never change the outcome', async (t) => {
  const clean = new Map<string, Outcome>();
  for (const s of scenarios) clean.set(s.name, (await outcomeOf(s, [], [])).outcome);
  assert.deepEqual(
    scenarios.map((s) => clean.get(s.name)),
    scenarios.map((s) =>
      s.alarmStep === undefined && s.revertAfterSeconds === undefined && s.alarmAfterSeconds === undefined
        ? 'succeeded'
        : 'rolled-back',
    ),
  );
  let ran = 0;
  let lost = 0;
  const perKind = new Map<string, { schedules: number; lost: number }>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...scenarios),
      fc.array(loss, { minLength: 1, maxLength: 5 }),
      fc.array(sandboxFault, { maxLength: 2 }),
      async (scenario, losses, faults) => {
        ran++;
        lost += losses.length;
        const kind = kindOf(scenario.file);
        const n = perKind.get(kind) ?? { schedules: 0, lost: 0 };
        perKind.set(kind, { schedules: n.schedules + 1, lost: n.lost + losses.length });
        const { outcome, reason } = await outcomeOf(scenario, losses, faults);
        assert.equal(
          outcome,
          clean.get(scenario.name),
          `${scenario.name} losing ${JSON.stringify(losses)} with ${JSON.stringify(faults)}: ${reason}`,
        );
      },
    ),
    { numRuns: 100 },
  );
  t.diagnostic(`${ran} lost-answer schedules ran (${lost} answers lost) over ${scenarios.length} scenarios`);
  const kinds = [...perKind].map(([k, n]) => `${k} ${n.schedules} (${n.lost} lost)`).join(', ');
  console.log(
    `lost-answer soak: ${ran} schedules, ${lost} answers lost, outcome always the fault-free one; by kind: ${kinds}`,
  );
});
