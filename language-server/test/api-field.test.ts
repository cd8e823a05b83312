// Hover's "API field" line sets the API's names in code and its words as words: a field named in prose
// (`projects/{project} in the endpoint resource name`) was one code span, prose and all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldTable } from '@shiftwise/core';
import { apiFieldMarkdown } from '../src/service/hover.js';

const rows: [apiField: string, markdown: string][] = [
  ['RollingUpdatePolicy.MaximumBatchSize', '`RollingUpdatePolicy.MaximumBatchSize`'],
  ['keys of Endpoint.trafficSplit', 'keys of `Endpoint.trafficSplit`'],
  ['projects/{project} in the endpoint resource name', '`projects/{project}` in the endpoint resource name'],
  [
    'InferenceComponentRollingUpdatePolicy.MaximumBatchSize (COPY_COUNT or CAPACITY_PERCENT)',
    '`InferenceComponentRollingUpdatePolicy.MaximumBatchSize` (`COPY_COUNT` or `CAPACITY_PERCENT`)',
  ],
  [
    'RolloutOptions.maxSurgeReplicas / maxSurgePercentage',
    '`RolloutOptions.maxSurgeReplicas` / `maxSurgePercentage`',
  ],
  ['CloudWatch GetMetricData, polled by Shiftwise', 'CloudWatch `GetMetricData`, polled by Shiftwise'],
  ['AutoRollbackConfiguration.Alarms[].AlarmName', '`AutoRollbackConfiguration.Alarms[].AlarmName`'],
];

for (const [apiField, markdown] of rows)
  test(`API field in hover: ${apiField}`, () => assert.equal(apiFieldMarkdown(apiField), markdown));

test('every API field of the table has its names in code and no code span of more than one word', () => {
  for (const f of fieldTable) {
    if (f.apiField === undefined) continue;
    const spans = apiFieldMarkdown(f.apiField).match(/`[^`]*`/g) ?? [];
    assert.ok(spans.length > 0, `${f.path}: ${f.apiField}`);
    for (const span of spans) assert.doesNotMatch(span, / /, `${f.path}: ${span}`);
  }
});
