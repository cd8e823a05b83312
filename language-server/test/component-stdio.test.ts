// The built server on an inference-component file, real JSON-RPC over stdio: what an editor shows of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CodeLensRequest,
  DiagnosticSeverity,
  ExecuteCommandRequest,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { exampleText } from '../../core/test/support/examples.js';
import { builtServer } from './built-server.js';
import { rangeOf } from './documents.js';
import { type Client, startClient, withTimeout } from './lsp-client.js';

/** examples/sagemaker-inference-component.rollout.yaml: chat-ic on llm-prod, 8 copies, batch 25%, bake 5m. */
const component = exampleText('sagemaker-inference-component.rollout.yaml');

let client: Client;
let documentCount = 0;
const nextUri = () => `file:///work/chat${++documentCount}.rollout.yaml`;

before(async () => {
  client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
});
after(async () => {
  await client?.stop();
});

test('a canary of an inference component gets one error, on its type', async () => {
  const text = component.replace('type: rolling', 'type: canary');
  const published = await withTimeout(client.open(nextUri(), text), 10_000);
  const errors = published.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  assert.deepEqual(
    errors.map((d) => [d.code, d.range]),
    [['component-strategy', rangeOf(text, 'canary')]],
  );
  assert.match(String(errors[0]?.message), /use type: rolling/);
});

test('the example is clean; hover on batch names the component policy and counts copies', async () => {
  const uri = nextUri();
  const published = await withTimeout(client.open(uri, component), 10_000);
  assert.deepEqual(published.diagnostics, []);
  const hover = await withTimeout(
    client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: rangeOf(component, 'batch: 25%').start,
    }),
    10_000,
  );
  const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
  assert.match(text, /InferenceComponentRollingUpdatePolicy\.MaximumBatchSize/);
  assert.match(text, /2 copies of 8 \(25% of traffic\)/);
});

test('the code lens and shiftwise.showPlan speak of copies and the component', async () => {
  const uri = nextUri();
  await withTimeout(client.open(uri, component), 10_000);
  const lenses = await withTimeout(
    client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
    10_000,
  );
  assert.equal(lenses?.[0]?.command?.title, '4 batches · 20 min · peak 10 copies');
  const result = (await withTimeout(
    client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'shiftwise.showPlan',
      arguments: [uri],
    }),
    10_000,
  )) as { markdown: string; summary?: string; plan?: { target?: string; endpoint?: string } };
  assert.equal(result.summary, '4 batches · 20 min · peak 10 copies');
  assert.match(result.markdown, /inference component chat-ic on llm-prod/);
  assert.deepEqual([result.plan?.target, result.plan?.endpoint], ['inference-component', 'llm-prod']);
});
