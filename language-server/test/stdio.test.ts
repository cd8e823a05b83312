// The built server as a child process, real JSON-RPC over stdio, a real client.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { plan, planSummary, validateRollout } from '@shiftwise/core';
import {
  type CodeAction,
  CodeActionRequest,
  CodeLensRequest,
  type CompletionList,
  CompletionRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { builtServer } from './built-server.js';
import { canary60, cursor, rangeOf } from './documents.js';
import { type Client, startClient, withTimeout } from './lsp-client.js';

let client: Client;
let documentCount = 0;
/** A fresh document URI per test, so tests do not see each other's diagnostics. */
const nextUri = (ext = 'yaml') => `file:///work/t${++documentCount}.rollout.${ext}`;

before(async () => {
  client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
});
after(async () => {
  await client?.stop();
});

test('a canary at 60% gets one error, exactly on `60%`, naming 50%', async () => {
  const uri = nextUri();
  const published = await withTimeout(client.open(uri, canary60), 10_000);
  const errors = published.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  assert.equal(errors.length, 1, JSON.stringify(published.diagnostics));
  const [error] = errors;
  assert.deepEqual(error?.range, rangeOf(canary60, '60%'));
  assert.match(String(error?.message), /50%/);
  assert.equal(error?.code, 'canary-size');
  assert.equal(error?.source, 'shiftwise');
  assert.match(error?.codeDescription?.href ?? '', /docs\/rules\.md#canary-size$/);
  assert.equal(published.version, 1);
});

test('changing 60% to 30% clears the error', async () => {
  const uri = nextUri();
  await withTimeout(client.open(uri, canary60), 10_000);
  const after = await withTimeout(
    client.change(uri, 2, [{ range: rangeOf(canary60, '60%'), text: '30%' }]),
    10_000,
  );
  assert.equal(after.version, 2);
  assert.deepEqual(
    after.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error),
    [],
  );
});

test('hover on bake shows the value in seconds and the bound', async () => {
  const uri = nextUri();
  await withTimeout(client.open(uri, canary60), 10_000);
  const position = rangeOf(canary60, 'bake').start;
  const hover = await withTimeout(
    client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
    10_000,
  );
  const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
  assert.match(text, /600 s/);
  assert.match(text, /0–3600 seconds/);
  assert.match(text, /WaitIntervalInSeconds/);
  assert.deepEqual(hover?.range, rangeOf(canary60, 'bake'));
});

test('completion after `type: ` offers the six strategies', async () => {
  const uri = nextUri();
  const { text, position } = cursor(canary60.replace('type: canary', 'type: |'));
  await withTimeout(client.open(uri, text), 10_000);
  const list = (await withTimeout(
    client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
    10_000,
  )) as CompletionList;
  assert.deepEqual(
    list.items.map((i) => i.label),
    ['all-at-once', 'canary', 'linear', 'rolling', 'retain', 'steps'],
  );
});

test('the code lens on strategy shows planSummary of the plan, or why there is none', async () => {
  const uri = nextUri();
  const valid = canary60.replace('60%', '25%');
  await withTimeout(client.open(uri, valid), 10_000);
  const lenses = await withTimeout(
    client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
    10_000,
  );
  const rollout = validateRollout(valid).value;
  assert.ok(rollout);
  assert.equal(lenses?.length, 1);
  assert.equal(lenses?.[0]?.command?.title, planSummary(plan(rollout)));
  assert.match(lenses?.[0]?.command?.title ?? '', /^\d+ steps? · .+ · peak \d+ instances$/);
  assert.deepEqual(lenses?.[0]?.range, rangeOf(valid, 'strategy'));
  assert.deepEqual(lenses?.[0]?.command?.arguments, [uri]);
  const broken = nextUri();
  await withTimeout(client.open(broken, canary60), 10_000);
  const none = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: broken } });
  assert.equal(none?.[0]?.command?.title, 'No plan: 1 error; fix it to see the plan');
});

