// `$/cancelRequest` over stdio, on the built server: a request cancelled at once is answered `RequestCancelled`
// (-32800) or, when its work was already done, normally; never left without an answer, and the server keeps
// serving. Long work (the quick fixes' trials, a wait for the worker lane) stops at its next pause.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol';
import { large } from '../bench/documents.js';
import { builtServer } from './built-server.js';
import { canary60, rangeOf } from './documents.js';
import { type Client, startClient, withTimeout } from './lsp-client.js';

let client: Client;
before(async () => {
  client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
});
after(async () => {
  await client?.stop();
});

/** Sends a request and `$/cancelRequest` for it after `delayMs` (0: at once): its answer, or the error it got. */
async function cancelled(method: string, params: unknown, delayMs = 0): Promise<unknown> {
  const source = new CancellationTokenSource();
  const answer = client.connection.sendRequest(method, params, source.token);
  if (delayMs === 0) source.cancel();
  else setTimeout(() => source.cancel(), delayMs);
  return withTimeout(
    answer.catch((error: unknown) => error),
    30_000,
  );
}

const isCancelled = (answer: unknown) =>
  answer instanceof ResponseError && answer.code === LSPErrorCodes.RequestCancelled;

/** The hover on `bake` of a small document: what shows the server still serves. */
async function stillServes(): Promise<void> {
  const uri = 'file:///work/after-cancel.rollout.yaml';
  await withTimeout(client.open(uri, canary60), 10_000);
  const hover = await withTimeout(
    client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: rangeOf(canary60, 'bake').start,
    }),
    10_000,
  );
  assert.match(JSON.stringify(hover?.contents), /600 s/);
}

const big = large();
const bigUri = 'file:///work/five-thousand.rollout.yaml';
const lines = big.split('\n');
const sizeLine = lines.findIndex((l) => l.includes('size:'));
const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };

const rows: { request: string; method: string; params: unknown }[] = [
  {
    request: 'hover',
    method: 'textDocument/hover',
    params: { textDocument: { uri: bigUri }, position: { line: sizeLine, character: 4 } },
  },
  {
    request: 'completion of an alarm name',
    method: 'textDocument/completion',
    params: { textDocument: { uri: bigUri }, position: { line: lines.length - 3, character: 6 } },
  },
  {
    request: 'code actions over the whole file',
    method: 'textDocument/codeAction',
    params: { textDocument: { uri: bigUri }, range: whole, context: { diagnostics: [] } },
  },
  {
    request: 'document symbols',
    method: 'textDocument/documentSymbol',
    params: { textDocument: { uri: bigUri } },
  },
  { request: 'code lens', method: 'textDocument/codeLens', params: { textDocument: { uri: bigUri } } },
  {
    request: 'shiftwise.showPlan',
    method: 'workspace/executeCommand',
    params: { command: 'shiftwise.showPlan', arguments: [bigUri] },
  },
];

test('the 5,000-line file of the benchmark is open', async () => {
  await withTimeout(client.open(bigUri, big), 30_000);
});

for (const row of rows)
  test(`${row.request} on 5,000 lines, cancelled at once: RequestCancelled or its answer, then the server still serves`, async () => {
    const answer = await cancelled(row.method, row.params);
    assert.ok(
      isCancelled(answer) || !(answer instanceof Error),
      `neither RequestCancelled nor an answer: ${String(answer)}`,
    );
    await stillServes();
  });

/**
 * Just under the 64 Ki characters where fixes are still tried, one top-level block (so each trial parses it
 * whole), and 12 fixes: 11 duplicate alarms and the canary's 60%. The trials take some hundreds of milliseconds.
 */
function twelveTrials(): string {
  const head = canary60.replace('  alarms: [fraud-5xx, fraud-latency-p99]\n', '  alarms:\n');
  let alarms = Array.from({ length: 11 }, (_, i) => `    - dup-${i}\n    - dup-${i}\n`).join('');
  for (let n = 0; (head + alarms).length < 63 * 1024; n++) alarms += `    - fraud-alarm-${n}\n`;
  return head + alarms;
}

test('quick fixes cancelled during their trials: RequestCancelled, not the fixes after all the trials', async () => {
  const text = twelveTrials();
  const uri = 'file:///work/twelve-trials.rollout.yaml';
  await withTimeout(client.open(uri, text), 30_000);
  const params = { textDocument: { uri }, range: whole, context: { diagnostics: [] } };
  const answer = await cancelled(CodeActionRequest.method, params, 20);
  assert.ok(isCancelled(answer), `not RequestCancelled: ${JSON.stringify(answer)?.slice(0, 200)}`);
  // Not cancelled, the same request gets its 12 fixes, each tried and so preferred.
  const fixes = await withTimeout(client.connection.sendRequest(CodeActionRequest.type, params), 30_000);
  assert.equal(fixes?.filter((f) => 'isPreferred' in f && f.isPreferred).length, 12);
});

test('quick fixes whose document changes during their trials answer nothing (their edits would land at old offsets)', async () => {
  const text = twelveTrials();
  const uri = 'file:///work/twelve-trials-typed.rollout.yaml';
  await withTimeout(client.open(uri, text), 30_000);
  const answer = client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: whole,
    context: { diagnostics: [] },
  });
  setTimeout(() => {
    void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: whole.start, end: whole.start }, text: '# typed\n' }],
    });
  }, 20);
  assert.deepEqual(await withTimeout(answer, 30_000), []);
});

test('a request waiting for the worker lane, cancelled, is answered RequestCancelled before the analysis; the next one is answered', async () => {
  // Over 256 KiB: analysed in the worker lane, some hundreds of milliseconds, during which requests wait.
  const head = canary60.replace('  alarms: [fraud-5xx, fraud-latency-p99]\n', '  alarms:\n');
  const text = `${head}${Array.from({ length: 14_000 }, (_, i) => `    - fraud-alarm-${i}\n`).join('')}`;
  const uri = 'file:///work/lane-cancel.rollout.yaml';
  const published = client.open(uri, text);
  const answer = await cancelled(DocumentSymbolRequest.method, { textDocument: { uri } }, 30);
  assert.ok(isCancelled(answer), `not RequestCancelled: ${JSON.stringify(answer)?.slice(0, 200)}`);
  assert.equal(
    client.published.some((p) => p.uri === uri),
    false,
    'the analysis came first: the request did not wait',
  );
  await withTimeout(published, 60_000);
  const symbols = await withTimeout(
    client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
    30_000,
  );
  assert.ok((symbols?.length ?? 0) > 5, JSON.stringify(symbols)?.slice(0, 200));
  await stillServes();
});
