// The outline (textDocument/documentSymbol) over stdio: steps and analysis checks are named for what they are, not
// by their whole text (`traffic: 5%\u{a}      bake: 10m`, a check's hundreds of characters).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type DocumentSymbol, DocumentSymbolRequest } from 'vscode-languageserver-protocol';
import { analyze } from '../src/service/analysis.js';
import { documentSymbols } from '../src/service/symbols.js';
import { builtServer } from './built-server.js';
import { canary60 } from './documents.js';
import { startClient, withTimeout } from './lsp-client.js';

const steps = readFileSync(new URL('../../examples/sagemaker-steps.rollout.yaml', import.meta.url), 'utf8');

test('outline: a step is `step 1 · 5%` or `pause (manual)`, a check its name; every name one short line', async () => {
  const client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
  try {
    const names = async (uri: string, text: string) => {
      await withTimeout(client.open(uri, text), 10_000);
      const symbols = (await withTimeout(
        client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
        10_000,
      )) as DocumentSymbol[];
      const all = (list: readonly DocumentSymbol[]): DocumentSymbol[] =>
        list.flatMap((s) => [s, ...all(s.children ?? [])]);
      for (const s of all(symbols)) {
        assert.ok(s.name.length <= 60 && !s.name.includes('\\u{'), s.name);
      }
      const under = (path: string[]) =>
        path.reduce<readonly DocumentSymbol[]>(
          (list, key) => list.find((s) => s.name === key)?.children ?? [],
          symbols,
        );
      return {
        steps: under(['strategy', 'steps']).map((s) => s.name),
        checks: under(['analysis']).map((s) => s.name),
      };
    };
    assert.deepEqual(await names('file:///w/a.rollout.yaml', steps), {
      steps: ['step 1 · 5%', 'step 2 · 25%', 'pause (manual)', 'step 4 · 50%', 'step 5 · 100%'],
      checks: ['new-5xx', 'error-rate-vs-old'],
    });
    const json =
      '{"strategy": {"type": "steps", "steps": [{"traffic": "5%"}, {"pause": "1h"}]}, "analysis": [{"period": "1m"}]}';
    assert.deepEqual(await names('file:///w/b.rollout.json', json), {
      steps: ['step 1 · 5%', 'pause (1h)'],
      checks: ['check 1'],
    });
  } finally {
    await client.stop();
  }
});

/** The symbol at `path` (a key's name, or a list item's index) and what the outline shows for it. */
function shown(
  uri: string,
  text: string,
  path: readonly (string | number)[],
): { name?: string; detail?: string } {
  let list: readonly DocumentSymbol[] = documentSymbols(analyze(uri, text));
  let symbol: DocumentSymbol | undefined;
  for (const step of path) {
    symbol = typeof step === 'number' ? list[step] : list.find((s) => s.name === step);
    list = symbol?.children ?? [];
  }
  return { name: symbol?.name, ...(symbol?.detail !== undefined && { detail: symbol.detail }) };
}

const alarms = (list: string) => canary60.replace('[fraud-5xx, fraud-latency-p99]', list);
const withSteps = (items: string) =>
  `version: 1\nprovider: sagemaker\nendpoint: e\nstrategy:\n  type: steps\n  steps:\n${items}`;
const yaml = 'file:///w/a.rollout.yaml';
const json = 'file:///w/a.rollout.json';

/** Names and details are values as YAML and JSON read them, never with the quotes they were written with. */
const valueRows: {
  readonly name: string;
  readonly uri: string;
  readonly text: string;
  readonly path: readonly (string | number)[];
  readonly shows: { name?: string; detail?: string };
}[] = [
  {
    name: 'a plain alarm',
    uri: yaml,
    text: alarms('\n    - fraud-5xx'),
    path: ['rollback', 'alarms', 0],
    shows: { name: 'fraud-5xx' },
  },
  {
    name: 'a double-quoted alarm',
    uri: yaml,
    text: alarms('\n    - "fraud-5xx"'),
    path: ['rollback', 'alarms', 0],
    shows: { name: 'fraud-5xx' },
  },
  {
    name: 'a single-quoted alarm with an apostrophe',
    uri: yaml,
    text: alarms("\n    - 'it''s-5xx'"),
    path: ['rollback', 'alarms', 0],
    shows: { name: "it's-5xx" },
  },
  {
    name: 'a quoted alarm in a flow list',
    uri: yaml,
    text: alarms('[a, "fraud-latency"]'),
    path: ['rollback', 'alarms', 1],
    shows: { name: 'fraud-latency' },
  },
  {
    name: 'a double-quoted alarm with escapes',
    uri: yaml,
    text: alarms('["caf\\u00e9-\\x41"]'),
    path: ['rollback', 'alarms', 0],
    shows: { name: 'café-A' },
  },
  {
    name: 'a JSON alarm',
    uri: json,
    text: '{"rollback": {"alarms": ["fraud-5xx", "a\\"b"]}}',
    path: ['rollback', 'alarms', 1],
    shows: { name: 'a"b' },
  },
  {
    name: 'a quoted endpoint, its detail',
    uri: yaml,
    text: canary60.replace('endpoint: fraud-detector-prod', 'endpoint: "fraud-detector-prod"'),
    path: ['endpoint'],
    shows: { name: 'endpoint', detail: 'fraud-detector-prod' },
  },
  {
    name: 'a JSON endpoint, its detail',
    uri: json,
    text: '{"endpoint": "fraud-detector-prod"}',
    path: ['endpoint'],
    shows: { name: 'endpoint', detail: 'fraud-detector-prod' },
  },
  {
    name: 'an empty alarm, as written',
    uri: yaml,
    text: alarms('["", a]'),
    path: ['rollback', 'alarms', 0],
    shows: { name: '""' },
  },
  {
    name: 'a step with a quoted traffic',
    uri: yaml,
    text: withSteps('    - traffic: "5%"\n      bake: 10m\n'),
    path: ['strategy', 'steps', 0],
    shows: { name: 'step 1 · 5%' },
  },
  {
    name: 'a quoted pause',
    uri: yaml,
    text: withSteps("    - pause: 'manual'\n"),
    path: ['strategy', 'steps', 0],
    shows: { name: 'pause (manual)' },
  },
  {
    name: 'a check with a quoted name',
    uri: yaml,
    text: "analysis:\n  - name: 'it''s-5xx'\n    period: 1m\n",
    path: ['analysis', 0],
    shows: { name: "it's-5xx" },
  },
  {
    name: 'a JSON check name with an escape',
    uri: json,
    text: '{"analysis": [{"name": "new\\u002d5xx"}]}',
    path: ['analysis', 0],
    shows: { name: 'new-5xx' },
  },
];

for (const row of valueRows)
  test(`outline value: ${row.name} → ${JSON.stringify(row.shows)}`, () => {
    assert.deepEqual(shown(row.uri, row.text, row.path), row.shows);
  });
