import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SageMakerRollout } from '@shiftwise/core';
import { type Clock, type DeployEvent, deploy, progressWords, providerFor } from '@shiftwise/core/engine';
import { seedRollout, startSandbox } from '@shiftwise/sandbox';
import { example } from './support.js';

// A sandbox at ×60 and a deploy in real time, whose clocks differ in origin and speed, agree on a bake's time left:
// the engine reads the sandbox's clock from its answers' `Date` header and counts down in its own clock. Simulated
// without waiting: the sandbox's virtual clock starts on 2026-01-01 and moves 60 s for each second the deploy's
// clock (which starts at the machine's real time) sleeps.

const rollout = example('sagemaker-canary.rollout.yaml') as SageMakerRollout;

test('a sandbox at ×60 and a deploy in real time agree on the time left in a bake, within 2 s', async () => {
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    seedRollout(sandbox.control, rollout);
    let realElapsed = 0;
    const realStart = Date.now();
    const deployClock: Clock = {
      now: () => realStart + realElapsed,
      async sleep(ms) {
        realElapsed += ms;
        await sandbox.clock.advance(ms * 60);
      },
    };
    const compared: { shown: string; truth: number }[] = [];
    const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      clock: deployClock,
      onEvent: (e: DeployEvent) => {
        if (e.type !== 'progress' || e.observation.kind !== 'progress' || e.observation.phase !== 'baking')
          return;
        const bake = sandbox.control
          .transitions({ endpoint: rollout.endpoint })
          .findLast((t) => t.variantStatus === 'Baking');
        const seconds = Number(bake?.message?.match(/Baking for (\d+) seconds/)?.[1]);
        const truth = ((bake?.at ?? 0) + seconds * 1000 - sandbox.clock.now()) / 1000;
        compared.push({ shown: progressWords(e, deployClock.now()), truth });
      },
    });
    assert.equal(report.outcome, 'succeeded', report.reason);
    assert.ok(compared.length >= 1, `bakes seen: ${compared.length}`);
    for (const { shown, truth } of compared) {
      const left = shown.match(/baking, (?:(\d+) min)? ?(?:(\d+) s)? left/);
      assert.ok(left, shown);
      const seconds = Number(left[1] ?? 0) * 60 + Number(left[2] ?? 0);
      assert.ok(Math.abs(seconds - truth) <= 2, `shown "${shown}", the sandbox has ${truth} s left`);
    }
    console.log(
      compared
        .map((c) => `${c.shown.split(' · ').find((p) => p.includes('left'))} (sandbox: ${c.truth} s)`)
        .join('\n'),
    );
  } finally {
    await sandbox.stop();
  }
});
