// The outline (textDocument/documentSymbol) over stdio: steps and analysis checks are named for what they are, not
// by their whole text (`traffic: 5%\u{a}      bake: 10m`, a check's hundreds of characters).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type DocumentSymbol, DocumentSymbolRequest } from 'vscode-languageserver-protocol';
import { builtServer } from './built-server.js';
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
