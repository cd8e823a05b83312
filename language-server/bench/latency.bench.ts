// didChange → publishDiagnostics latency (median, p95) and server memory, Shiftwise vs yaml-language-server given
// core/schema/rollout.schema.json: the same client (vscode-languageserver-protocol over stdio), the same
// documents, the same edits, in the same run. A measurement, not a test: it prints a table and never fails on a
// figure. Run: `pnpm bench:lsp`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { lineIndex } from '@shiftwise/core';
import { builtServer, repoRoot } from '../test/built-server.js';
import { type Client, startClient, withTimeout } from '../test/lsp-client.js';
import { large, sizeEdit, typical } from './documents.js';

const node24 = join(repoRoot, '.cache/node24/bin/node');
/** yaml-language-server 2 needs Node ≥ 22; both servers run on the same Node for a fair comparison. */
const node = existsSync(node24) ? node24 : process.execPath;
const require = createRequire(join(repoRoot, 'test/package.json'));
const yamlServer = join(require.resolve('yaml-language-server/package.json'), '../bin/yaml-language-server');
const schemaUri = pathToFileURL(join(repoRoot, 'core/schema/rollout.schema.json')).href;

const yamlSettings = {
  schemas: { [schemaUri]: ['*.rollout.yaml'] },
  validate: true,
  hover: true,
  completion: true,
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
};

interface Server {
  readonly name: string;
  readonly args: readonly string[];
  readonly configuration?: (section: string | undefined) => unknown;
}

const servers: Server[] = [
  { name: 'shiftwise', args: [builtServer(), '--stdio'] },
  {
    name: 'yaml-language-server (as shipped: 200 ms debounce)',
    args: [yamlServer, '--stdio'],
    configuration: (s) => (s === 'yaml' ? yamlSettings : null),
  },
  {
    name: 'yaml-language-server (debounce 0)',
    args: [join(repoRoot, 'language-server/bench/yaml-language-server-no-delay.mjs'), '--stdio'],
    configuration: (s) => (s === 'yaml' ? yamlSettings : null),
  },
];

const documents = [
  { name: '30 lines', text: typical, warmup: 20, runs: 300 },
  { name: '5,000 lines', text: large(), warmup: 5, runs: 60 },
];

interface Row {
  server: string;
  document: string;
  median: number;
  p95: number;
  rssMiB: number;
  diagnostics: number;
}

async function measure(server: Server): Promise<Row[]> {
  const client = await startClient({
    command: node,
    args: server.args,
    rootUri: pathToFileURL(repoRoot).href,
    ...(server.configuration && { configuration: server.configuration }),
  });
  const rows: Row[] = [];
  try {
    for (const [n, doc] of documents.entries()) {
      const uri = `file:///bench/doc${n}.rollout.yaml`;
      const first = await withTimeout(client.open(uri, doc.text), 60_000);
      const times = await editLoop(client, uri, doc.text, doc.warmup + doc.runs);
      rows.push({
        server: server.name,
        document: `${doc.name}`,
        ...stats(times.slice(doc.warmup)),
        rssMiB: rss(client),
        diagnostics: first.diagnostics.length,
      });
    }
  } finally {
    await client.stop();
  }
  return rows;
}

/** Sends one edit at a time and times it until the server publishes diagnostics for that document. */
async function editLoop(client: Client, uri: string, start: string, count: number): Promise<number[]> {
  let text = start;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const { to, offset } = sizeEdit(text, i);
    const index = lineIndex(text);
    const range = { start: index.positionAt(offset), end: index.positionAt(offset + to.length) };
    text = text.slice(0, offset) + to + text.slice(offset + to.length);
    const published = client.diagnosticsFor(uri);
    const began = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ range, text: to }],
    });
    await withTimeout(published, 30_000);
    times.push(performance.now() - began);
  }
  return times;
}

function stats(times: number[]): { median: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { median: at(0.5), p95: at(0.95) };
}

/** Resident memory of the server process, from /proc (Linux). */
function rss(client: Client): number {
  const status = readFileSync(`/proc/${client.child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

const rows: Row[] = [];
for (const server of servers) rows.push(...(await measure(server)));
console.log(`node ${node === node24 ? '24 (.cache/node24)' : process.version} for every server`);
console.log('| server | document | median ms | p95 ms | RSS MiB | diagnostics on open |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.server} | ${r.document} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.rssMiB.toFixed(0)} | ${r.diagnostics} |`,
  );
}
for (const doc of documents) {
  const ours = rows.find((r) => r.server === 'shiftwise' && r.document === doc.name);
  const theirs = rows.find((r) => r.server.includes('debounce 0') && r.document === doc.name);
  if (ours && theirs) {
    console.log(
      `${doc.name}: shiftwise is ${(theirs.median / ours.median).toFixed(1)}× faster (median, vs debounce 0)`,
    );
  }
}
