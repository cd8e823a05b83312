// The worker lane on its own (the built server as its worker): a request waiting for the analysis of its version is
// answered with nothing once it has waited longer than the wait limit. Order, not timing: the limit is set so that
// the analysis comes before it, or after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { workerLane } from '../src/worker-lane.js';
import { builtServer } from './built-server.js';
import { canary60, rangeOf } from './documents.js';

/** Over 256 KiB: a lane document, analysed in some hundreds of milliseconds. */
const text = `${canary60.replace('  alarms: [fraud-5xx, fraud-latency-p99]\n', '')}  alarms:\n${Array.from(
  { length: 14_000 },
  (_, i) => `    - fraud-alarm-${i}`,
).join('\n')}\n`;

const rows = [
  { waitLimitMs: 1, order: ['answered: nothing', 'analysed 1'] },
  { waitLimitMs: 120_000, order: ['analysed 1', 'answered: Canary size'] },
];

for (const row of rows)
  test(`a lane request with a wait limit of ${row.waitLimitMs} ms: ${row.order.join(', then ')}`, async () => {
    const order: string[] = [];
    let analysed!: () => void;
    const finished = new Promise<void>((resolve) => {
      analysed = resolve;
    });
    const lane = workerLane(
      pathToFileURL(builtServer()),
      {
        analysed: ({ version }) => {
          order.push(`analysed ${version}`);
          analysed();
        },
        log: () => {},
      },
      { waitLimitMs: row.waitLimitMs },
    );
    const uri = 'file:///work/lane.rollout.yaml';
    lane.update(uri, 1, text, undefined);
    const hover = await lane.ask(uri, 1, { feature: 'hover', position: rangeOf(text, '60%').start });
    const words = hover
      ? String((hover.contents as { value?: string }).value).match(/Canary size/)?.[0]
      : undefined;
    order.push(`answered: ${words ?? 'nothing'}`);
    await finished;
    await lane.stop();
    assert.deepEqual(order, row.order);
  });
