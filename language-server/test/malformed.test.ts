// Requests and notifications whose params do not have the shape the LSP specification gives, sent to the built
// server over stdio: a request is answered with InvalidParams (-32602) naming the field, never an InternalError
// quoting a TypeError nor an answer for another place (line -1 read as line 0).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCodes, HoverRequest, ResponseError } from 'vscode-languageserver-protocol';
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
