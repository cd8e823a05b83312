// Hover latency on a small document while a document just under 5 MiB is analysed, and when that large document's
// diagnostics arrive: one large document must not delay answers on another (the worker lane of
// language-server/src/worker-lane.ts). A measurement, not a test: it prints a table and never fails on a figure.
// Run: `pnpm bench:lsp`.
import { performance } from 'node:perf_hooks';
import { HoverRequest } from 'vscode-languageserver-protocol';
import { builtServer } from '../test/built-server.js';
import { canary60, rangeOf } from '../test/documents.js';
import { startClient, withTimeout } from '../test/lsp-client.js';

const head = canary60.replace('60%', '25%').replace('  alarms: [fraud-5xx, fraud-latency-p99]\n', '');
const large = `${head}  alarms:\n${Array.from({ length: 200_000 }, (_, i) => `    - fraud-alarm-${i}`).join('\n')}\n`;
const hovers = 50;

const client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
try {
  const small = 'file:///bench/small.rollout.yaml';
  await withTimeout(client.open(small, canary60), 60_000);
  const position = rangeOf(canary60, 'bake').start;
  const started = performance.now();
  const largeDone = client
    .open('file:///bench/large.rollout.yaml', large)
    .then(() => performance.now() - started);
  const latencies: number[] = [];
  let during = 0;
  let finished: number | undefined;
  void largeDone.then((ms) => {
    finished = ms;
  });
  for (let i = 0; i < hovers; i++) {
    const sent = performance.now();
    await withTimeout(
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: small }, position }),
      120_000,
    );
    latencies.push(performance.now() - sent);
    if (finished === undefined) during++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const largeMs = await withTimeout(largeDone, 300_000);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  console.log(
    `\nlanguage server scheduling: ${(large.length / 1024 / 1024).toFixed(2)} MiB document opened beside a 30-line one\n`,
  );
  console.log('| measure | value |\n| --- | ---: |');
  console.log(`| hover on the small document, median | ${at(0.5).toFixed(1)} ms |`);
  console.log(`| hover on the small document, p95 | ${at(0.95).toFixed(1)} ms |`);
  console.log(`| hover on the small document, max | ${(latencies.at(-1) ?? 0).toFixed(1)} ms |`);
  console.log(`| hovers answered while the large one was analysed | ${during} of ${hovers} |`);
  console.log(`| the large document's diagnostics, after open | ${largeMs.toFixed(0)} ms |`);
} finally {
  await client.stop();
}
