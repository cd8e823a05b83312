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

// The file's `lag`: read into the check, judged with, said in the check's words, and bounded by analysis-lag.
const lagRows: [name: string, lag: string, seconds: number | undefined, words: RegExp, finding?: string][] = [
  ['no lag: the provider default', '', undefined, /each period judged 2 min after it ends/],
  ['a lag of 5 minutes', '    lag: 5m\n', 300, /each period judged 5 min after it ends/],
  ['a lag of 0', '    lag: 0\n', 0, /each period judged as it ends/],
  ['a lag past 30 minutes', '    lag: 1h\n', 3600, /./, 'analysis-lag'],
];

for (const [name, lag, seconds, words, finding] of lagRows)
  test(`analysis lag in the file: ${name}`, () => {
    const text = exampleText('sagemaker-steps.rollout.yaml').replace(
      '    lag: 2m # CloudWatch',
      '    x: 0 # CloudWatch',
    );
    const edited = text.replace(/\n {4}x: 0 #[^\n]*\n/, `\n${lag}`);
    const { value, diagnostics } = validateRollout(edited, { fileName: 'r.rollout.yaml' });
    if (finding !== undefined) {
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.fixes?.[0]?.edits[0]?.newText]),
        [[finding, '30m']],
      );
      return;
    }
    assert.deepEqual(diagnostics, []);
    assert.ok(value);
    assert.equal(value.analysis?.[0]?.lagSeconds, seconds);
    assert.match(renderPlanText(plan(value)), new RegExp(`new-5xx: .*${words.source}`));
  });

test('timeout-budget counts each judged step with the wait for its last metrics', () => {
  const text = [
    'version: 1',
    'provider: sagemaker',
    'endpoint: e',
    'model: m',
    'capacity: 4',
    'timeout: 45m',
    'strategy:',
    '  type: steps',
    '  steps:',
    '    - traffic: 10%',
    '      bake: 30m',
    '    - traffic: 100%',
    'rollback:',
    '  alarms: [a]',
    'analysis:',
    '  - name: x',
    '    metric: Invocation5XXErrors',
    '    period: 5m',
    '    max: 0',
    '',
  ].join('\n');
  const [finding] = validateRollout(text).diagnostics;
  assert.equal(finding?.code, 'timeout-budget');
  // 30 min of bake, then up to 5 min + 2 min for its last period to settle: 37 min, 8 min to spare.
  assert.match(
    finding?.message ?? '',
    /leaves 480 s \(8m\) after 2220 s \(37m\) of bakes and pauses \(with up to 420 s \(7m\) a step for its last metrics\)/,
  );
  // Without the checks, 15 minutes spare: nothing to say.
  assert.deepEqual(validateRollout(text.replace(/analysis:[\s\S]*$/, '')).diagnostics, []);
});
