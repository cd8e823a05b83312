import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rollout } from '@shiftwise/core';
import { deploy, type Outcome, providerFor } from '@shiftwise/core/engine';
import { type FaultSpec, seedRollout, startSandbox } from '@shiftwise/sandbox';
import fc from 'fast-check';
import { example, shortSteps, shortVertexSteps } from './support.js';

// The fault soak: randomized schedules of throttling, 500/503s, dropped connections and latency on the
// calls the engine makes. Whatever the faults, the outcome must equal the fault-free outcome of the same scenario.

interface Scenario {
  readonly name: string;
  readonly rollout: Rollout;
  /** Step whose bake an alarm interrupts; none: the rollout succeeds. */
  readonly alarmStep?: number;
  /** Shiftwise-run steps: an alarm goes into ALARM this many simulated seconds after the deploy starts. */
  readonly alarmAfterSeconds?: number;
}

const scenarios: Scenario[] = [
  { name: 'canary', rollout: example('sagemaker-canary.rollout.yaml') },
  { name: 'canary, alarm in step 1', rollout: example('sagemaker-canary.rollout.yaml'), alarmStep: 1 },
  { name: 'linear', rollout: example('sagemaker-linear.rollout.yaml') },
  { name: 'linear, alarm in step 3', rollout: example('sagemaker-linear.rollout.yaml'), alarmStep: 3 },
  { name: 'rolling', rollout: example('sagemaker-rolling.rollout.yaml') },
  {
    name: 'all-at-once, alarm in the termination wait',
    rollout: example('sagemaker-all-at-once.rollout.yaml'),
    alarmStep: 1,
  },
  { name: 'model target', rollout: example('sagemaker-model.rollout.json') },
  { name: 'inference component', rollout: example('sagemaker-inference-component.rollout.yaml') },
  {
    name: 'inference component, alarm in step 2',
    rollout: example('sagemaker-inference-component.rollout.yaml'),
    alarmStep: 2,
  },
  { name: 'vertex', rollout: example('vertex-rolling.rollout.yaml') },
  { name: 'steps run by Shiftwise', rollout: example('sagemaker-steps.rollout.yaml', shortSteps) },
  { name: 'vertex canary run by Shiftwise', rollout: example('vertex-steps.rollout.yaml', shortVertexSteps) },
  {
    name: 'steps run by Shiftwise, alarm',
    rollout: example('sagemaker-steps.rollout.yaml', shortSteps),
    alarmAfterSeconds: 400,
  },
];

type Kind = 'endpoint' | 'inference component' | 'vertex' | 'steps' | 'vertex canary';
const kindOf = (r: Rollout): Kind =>
  r.provider !== 'sagemaker'
    ? r.strategy.type === 'steps'
      ? 'vertex canary'
      : 'vertex'
    : r.target.kind === 'inferenceComponent'
      ? 'inference component'
      : r.strategy.type === 'steps'
        ? 'steps'
        : 'endpoint';

/** What a step-bound alarm names: the inference component, else the endpoint. */
const updated = (r: Rollout) =>
  r.provider === 'sagemaker' && r.target.kind === 'inferenceComponent' ? r.target.name : r.endpoint;

const operations = [
  'SageMaker.DescribeEndpoint',
  'SageMaker.DescribeEndpointConfig',
  'SageMaker.UpdateEndpoint',
  'SageMaker.CreateEndpointConfig',
  'SageMaker.DescribeModel',
  'SageMaker.DescribeInferenceComponent',
  'SageMaker.UpdateInferenceComponent',
  'GraniteServiceVersion20100801.DescribeAlarms',
  'SageMaker.UpdateEndpointWeightsAndCapacities',
  'SageMaker.AddTags',
  'SageMaker.ListTags',
  'SageMaker.DeleteTags',
  'GraniteServiceVersion20100801.GetMetricData',
  'vertex GET',
  'vertex POST',
  'vertex PATCH',
  'monitoring GET',
];

const fault: fc.Arbitrary<FaultSpec> = fc.record({
  kind: fc.constantFrom('throttle', 'error', 'drop', 'latency'),
  match: fc.constantFrom(...operations),
  count: fc.integer({ min: 1, max: 4 }),
  status: fc.constantFrom(500 as const, 503 as const),
  latencyMs: fc.integer({ min: 1, max: 15 }),
});

async function outcomeOf(
  scenario: Scenario,
  faults: readonly FaultSpec[],
): Promise<{ outcome: Outcome; reason: string }> {
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, scenario.rollout);
    const alarms = scenario.rollout.provider === 'sagemaker' ? scenario.rollout.rollback.alarms : [];
    if (scenario.alarmStep !== undefined && scenario.rollout.provider === 'sagemaker')
      sandbox.control.scheduleAlarm({
        alarm: alarms[0]!,
        endpoint: updated(scenario.rollout),
        step: scenario.alarmStep,
      });
    if (scenario.alarmAfterSeconds !== undefined)
      sandbox.control.scheduleAlarm({ alarm: alarms[0]!, inSeconds: scenario.alarmAfterSeconds });
    for (const f of faults) sandbox.control.injectFault(f);
    const report = await deploy(scenario.rollout, providerFor(scenario.rollout, { env: sandbox.env }), {
      clock: sandbox.clock,
    });
    return { outcome: report.outcome, reason: report.reason };
  } finally {
    await sandbox.stop();
  }
}

test('fault soak: 200+ randomized fault schedules never change the outcome', async (t) => {
  const clean = new Map<string, Outcome>();
  for (const s of scenarios) clean.set(s.name, (await outcomeOf(s, [])).outcome);
  assert.deepEqual(
    [...clean.values()].map((o) => o === 'succeeded' || o === 'rolled-back'),
    scenarios.map(() => true),
  );
  let ran = 0;
  let faultsInjected = 0;
  const perKind = new Map<Kind, { schedules: number; faults: number }>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...scenarios),
      fc.array(fault, { minLength: 1, maxLength: 6 }),
      async (scenario, faults) => {
        ran++;
        faultsInjected += faults.length;
        const kind = perKind.get(kindOf(scenario.rollout)) ?? { schedules: 0, faults: 0 };
        perKind.set(kindOf(scenario.rollout), {
          schedules: kind.schedules + 1,
          faults: kind.faults + faults.length,
        });
        const { outcome, reason } = await outcomeOf(scenario, faults);
        assert.equal(
          outcome,
          clean.get(scenario.name),
          `${scenario.name} with ${JSON.stringify(faults)}: ${reason}`,
        );
      },
    ),
    { numRuns: 200 },
  );
  t.diagnostic(`${ran} fault schedules ran (${faultsInjected} faults) over ${scenarios.length} scenarios`);
  const kinds = [...perKind].map(([k, n]) => `${k} ${n.schedules} (${n.faults} faults)`).join(', ');
  console.log(
    `fault soak: ${ran} schedules, ${faultsInjected} faults, outcome always equal to the fault-free one; by kind: ${kinds}`,
  );
  assert.ok(ran >= 200);
});
