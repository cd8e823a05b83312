// Requests and notifications whose params do not have the shape the LSP specification gives, sent to the built
// server over stdio: a request is answered with InvalidParams (-32602) naming the field, never an InternalError
// quoting a TypeError nor an answer for another place (line -1 read as line 0); a document notification that would
// poison the document store or apply only in part is dropped, and the server goes on serving every other document.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  HoverRequest,
  ResponseError,
} from 'vscode-languageserver-protocol';
import { builtServer } from './built-server.js';
import { canary60, rangeOf } from './documents.js';
import { type Client, startClient, withTimeout } from './lsp-client.js';

let client: Client;
const uri = 'file:///work/malformed.rollout.yaml';
const textDocument = { uri };
const position = rangeOf(canary60, 'bake').start;
const range = rangeOf(canary60, '60%');

before(async () => {
  client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
  await withTimeout(client.open(uri, canary60), 10_000);
});
after(async () => {
  await client?.stop();
});

/** Malformed params of each request the server serves, and the field the error must name. */
const cases: { method: string; params: unknown; field: string }[] = [
  { method: 'textDocument/hover', params: {}, field: 'textDocument' },
  { method: 'textDocument/hover', params: null, field: 'params' },
  { method: 'textDocument/hover', params: { textDocument: { uri: 5 }, position }, field: 'textDocument' },
  { method: 'textDocument/hover', params: { textDocument }, field: 'position' },
  {
    method: 'textDocument/hover',
    params: { textDocument, position: { line: -1, character: 0 } },
    field: 'position',
  },
  {
    method: 'textDocument/hover',
    params: { textDocument, position: { line: 1.5, character: 0 } },
    field: 'position',
  },
  {
    method: 'textDocument/hover',
    params: { textDocument, position: { line: '8', character: 3 } },
    field: 'position',
  },
  { method: 'textDocument/completion', params: {}, field: 'textDocument' },
  { method: 'textDocument/completion', params: { textDocument, position: null }, field: 'position' },
  {
    method: 'textDocument/completion',
    params: { textDocument, position: { line: 0, character: -4 } },
    field: 'position',
  },
  {
    method: 'textDocument/codeAction',
    params: { textDocument, context: { diagnostics: [] } },
    field: 'range',
  },
  { method: 'textDocument/codeAction', params: { textDocument, range: { start: position } }, field: 'range' },
  {
    method: 'textDocument/codeAction',
    params: { textDocument, range, context: { diagnostics: 'x' } },
    field: 'context',
  },
  {
    method: 'textDocument/codeAction',
    params: { textDocument, range, context: { diagnostics: [{ range: null }] } },
    field: 'context',
  },
  { method: 'textDocument/codeLens', params: {}, field: 'textDocument' },
  { method: 'textDocument/codeLens', params: null, field: 'params' },
  { method: 'textDocument/documentSymbol', params: { textDocument: {} }, field: 'textDocument' },
  { method: 'workspace/executeCommand', params: {}, field: 'command' },
  { method: 'workspace/executeCommand', params: null, field: 'params' },
  {
    method: 'workspace/executeCommand',
    params: { command: 'shiftwise.showPlan', arguments: uri },
    field: 'arguments',
  },
];

for (const { method, params, field } of cases) {
  test(`${method} ${JSON.stringify(params)}: InvalidParams naming ${field}`, async () => {
    try {
      const answer = await withTimeout(client.connection.sendRequest(method, params), 10_000);
      assert.fail(`expected InvalidParams, got ${JSON.stringify(answer)}`);
    } catch (error) {
      assert.ok(error instanceof ResponseError, String(error));
      assert.equal(error.code, ErrorCodes.InvalidParams, error.message);
      assert.ok(error.message.includes(field), error.message);
    }
  });
}

test('the well-formed requests beside them are still answered', async () => {
  const hover = await withTimeout(
    client.connection.sendRequest(HoverRequest.type, { textDocument, position }),
    10_000,
  );
  assert.match(JSON.stringify(hover), /600 s/);
});

// A didOpen with `text: null` was once stored: every later validation of it threw, and a settings change, which
// validates every open document in turn, stopped there, so the documents opened after it kept stale diagnostics.
test('a didOpen whose text is not a string is dropped; a settings change still re-checks every other document', async () => {
  for (const [i, text] of [null, 5, { a: 1 }, undefined].entries()) {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri: `file:///work/poison-${i}.rollout.yaml`,
        languageId: 'yaml',
        version: 1,
        text,
      },
    } as never);
  }
  // No capacity in the file: `size: 40%` rounds (1.6 instances) only once the setting gives a fleet of 4.
  const other = 'file:///work/after-poison.rollout.yaml';
  const noCapacity = canary60.replace('capacity: 4\n', '').replace('60%', '40%');
  const opened = await withTimeout(client.open(other, noCapacity), 10_000);
  assert.ok(!opened.diagnostics.some((d) => d.code === 'rounding'), JSON.stringify(opened.diagnostics));
  const republished = client.diagnosticsFor(other);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { shiftwise: { capacity: 4 } },
  });
  const found = await withTimeout(republished, 10_000, 'the diagnostics after the settings change');
  assert.ok(
    found.diagnostics.some((d) => d.code === 'rounding'),
    JSON.stringify(found.diagnostics),
  );
});

// A didChange whose second change was malformed once had its first change applied to the stored text, with the
// version left as it was and nothing re-checked: the text moved under the diagnostics, and the next change was
// applied to a text the client never had. The notification is dropped whole.
test('a didChange with one malformed change among good ones changes nothing', async () => {
  const target = 'file:///work/half-change.rollout.yaml';
  await withTimeout(client.open(target, canary60), 10_000);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: target, version: 2 },
    contentChanges: [{ range: rangeOf(canary60, '60%'), text: '30%' }, { text: 5 }],
  } as never);
  const next = await withTimeout(
    client.change(target, 3, [{ range: rangeOf(canary60, '10m'), text: '5m' }]),
    10_000,
  );
  const error = next.diagnostics.find((d) => d.code === 'canary-size');
  assert.deepEqual(error?.range, rangeOf(canary60, '60%'), JSON.stringify(next.diagnostics));
});
