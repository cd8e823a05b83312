// The LSP lifecycle and the text completion inserts, over stdio with a raw JSON-RPC client: what the server
// answers before `initialize` and after `shutdown` (the LSP specification, "Lifecycle Messages"), and completed
// alarm names that YAML would otherwise split or reinterpret.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parseRollout } from '@shiftwise/core';
import {
  type CompletionList,
  CompletionRequest,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ResponseError,
  ShutdownRequest,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { builtServer } from './built-server.js';
import { applyEdits, canary60, cursor, rangeOf } from './documents.js';
import { spawnServer, startClient, withTimeout } from './lsp-client.js';

const uri = 'file:///work/lifecycle.rollout.yaml';
const hoverParams = { textDocument: { uri }, position: rangeOf(canary60, 'bake').start };

/** The error a request got, or a failure when it got an answer. */
async function errorOf(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    const answer = await withTimeout(request, 10_000);
    assert.fail(`expected an error, got ${JSON.stringify(answer)}`);
  } catch (error) {
    assert.ok(error instanceof ResponseError, String(error));
    return error;
  }
}

test('before initialize a request gets ServerNotInitialized (-32002) and a notification is dropped; a second initialize, and a request after shutdown, get InvalidRequest (-32600)', async () => {
  const { connection, child } = spawnServer(process.execPath, [builtServer(), '--stdio']);
  const published: string[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p.uri);
  });
  connection.listen();
  try {
    // The spec: "If the server receives a request or notification before the initialize request it should act
    // as follows: for a request the response should be an error with code: -32002 […] Notifications should be
    // dropped, except for the exit notification."
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: canary60 },
    });
    const early = await errorOf(connection.sendRequest(HoverRequest.type, hoverParams));
    assert.equal(early.code, ErrorCodes.ServerNotInitialized);
    assert.match(early.message, /before initialize/);
    const unknown = await errorOf(connection.sendRequest('shiftwise/unknown', {}));
    assert.equal(unknown.code, ErrorCodes.ServerNotInitialized);

    await withTimeout(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      }),
      10_000,
    );
    await connection.sendNotification(InitializedNotification.type, {});
    // The spec: "The initialize request may only be sent once."
    const again = await errorOf(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      }),
    );
    assert.equal(again.code, ErrorCodes.InvalidRequest);
    assert.match(again.message, /already initialized/);
    // The document opened before initialize was dropped: nothing to hover, nothing published.
    assert.equal(await withTimeout(connection.sendRequest(HoverRequest.type, hoverParams), 10_000), null);
    assert.deepEqual(published, []);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: canary60 },
    });
    const hover = await withTimeout(connection.sendRequest(HoverRequest.type, hoverParams), 10_000);
    assert.match(JSON.stringify(hover), /600 s/);

    await withTimeout(connection.sendRequest(ShutdownRequest.type), 10_000);
    // The spec: "If a server receives requests after a shutdown request those requests should error with
    // InvalidRequest."
    const late = await errorOf(connection.sendRequest(HoverRequest.type, hoverParams));
    assert.equal(late.code, ErrorCodes.InvalidRequest);
    assert.match(late.message, /after shutdown/);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await withTimeout(exited, 10_000), 0);
  } finally {
    child.kill();
    connection.dispose();
  }
});

test('completed alarm names are quoted where YAML would split or reinterpret them, and read back as the same names', async () => {
  const names = ['x, y', 'true', 'a: b', '#hash', "it's", 'plain-5xx'];
  const source = canary60.replace(
    '[fraud-5xx, fraud-latency-p99]',
    `[${names.map((n) => JSON.stringify(n)).join(', ')}]`,
  );
  // Saved in the workspace: the names completion offers are those of saved files.
  const root = await mkdtemp(join(tmpdir(), 'shiftwise-quoted-'));
  await writeFile(join(root, 'names.rollout.yaml'), source);
  const client = await startClient({
    command: process.execPath,
    args: [builtServer(), '--stdio'],
    rootUri: pathToFileURL(root).href,
  });
  try {
    const cases = [
      { marked: canary60.replace('[fraud-5xx, fraud-latency-p99]', '[own, |'), close: ']' },
      { marked: canary60.replace('[fraud-5xx, fraud-latency-p99]', '\n    - own\n    - |'), close: '' },
      { marked: canary60.replace('[fraud-5xx, fraud-latency-p99]', "[own, '|"), close: "']" },
      { marked: canary60.replace('[fraud-5xx, fraud-latency-p99]', '[own, "|'), close: '"]' },
    ];
    for (const [i, { marked, close }] of cases.entries()) {
      const target = pathToFileURL(join(root, `complete-${i}.rollout.yaml`)).href;
      const { text, position } = cursor(marked);
      await withTimeout(client.open(target, text), 10_000);
      const list = (await withTimeout(
        client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: target }, position }),
        10_000,
      )) as CompletionList;
      for (const name of names) {
        const item = list.items.find((it) => it.label === name);
        assert.ok(item?.textEdit, `${name} offered in case ${i}`);
        // The cursor is at the end of the file's last line; the user closes the quote and the list after it.
        const closed = applyEdits(text, [item.textEdit as TextEdit]).replace(/\n$/, `${close}\n`);
        const alarms = parseRollout(closed).value;
        assert.ok(alarms?.provider === 'sagemaker', `case ${i}, ${name}: ${closed}`);
        assert.deepEqual(alarms.rollback.alarms, ['own', name], `case ${i}: ${item.textEdit.newText}`);
      }
    }
  } finally {
    await client.stop();
    await rm(root, { recursive: true, force: true });
  }
});
