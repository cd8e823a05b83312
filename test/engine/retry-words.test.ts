// What a retry line says when the connection drops (the sandbox's `drop` fault closes it before answering): that the
// connection was closed, never a timeout (the AWS SDK's HTTP handler names a reset connection TimeoutError).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeployEvent } from '@shiftwise/core/engine';
import { seedRollout } from '@shiftwise/sandbox';
import { deployOnSandbox, example } from './support.js';

const rows: [file: string, match: string, expected: RegExp][] = [
  [
    'sagemaker-canary.rollout.yaml',
    'SageMaker.DescribeEndpoint',
    /^the connection was closed before an answer came \(ECONNRESET: socket hang up\)$/,
  ],
  [
    'vertex-rolling.rollout.yaml',
    'vertex GET',
    /^the connection was closed before an answer came \(UND_ERR_SOCKET: other side closed\)$/,
  ],
];

for (const [file, match, expected] of rows)
  test(`a dropped connection is retried in words that say so: ${file}`, async () => {
    const retries: string[] = [];
    const run = await deployOnSandbox(
      example(file),
      (control, rollout) => {
        seedRollout(control, rollout);
        control.injectFault({ kind: 'drop', match });
      },
      { onEvent: (e: DeployEvent) => void (e.type === 'retry' && retries.push(e.error)) },
    );
    await run.stop();
    assert.equal(run.report.outcome, 'succeeded', run.report.reason);
    assert.equal(retries.length, 1);
    assert.match(retries[0]!, expected);
  });
