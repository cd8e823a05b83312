import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalysisCheck, ProviderName } from '../../src/model.js';
import { defaultLagSeconds, lastMetricsSeconds, metricLagSeconds } from '../../src/plan/metric-lag.js';
import { plan } from '../../src/plan/plan.js';
import { renderPlanText } from '../../src/render/text.js';
import { validateRollout } from '../../src/validate.js';
import { exampleText } from '../support/examples.js';

// Metrics arrive late, so a step Shiftwise runs with analysis goes on past its bake until its last periods have
// settled: the lag each check is judged with, the most a step waits, and the schedule line that says so.

const check = (periodSeconds: number, lagSeconds?: number): AnalysisCheck => ({
  name: `c${periodSeconds}`,
  query: { kind: 'metric', metric: 'Invocation5XXErrors' },
  stat: 'Sum',
  periodSeconds,
  max: 0,
  failureLimit: 1,
  dryRun: false,
  missingData: 'ignore',
  ...(lagSeconds !== undefined && { lagSeconds }),
});

// [name, provider, checks, lag of the first check, the most a step waits]
const rows: [string, ProviderName, AnalysisCheck[], number | undefined, number][] = [
  ['no checks: no wait', 'sagemaker', [], undefined, 0],
  ['SageMaker, 1-min check: the default lag', 'sagemaker', [check(60)], 120, 180],
  ['Vertex AI, 1-min check: the default lag', 'vertex-ai', [check(60)], 240, 300],
  ['a check with its own lag', 'sagemaker', [check(60, 30)], 30, 90],
  ['a lag of 0 is one', 'vertex-ai', [check(60, 0)], 0, 60],
  ['the longest period plus its lag', 'sagemaker', [check(60), check(300)], 120, 420],
];

for (const [name, provider, checks, lag, most] of rows)
  test(`last metrics: ${name}`, () => {
    if (checks[0]) assert.equal(metricLagSeconds(checks[0], provider), lag);
    assert.equal(lastMetricsSeconds({ provider, analysis: checks }), most);
  });

test('last metrics: one default per provider', () => {
  assert.deepEqual(defaultLagSeconds, { sagemaker: 120, 'vertex-ai': 240 });
});

// The steps examples' schedules: each step with a bake says how long it may go on for its last metrics; a gate
// does not. The start times leave the wait out.
const schedules: [file: string, lines: RegExp[]][] = [
  [
    'sagemaker-steps.rollout.yaml',
    [
      /^ {5}1 {2}0 s .* 5% .* 10 min bake \(watched\) \+ up to 7 min for the last metrics$/m,
      /^ {5}3 .* gate: waits for shiftwise promote$/m,
      /^ {5}4 {2}40 min .* 30 min bake \(watched\) \+ up to 7 min for the last metrics$/m,
      /up to 7 min past the bake \(the longest check period plus its lag\)/,
    ],
  ],
  ['vertex-steps.rollout.yaml', [/bake \(watched\) \+ up to \d+ min for the last metrics$/m]],
  ['sagemaker-canary.rollout.yaml', [/^(?![\s\S]*for the last metrics)/]],
];

for (const [file, lines] of schedules)
  test(`last metrics in the schedule: ${file}`, () => {
    const rollout = validateRollout(exampleText(file), { fileName: file }).value;
    assert.ok(rollout);
    const text = renderPlanText(plan(rollout));
    for (const line of lines) assert.match(text, line);
  });
