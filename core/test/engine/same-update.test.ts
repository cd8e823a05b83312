import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deploymentConfigDifferences } from '../../src/engine/index.js';

// Is the update in flight the one this file would start? The file's DeploymentConfig against the running one's
// LastDeploymentConfig: a table.
const canary = (value: number, alarms: string[]) => ({
  BlueGreenUpdatePolicy: {
    TrafficRoutingConfiguration: {
      Type: 'CANARY',
      CanarySize: { Type: 'CAPACITY_PERCENT', Value: value },
      WaitIntervalInSeconds: 600,
    },
    TerminationWaitInSeconds: 600,
  },
  AutoRollbackConfiguration: { Alarms: alarms.map((AlarmName) => ({ AlarmName })) },
});

test('deployment config differences: what the file sends, against what runs', () => {
  const rows: [string, unknown, unknown, string[]][] = [
    ['the same', canary(25, ['a']), canary(25, ['a']), []],
    [
      'another canary size',
      canary(25, ['a']),
      canary(10, ['a']),
      ['BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value: 10 running, 25 in this file'],
    ],
    [
      'an alarm more in the file',
      canary(25, ['a', 'b']),
      canary(25, ['a']),
      [
        'AutoRollbackConfiguration.Alarms: [{"AlarmName":"a"}] running, [{"AlarmName":"a"},{"AlarmName":"b"}] in this file',
      ],
    ],
    [
      'a default only the service shows is not compared',
      canary(25, ['a']),
      {
        ...canary(25, ['a']),
        BlueGreenUpdatePolicy: {
          ...canary(25, ['a']).BlueGreenUpdatePolicy,
          MaximumExecutionTimeoutInSeconds: 28800,
        },
      },
      [],
    ],
    [
      'nothing running shown',
      canary(25, []),
      undefined,
      [`DeploymentConfig: absent running, ${JSON.stringify(canary(25, []))} in this file`],
    ],
    ['RetainDeploymentConfig: the file sends none', undefined, canary(10, ['a']), []],
  ];
  for (const [name, requested, running, expected] of rows)
    assert.deepEqual(deploymentConfigDifferences(requested, running), expected, name);
});
