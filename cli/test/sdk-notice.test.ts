// Commands that build AWS SDK clients, run as a process on Node 20: the SDK's nine-line NodeVersionSupportWarning
// ("… will require node >=22") is silenced, and any other warning still shows.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { validateRollout } from '@shiftwise/core';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { root, scratch } from './support/run.js';

const commands: [what: string, file: string, args: string[]][] = [
  ['deploy', 'examples/sagemaker-canary.rollout.yaml', ['--no-wait']],
  ['status', 'examples/sagemaker-steps.rollout.yaml', []],
];

const nodeMajor = Number(process.versions.node.split('.')[0]);

for (const [command, file, args] of commands)
  test(`${command} against an endpoint prints no SDK Node version notice; other warnings show`, {
    skip: nodeMajor >= 22 && 'the SDK gives the notice only below Node 22',
  }, async () => {
    // A warning of another kind, emitted in the same process: it must reach stderr as Node prints it.
    const dir = scratch({ 'warn.cjs': "process.emitWarning('a warning of its own', 'OtherWarning');\n" });
    const sandbox = await startSandbox({ speed: 3000 });
    seedRollout(sandbox.control, validateRollout(readFileSync(join(root, file), 'utf8')).value!);
    const env: NodeJS.ProcessEnv = { ...process.env, ...sandbox.env, NO_COLOR: '1' };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          import.meta.resolve('tsx'),
          '--conditions=source',
          '--require',
          join(dir, 'warn.cjs'),
          join(root, 'cli/src/bin.ts'),
          command,
          file,
          ...args,
        ],
        { cwd: root, encoding: 'utf8', timeout: 60_000, env },
      );
      assert.match(stdout, command === 'deploy' ? /update running/ : /no rollout in progress/);
      assert.doesNotMatch(stderr, /NodeVersionSupportWarning|require node >=22/);
      assert.match(stderr, /OtherWarning: a warning of its own/);
    } finally {
      await sandbox.stop();
    }
  });
