// The language server over the hostile corpus (test/hostile/, the files that once crashed or misled the CLI):
// every case is opened, diagnosed and asked for its code lenses, symbols and completion, and after each one a hover
// on a small document is still answered. The built server runs as a child process over stdio. No wall-clock
// bound is asserted; the slowest hover is printed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import {
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  HoverRequest,
} from 'vscode-languageserver-protocol';
import { builtServer, repoRoot } from './built-server.js';
import { canary60, rangeOf } from './documents.js';
import { startClient, withTimeout } from './lsp-client.js';

const folder = join(repoRoot, 'test/hostile');
const cases = readdirSync(folder).filter((f) => /\.rollout\.(ya?ml|json)$/.test(f));

test('the language server survives every hostile case and keeps answering another document', async (t) => {
  assert.ok(cases.length >= 10, `only ${cases.length} hostile cases found`);
  const client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
  try {
    const small = 'file:///work/small.rollout.yaml';
    await withTimeout(client.open(small, canary60), 30_000);
    const position = rangeOf(canary60, 'bake').start;
    let slowest = { ms: 0, after: '' };
    for (const name of cases) {
      const uri = `file:///work/hostile/${name}`;
      const text = readFileSync(join(folder, name), 'utf8');
      const published = await withTimeout(client.open(uri, text), 30_000, `the diagnostics of ${name}`);
      assert.equal(published.uri, uri);
      const document = { textDocument: { uri } };
      await withTimeout(client.connection.sendRequest(CodeLensRequest.type, document), 30_000, name);
      await withTimeout(client.connection.sendRequest(DocumentSymbolRequest.type, document), 30_000, name);
      await withTimeout(
        client.connection.sendRequest(CompletionRequest.type, {
          ...document,
          position: { line: 0, character: 0 },
        }),
        30_000,
        name,
      );
      const sent = performance.now();
      const hover = await withTimeout(
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: small }, position }),
        30_000,
        `a hover after ${name}`,
      );
      const ms = performance.now() - sent;
      if (ms > slowest.ms) slowest = { ms, after: name };
      assert.ok(hover, `no hover after ${name}`);
    }
    t.diagnostic(
      `${cases.length} hostile cases; slowest hover on the small document: ${slowest.ms.toFixed(1)} ms (after ${slowest.after})`,
    );
  } finally {
    await client.stop();
  }
});

// Whether a file states its capacity was once a regex whose `\s*` crossed lines: quadratic in the blank lines, so
// this file (under the worker lane's size, so on the server's thread) held the server for about 50 s.
test('a canary followed by 250,000 blank lines is diagnosed, and another document answered, within seconds', async () => {
  const client = await startClient({
    command: process.execPath,
    args: [builtServer(), '--stdio'],
    initializationOptions: { capacity: 4 },
  });
  try {
    const small = 'file:///work/small.rollout.yaml';
    await withTimeout(client.open(small, canary60), 30_000);
    const blank = 'file:///work/blank-lines.rollout.yaml';
    // No `capacity`: a regex looking for one ran through every line.
    const text = canary60.replace('60%', '25%').replace('capacity: 4\n', '') + '\n'.repeat(250_000);
    const published = client.open(blank, text);
    const hover = await withTimeout(
      client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: small },
        position: rangeOf(canary60, 'bake').start,
      }),
      15_000,
      'a hover beside the file of blank lines',
    );
    assert.ok(hover);
    const found = await withTimeout(published, 15_000, 'the diagnostics of the file of blank lines');
    assert.deepEqual(found.diagnostics, []);
  } finally {
    await client.stop();
  }
});