test('shiftwise.showPlan returns the markdown plan and the plan; none for a file with errors', async () => {
  const uri = nextUri();
  await withTimeout(client.open(uri, canary60.replace('60%', '25%')), 10_000);
  const result = (await withTimeout(
    client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'shiftwise.showPlan',
      arguments: [uri],
    }),
    10_000,
  )) as { markdown: string; plan?: { steps: unknown[] }; previewHtml: string };
  assert.match(result.markdown, /canary/);
  assert.equal(result.plan?.steps.length, 2);
  // The file states its capacity: the plan says where it came from, in the words of `shiftwise plan`.
  assert.match(result.markdown, /Capacity: 4 instances, from the file's `capacity`/);
  assert.doesNotMatch(`${result.markdown}${result.previewHtml}`, /as given/);
  const broken = nextUri();
  await withTimeout(client.open(broken, 'version: [\n'), 10_000);
  const none = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
    command: 'shiftwise.showPlan',
    arguments: [broken],
  })) as { markdown: string; plan?: unknown };
  assert.match(none.markdown, /No plan yet/);
  assert.equal(none.plan, undefined);
  const invalid = nextUri();
  await withTimeout(client.open(invalid, canary60), 10_000);
  const refused = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
    command: 'shiftwise.showPlan',
    arguments: [invalid],
  })) as { markdown: string; plan?: unknown };
  assert.match(refused.markdown, /^No plan: 1 error; fix it to see the plan/);
  assert.equal(refused.plan, undefined);
});

test('shiftwise.showPlan on a URI that is not open says so, with a status that is not ok', async () => {
  const result = (await withTimeout(
    client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'shiftwise.showPlan',
      arguments: ['file:///w/never-opened.rollout.yaml'],
    }),
    10_000,
  )) as { markdown: string; plan?: unknown; status: { verdict: string; text: string } };
  assert.match(result.markdown, /is not an open rollout file/);
  assert.equal(result.plan, undefined);
  // It once said `ok`: nothing was checked, so nothing passed.
  assert.notEqual(result.status.verdict, 'ok');
  assert.equal(result.status.text, 'Shiftwise: not open');
});

test('document symbols follow the file', async () => {
  const uri = nextUri();
  await withTimeout(client.open(uri, canary60), 10_000);
  const symbols = (await withTimeout(
    client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
    10_000,
  )) as { name: string; children?: { name: string }[] }[];
  const strategy = symbols.find((s) => s.name === 'strategy');
  assert.deepEqual(
    strategy?.children?.map((c) => c.name),
    ['type', 'size', 'bake'],
  );
});

test('the capacity setting plans files without capacity, and follows didChangeConfiguration', async () => {
  const uri = nextUri();
  const text = canary60.replace('capacity: 4\n', '').replace('60%', '25%');
  await withTimeout(client.open(uri, text), 10_000);
  const lens = async () =>
    (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))?.[0]?.command
      ?.title;
  const rollout = validateRollout(text).value;
  assert.ok(rollout);
  assert.equal(await lens(), planSummary(plan(rollout)));
  const next = client.diagnosticsFor(uri);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { shiftwise: { capacity: 20 } },
  });
  await withTimeout(next, 10_000);
  assert.equal(await lens(), planSummary(plan(rollout, { capacity: 20 })));
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { shiftwise: { capacity: null } },
  });
});

test('quick fixes are offered on the diagnostic and listed with it', async () => {
  const uri = nextUri();
  const published = await withTimeout(client.open(uri, canary60), 10_000);
  const error = published.diagnostics.find((d) => d.code === 'canary-size');
  assert.ok(error);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: error.range,
    context: { diagnostics: [error] },
  })) as CodeAction[];
  assert.ok(actions.length >= 1);
  assert.deepEqual(actions[0]?.diagnostics, [error]);
  assert.equal(actions[0]?.kind, 'quickfix');
});

