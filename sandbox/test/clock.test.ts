import assert from 'node:assert/strict';
import { test } from 'node:test';
import { realClock, startSandbox, VIRTUAL_EPOCH, virtualClock } from '@shiftwise/sandbox';

test('a virtual clock starts at a fixed instant and moves only when advanced or slept', async () => {
  const clock = virtualClock();
  assert.equal(clock.now(), VIRTUAL_EPOCH);
  await clock.advance(90_000);
  await clock.sleep(10_000);
  assert.equal(clock.now(), VIRTUAL_EPOCH + 100_000);
  await clock.advance(-5);
  assert.equal(clock.now(), VIRTUAL_EPOCH + 100_000);
});

test('sleeping on an aborted signal rejects with its reason, on either clock', async () => {
  const signal = AbortSignal.abort(new Error('stop'));
  await assert.rejects(virtualClock().sleep(1000, signal), /stop/);
  await assert.rejects(realClock(10).sleep(60_000, signal), /stop/);
  const controller = new AbortController();
  const pending = realClock(1).sleep(3_600_000, controller.signal);
  controller.abort(new Error('cancelled'));
  await assert.rejects(pending, /cancelled/);
});

test("every answer's Date header is the simulated time, as a cloud's is its own", async () => {
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    await sandbox.clock.advance(3_600_000);
    const answers = [
      await fetch(`${sandbox.url}/_sandbox/now`),
      await fetch(sandbox.url, {
        method: 'POST',
        headers: { 'X-Amz-Target': 'SageMaker.DescribeEndpoint' },
        body: '{}',
      }),
      await fetch(`${sandbox.url}/v1beta1/projects/p/locations/l/endpoints/1`),
    ];
    for (const answer of answers) {
      await answer.arrayBuffer();
      assert.equal(answer.headers.get('date'), new Date(VIRTUAL_EPOCH + 3_600_000).toUTCString());
    }
  } finally {
    await sandbox.stop();
  }
});
