import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  diffPlans,
  editorStatus,
  extraInstanceMinutes,
  githubCommentLimit,
  type Plan,
  plan,
  planFacts,
  planSubject,
  planSummary,
  planToJson,
  renderPlanMarkdown,
  renderPlanText,
  renderPreviewBody,
  renderPullRequestBody,
  renderTimelineSvg,
  validateRollout,
} from '../../src/index.js';
import { exampleText } from '../support/examples.js';
import { reportOf } from './reports.js';

// Every wording of an inference component's plan counts copies and names the component (docs/plan.md): the
// example updates chat-ic on llm-prod, 8 copies in batches of 25% baking 5 min, so 4 batches of 2 new copies.

const example = exampleText('sagemaker-inference-component.rollout.yaml');

function planOf(text: string): Plan {
  const { value, diagnostics } = validateRollout(text);
  assert.ok(value, JSON.stringify(diagnostics));
  return plan(value);
}

const component = planOf(example);
const unknownCopies = planOf(example.replace(/^copies: .*\n/m, ''));
const noProblems = { errors: 0, warnings: 0 };

/** Words only an endpoint's plan may use; the planner's "(or managed instance scaling)" is about the endpoint. */
const instanceWords = /instance(?!s? scaling)/i;

// [face, rendering, what it must say]
const faces: [string, string, RegExp[]][] = [
  [
    'text',
    renderPlanText(component),
    [
      /^chat · sagemaker rolling · inference component chat-ic on llm-prod · 8 copies$/m,
      /^ {2}batch {2}starts {2}traffic {2}new\/old {2}bake$/m,
      /^ {6}1 {2}0 s {9}25% {6}2\/6 {2}5 min wait interval$/m,
      /^ {2}total 20 min after provisioning · timeout 2 h · peak 10 copies$/m,
      /^ {2}extra copy-minutes: 40$/m,
    ],
  ],
  [
    'text, copies unknown',
    renderPlanText(unknownCopies),
    [/ · 10 copies \(example: copy count unknown\)$/m, /Copies unknown: planned for an example fleet of 10/],
  ],
  [
    'markdown',
    renderPlanMarkdown(component),
    [
      /^### chat · sagemaker rolling · inference component chat-ic on llm-prod$/m,
      /^\*\*4 batches\*\* · \*\*20 min\*\* after provisioning \(timeout 2 h\) · peak \*\*10 copies\*\* · capacity 8 copies$/m,
      /^\| 4 \| 15 min \| 100% \| 8 \/ 0 \| 5 min \(WaitIntervalInSeconds\) \|$/m,
      /^ {2}section Traffic to the new copies$/m,
      /^ {2}Batch 1 · 25% · 2 new copies · bake 5 min :s1, 2000-01-01 00:00:00, 300s$/m,
      /\*\*Blast radius:\*\* 25% of traffic on the new model for 5 min before the first bake ends\. \*\*Extra copy-minutes:\*\* 40\./,
      /<details><summary>UpdateInferenceComponent request<\/summary>/,
      /"InferenceComponentName": "chat-ic"/,
    ],
  ],
  [
    'markdown, copies unknown',
    renderPlanMarkdown(unknownCopies),
    [/capacity 10 copies \(example size: copy count unknown\)/],
  ],
  [
    'preview',
    renderPreviewBody({ fileName: 'chat.rollout.yaml', plan: component, problems: noProblems }),
    [
      /<p class="summary">4 batches · 20 min · peak 10 copies<\/p>/,
      /<span class="fact">inference component chat-ic on llm-prod<\/span> · <span class="fact">rolling<\/span> · <span class="fact">capacity 8 copies<\/span> · <span class="fact">timeout 2 h<\/span><\/p>/,
      /traffic on the new copies <span class="swatch old"><\/span>traffic on the old copies/,
      /<td>Batch 1<\/td><td>start<\/td><td>25%<\/td><td>2 \/ 6<\/td><td>bake 5 min<\/td>/,
    ],
  ],
  [
    'preview, copies unknown',
    renderPreviewBody({ fileName: 'chat.rollout.yaml', plan: unknownCopies, problems: noProblems }),
    [/capacity 10 copies \(example size: the file states no copy count\)/],
  ],
  [
    'timeline',
    renderTimelineSvg(component),
    [
      /aria-label="Rollout timeline: 4 batches · 20 min · peak 10 copies"/,
      /<title>Provisioning the new copies: its length is not known/,
      /<title>Batch 1 at \+0 s: 25% of traffic on 2 new and 6 old copies; bake 5 min\.<\/title>/,
      />Batch 1 · 25% to new</,
    ],
  ],
  [
    'status bar tooltip',
    editorStatus(noProblems, component).tooltip,
    [
      /^Shiftwise: 0 errors, 0 warnings\. 4 batches · 20 min · peak 10 copies\. Click to preview the schedule\.$/,
    ],
  ],
  [
    'pull-request body',
    renderPullRequestBody([reportOf('rollouts/chat.rollout.yaml', example, undefined)], {
      limit: githubCommentLimit,
    }),
    [
      /^### ✅ rollouts\/chat\.rollout\.yaml — 4 batches · 20 min · peak 10 copies$/m,
      /^#### chat · sagemaker rolling · inference component chat-ic on llm-prod$/m,
      /<details><summary>UpdateInferenceComponent request<\/summary>/,
    ],
  ],
];

