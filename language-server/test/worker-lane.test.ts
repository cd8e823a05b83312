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

// A document closed while the worker analyses it and opened again at the same version with other text (a file
// reloaded from disk): the closed text's result is not the reopened document's. It was published as version 1's
// diagnostics (the 60% error of text that was gone) until the new text's analysis replaced it.
test('a document closed during its analysis and reopened at the same version gets only the new text’s result', async () => {
  const results: string[] = [];
  let analysed!: () => void;
  const reopenedAnalysed = new Promise<void>((resolve) => {
    analysed = resolve;
  });
  const lane = workerLane(pathToFileURL(builtServer()), {
    analysed: ({ version, diagnostics }) => {
      results.push(`${version}: ${diagnostics.map((d) => d.code).join(', ') || 'clean'}`);
      analysed();
    },
    log: () => {},
  });
  const uri = 'file:///work/reloaded.rollout.yaml';
  const reloaded = text.replace('60%', '25%');
  lane.update(uri, 1, text, 4);
  lane.close(uri);
  lane.update(uri, 1, reloaded, 4);
  const hover = await lane.ask(uri, 1, { feature: 'hover', position: rangeOf(reloaded, '25%').start });
  await reopenedAnalysed;
  await lane.stop();
  assert.deepEqual(results, ['1: alarm-count']);
  assert.match(JSON.stringify(hover?.contents ?? null), /1 instance of 4 \(25% of traffic\)/);
});