test('JSON rollout files get the same diagnostics', async () => {
  const uri = nextUri('json');
  const text = JSON.stringify(
    {
      version: 1,
      provider: 'sagemaker',
      endpoint: 'e',
      endpointConfig: 'c',
      capacity: 4,
      strategy: { type: 'canary', size: '60%', bake: '10m' },
      rollback: { alarms: ['a'] },
    },
    null,
    2,
  );
  const published = await withTimeout(client.open(uri, text, 'json'), 10_000);
  const error = published.diagnostics.find((d) => d.code === 'canary-size');
  assert.deepEqual(error?.range, rangeOf(text, '"60%"'));
});

test('a burst of changes ends on the newest version: stale results never overwrite newer ones', async () => {
  const uri = nextUri();
  await withTimeout(client.open(uri, canary60), 10_000);
  // 40 edits sent back to back, alternating the size between an error (60%) and a valid value (30%).
  let text = canary60;
  const sends: Promise<void>[] = [];
  for (let version = 2; version <= 41; version++) {
    const range = rangeOf(text, version % 2 === 0 ? '60%' : '30%');
    text = text.replace(version % 2 === 0 ? '60%' : '30%', version % 2 === 0 ? '30%' : '60%');
    sends.push(
      client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range, text: version % 2 === 0 ? '30%' : '60%' }],
      }),
    );
  }
  await Promise.all(sends);
  const last = await withTimeout(client.diagnosticsFor(uri, 41), 10_000);
  const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? -1);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
    'versions only go up',
  );
  assert.equal(last.version, 41);
  // Version 41 put 60% back: its one error is the canary size.
  assert.deepEqual(
    last.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code),
    ['canary-size'],
  );
});

test('a pull-model client: didChangeConfiguration without settings makes the server ask for `shiftwise`', async () => {
  let capacity: number | null = null;
  const pulling = await startClient({
    command: process.execPath,
    args: [builtServer(), '--stdio'],
    configuration: (section) => (section === 'shiftwise' ? { capacity } : null),
  });
  try {
    const uri = nextUri();
    const text = canary60.replace('capacity: 4\n', '').replace('60%', '25%');
    await withTimeout(pulling.open(uri, text), 10_000);
    capacity = 20;
    const next = pulling.diagnosticsFor(uri);
    await pulling.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await withTimeout(next, 10_000);
    const lenses = await pulling.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    const rollout = validateRollout(text).value;
    assert.ok(rollout);
    assert.equal(lenses?.[0]?.command?.title, planSummary(plan(rollout, { capacity: 20 })));
  } finally {
    await pulling.stop();
  }
});

test('a client with no `shiftwise` section (null to workspace/configuration) keeps the initializationOptions', async () => {
  // As Neovim does: settings in init_options, an empty didChangeConfiguration, null for every section asked.
  let asked: () => void = () => {};
  const pulled = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const pulling = await startClient({
    command: process.execPath,
    args: [builtServer(), '--stdio'],
    initializationOptions: { capacity: 20 },
    configuration: () => {
      asked();
      return null;
    },
  });
  try {
    const uri = nextUri();
    const text = canary60.replace('capacity: 4\n', '').replace('60%', '25%');
    await withTimeout(pulling.open(uri, text), 10_000);
    await pulling.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    // Asked and answered: the server reads the answer before the request sent after it.
    await withTimeout(pulled, 10_000, 'the server asks for the shiftwise section');
    const lenses = await pulling.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    const rollout = validateRollout(text).value;
    assert.ok(rollout);
    assert.equal(lenses?.[0]?.command?.title, planSummary(plan(rollout, { capacity: 20 })));
  } finally {
    await pulling.stop();
  }
});

test('documents that are not rollout files get no diagnostics and no answers', async () => {
  const other = 'file:///work/docker-compose.yaml';
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: other, languageId: 'yaml', version: 1, text: 'services:\n  web: {image: nginx}\n' },
  });
  // Validation runs in the order documents were opened: once the rollout file's diagnostics are in, the other
  // document has had its turn.
  await withTimeout(client.open(nextUri(), canary60), 10_000);
  assert.deepEqual(
    client.published.filter((p) => p.uri === other),
    [],
  );
  const hover = await client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: other },
    position: { line: 0, character: 2 },
  });
  assert.equal(hover, null);
  const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: other } });
  assert.deepEqual(lenses, []);
});
