// The language server's first answer, as an editor waits for it on opening a rollout file: from starting the
// process (the client sends `initialize` at once) to the first publishDiagnostics of the opened document, split
// at the initialize result. Beside yaml-language-server (debounce 0) given the rollout schema, and bare Node
// (`node -e 0`, start to exit), in the same run, on the same Node; median of RUNS runs (default 11), each a
// fresh process. A measurement, not a test: it prints a table and never fails on a figure.
//
//   pnpm bench:lsp   (or: node scripts/bench.mjs language-server/bench/first-answer.bench.ts)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { median } from '../../bench/support/child-usage.js';
import { builtServer, repoRoot } from '../test/built-server.js';
import { startClient, withTimeout } from '../test/lsp-client.js';
import { typical } from './documents.js';

const node24 = join(repoRoot, '.cache/node24/bin/node');
/** yaml-language-server 2 needs Node ≥ 22; every process runs on the same Node for a fair comparison. */
const node = existsSync(node24) ? node24 : process.execPath;
const runs = Number(process.env.RUNS ?? 11);
const require = createRequire(join(repoRoot, 'test/package.json'));
const schemaUri = pathToFileURL(join(repoRoot, 'core/schema/rollout.schema.json')).href;
const yamlSettings = {
  schemas: { [schemaUri]: ['*.rollout.yaml'] },
  validate: true,
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
};
require.resolve('yaml-language-server/package.json');

const servers = [
  { name: 'shiftwise', args: [builtServer(), '--stdio'] },
  {
    name: 'yaml-language-server (debounce 0)',
    args: [join(repoRoot, 'language-server/bench/yaml-language-server-no-delay.mjs'), '--stdio'],
    configuration: (s: string | undefined) => (s === 'yaml' ? yamlSettings : null),
  },
];

interface Sample {
  readonly initialized: number;
  readonly firstDiagnostics: number;
}

/** Start to exit of `node -e 0`, in milliseconds. */
async function bareNode(): Promise<number> {
  const began = performance.now();
  await new Promise((resolve) => spawn(node, ['-e', '0'], { stdio: 'ignore' }).on('close', resolve));
  return performance.now() - began;
}

async function firstAnswer(server: (typeof servers)[number], n: number): Promise<Sample> {
  const began = performance.now();
  const client = await startClient({
    command: node,
    args: server.args,
    rootUri: pathToFileURL(repoRoot).href,
    ...(server.configuration && { configuration: server.configuration }),
  });
  const initialized = performance.now() - began;
  try {
    await withTimeout(client.open(`file:///bench/first-${n}.rollout.yaml`, typical), 60_000);
    return { initialized, firstDiagnostics: performance.now() - began };
  } finally {
    await client.stop();
  }
}

const bare: number[] = [];
const samples = new Map<string, Sample[]>(servers.map((s) => [s.name, []]));
for (let run = -1; run < runs; run++) {
  const b = await bareNode();
  if (run >= 0) bare.push(b); // run -1 warms the disk cache
  for (const server of servers) {
    const sample = await firstAnswer(server, run);
    if (run >= 0) samples.get(server.name)?.push(sample);
  }
}
const bareMs = median(bare);
console.log(
  `node ${node === node24 ? '24 (.cache/node24)' : process.version}; median of ${runs} fresh processes`,
);
console.log(`bare node -e 0, start to exit: ${bareMs.toFixed(0)} ms`);
console.log(
  '| server | start → initialize result ms | start → first diagnostics ms | × bare Node | target ≤ 3× |',
);
console.log('| --- | ---: | ---: | ---: | --- |');
for (const [name, list] of samples) {
  const first = median(list.map((s) => s.firstDiagnostics));
  const ratio = first / bareMs;
  console.log(
    `| ${name} | ${median(list.map((s) => s.initialized)).toFixed(0)} | ${first.toFixed(0)} | ${ratio.toFixed(2)} | ${name === 'shiftwise' ? (ratio <= 3 ? 'met' : 'NOT met') : ''} |`,
  );
}