for (const [face, rendering, says] of faces)
  test(`inference component, ${face}: names the component and counts copies`, () => {
    for (const words of says) assert.match(rendering, words);
    assert.doesNotMatch(rendering, instanceWords);
  });

test('the headline, subject and measures of the example', () => {
  assert.equal(planSummary(component), '4 batches · 20 min · peak 10 copies');
  assert.equal(planSubject(component), 'inference component chat-ic on llm-prod');
  assert.equal(planSubject(planOf(exampleText('sagemaker-canary.rollout.yaml'))), undefined);
  assert.equal(extraInstanceMinutes(component), 40, '4 batches × 2 copies × 5 min');
});

test('the plan JSON says the target and the endpoint that hosts it', () => {
  const json = planToJson(component);
  assert.deepEqual(Object.keys(json).slice(0, 6), [
    'name',
    'provider',
    'region',
    'target',
    'endpoint',
    'strategy',
  ]);
  assert.equal(json.target, 'inference-component');
  assert.equal(json.endpoint, 'llm-prod');
  assert.equal('endpoint' in planToJson(planOf(exampleText('sagemaker-canary.rollout.yaml'))), false);
});

test('facts name the endpoint, the component, the model and sizes in copies', () => {
  const facts = planFacts(planOf(example.replace('batch: 25%', 'batch: 2')));
  assert.deepEqual(
    { ...facts },
    {
      region: 'us-east-1',
      endpoint: 'llm-prod',
      component: 'chat-ic',
      target: 'chat-model-v8',
      strategy: 'rolling',
      size: '2 copies',
      bake: '5 min',
      timeout: '2 h',
      rollbackBatch: '100%',
      capacity: '8 copies',
      steps: '4',
      total: '20 min',
      peak: '10 copies',
      alarms: ['chat-5xx'],
    },
  );
});

// [change, base text, words of the diff]
const changes: [string, string, string[]][] = [
  ['model', example.replace('chat-model-v8', 'chat-model-v7'), ['model chat-model-v7 → chat-model-v8']],
  [
    'endpoint',
    example.replace('endpoint: llm-prod', 'endpoint: llm-staging'),
    ['endpoint llm-staging → llm-prod'],
  ],
  [
    'component',
    example.replace('inferenceComponent: chat-ic', 'inferenceComponent: chat-ic-blue'),
    ['inference component chat-ic-blue → chat-ic'],
  ],
  [
    'copies',
    example.replace('copies: 8', 'copies: 12'),
    ['capacity 12 copies → 8 copies', 'peak 15 copies → 10 copies'],
  ],
  [
    'batch as a count',
    example.replace('batch: 25%', 'batch: 1'),
    ['batch 1 copy → 25%', 'batches 8 → 4', 'total 40 min → 20 min', 'peak 9 copies → 10 copies'],
  ],
];

for (const [what, base, words] of changes)
  test(`diff of an inference component: ${what}`, () => {
    const markdown = renderPullRequestBody([reportOf('chat.rollout.yaml', example, base)], {
      limit: githubCommentLimit,
    });
    const diff = diffPlans(planOf(base), component);
    assert.deepEqual(
      diff.changes.map((c) => `${c.what} ${c.before} → ${c.after}`),
      words,
    );
    assert.match(
      markdown,
      new RegExp(`\\*\\*Changes:\\*\\* ${words.join('; ').replace(/[()]/g, '\\$&')}\\.`),
    );
  });
