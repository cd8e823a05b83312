// Diagnostics for rollout files on disk that are not open, over stdio: checked at start from the root folder,
// again when the client reports them changed or deleted, handed back to disk when their open document closes,
// and cleared when the setting turns off. Off unless the client asks (`workspaceDiagnostics: true`).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  type ClientCapabilities,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  FileChangeType,
  HoverRequest,
  MarkupKind,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { builtServer } from './built-server.js';
import { canary60, cursor } from './documents.js';
import { type Client, startClient, withTimeout } from './lsp-client.js';

const valid = canary60.replace('60%', '25%');
const capabilities: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    hover: { contentFormat: [MarkupKind.Markdown] },
  },
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
};

async function workspace(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'shiftwise-workspace-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return root;
}

function start(root: string, workspaceDiagnostics: boolean | undefined): Promise<Client> {
  return startClient({
    command: process.execPath,
    args: [builtServer(), '--stdio'],
    rootUri: pathToFileURL(root).href,
    capabilities,
    initializationOptions: workspaceDiagnostics === undefined ? {} : { workspaceDiagnostics },
  });
}

const uriOf = (root: string, name: string) => pathToFileURL(join(root, name)).href;
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);
/** Lets the server finish what it was sent (its debounce is 150 ms), so that silence can be asserted. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 600));

// Read by the server itself, a Latin-1 file once became 'caf\u{fffd}' without a finding, as the CLI no longer lets it.
test('an unopened rollout file that is not UTF-8 gets the yaml-syntax error at its first byte that is not UTF-8', async () => {
  const text = valid.replace('fraud-latency-p99', 'fraud-latency-p99-caf\u00e9');
  const root = await workspace({ 'latin1.rollout.yaml': Buffer.from(text, 'latin1') });
  const client = await start(root, true);
  try {
    const found = await withTimeout(client.diagnosticsFor(uriOf(root, 'latin1.rollout.yaml')), 10_000);
    assert.deepEqual(codes(found), ['yaml-syntax']);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('caf\u00e9'));
    assert.deepEqual(found.diagnostics[0]?.range.start, {
      line,
      character: (lines[line] ?? '').indexOf('\u00e9'),
    });
    assert.match(String(found.diagnostics[0]?.message ?? ''), /^the byte 0xE9 is not UTF-8/);
  } finally {
    await client.stop();
    await rm(root, { recursive: true, force: true });
  }
});

test('unopened rollout files get their diagnostics; changes update them, deletes clear them', async () => {
  const root = await workspace({
    'broken.rollout.yaml': canary60,
    'fine.rollout.yaml': valid,
    'deep/other.rollout.json': '{ "version": 1, }',
    'node_modules/pkg/x.rollout.yaml': canary60,
    'notes.yaml': canary60,
  });
  const client = await start(root, true);
  try {
    const broken = uriOf(root, 'broken.rollout.yaml');
    const other = uriOf(root, 'deep/other.rollout.json');
    assert.deepEqual(codes(await withTimeout(client.diagnosticsFor(broken), 10_000)), ['canary-size']);
    assert.deepEqual(codes(await withTimeout(client.diagnosticsFor(other), 10_000)), ['json-syntax']);
    await quiet();
    const touched = new Set(client.published.map((p) => p.uri));
    assert.deepEqual(
      [...touched].sort(),
      [broken, other].sort(),
      'only the broken rollout files, none skipped',
    );

    await writeFile(join(root, 'broken.rollout.yaml'), valid);
    let next = client.diagnosticsFor(broken);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: broken, type: FileChangeType.Changed }],
    });
    assert.deepEqual(codes(await withTimeout(next, 10_000)), [], 'fixed on disk: cleared');

    await unlink(join(root, 'deep/other.rollout.json'));
    next = client.diagnosticsFor(other);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: other, type: FileChangeType.Deleted }],
    });
    assert.deepEqual(codes(await withTimeout(next, 10_000)), [], 'deleted: cleared');
  } finally {
    await client.stop();
    await rm(root, { recursive: true, force: true });
  }
});

test('an open file shows its open document; closed, it shows the file on disk again', async () => {
  const root = await workspace({ 'a.rollout.yaml': canary60 });
  const client = await start(root, true);
  try {
    const uri = uriOf(root, 'a.rollout.yaml');
    await withTimeout(client.diagnosticsFor(uri), 10_000);
    const opened = await withTimeout(client.open(uri, valid), 10_000);
    assert.deepEqual(codes(opened), [], 'the unsaved edit fixed it');
    const next = client.diagnosticsFor(uri);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
    // Closing clears, then the file on disk (still at 60%) is checked again.
    let after = await withTimeout(next, 10_000);
    if (after.diagnostics.length === 0) after = await withTimeout(client.diagnosticsFor(uri), 10_000);
    assert.deepEqual(codes(after), ['canary-size']);
  } finally {
    await client.stop();
    await rm(root, { recursive: true, force: true });
  }
});

test('the setting turns it off (clearing what it showed), and it is off unless the client asks', async () => {
  const root = await workspace({ 'a.rollout.yaml': canary60 });
  const uri = uriOf(root, 'a.rollout.yaml');
  const on = await start(root, true);
  try {
    await withTimeout(on.diagnosticsFor(uri), 10_000);
    const next = on.diagnosticsFor(uri);
    await on.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { shiftwise: { workspaceDiagnostics: false } },
    });
    assert.deepEqual(codes(await withTimeout(next, 10_000)), []);
  } finally {
    await on.stop();
  }
  const off = await start(root, undefined);
  try {
    await quiet();
    assert.deepEqual(off.published, []);
  } finally {
    await off.stop();
    await rm(root, { recursive: true, force: true });
  }
});

test('a workspace of 1,000 rollout files: every broken one listed, and an open document answered meanwhile', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1000; i++) files[`team-${i % 20}/r${i}.rollout.yaml`] = i % 2 === 0 ? canary60 : valid;
  const root = await workspace(files);
  const client = await start(root, true);
  try {
    const open = uriOf(root, 'open.rollout.yaml');
    const { text, position } = cursor(canary60.replace('  bake: 10m', '  ba|ke: 10m'));
    await withTimeout(client.open(open, text), 10_000);
    const hover = await withTimeout(
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: open }, position }),
      10_000,
    );
    assert.ok(hover, 'hover answered while the workspace is checked');
    const listed = () => {
      const uris = new Set(client.published.filter((p) => p.diagnostics.length > 0).map((p) => p.uri));
      uris.delete(open);
      return uris.size;
    };
    const deadline = Date.now() + 60_000;
    while (listed() < 500 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await quiet();
    assert.equal(listed(), 500);
  } finally {
    await client.stop();
    await rm(root, { recursive: true, force: true });
  }
});
