// Alarm names from the workspace's rollout files on disk, over stdio: read at start from the root folder, and
// again when the client reports files created, changed or deleted (`workspace/didChangeWatchedFiles`, which the
// server registers with clients that support dynamic registration).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { rolloutGlobAnyCase } from '@shiftwise/core';
import {
  type CompletionList,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  DidSaveTextDocumentNotification,
  FileChangeType,
} from 'vscode-languageserver-protocol';
import { builtServer } from './built-server.js';
import { canary60, cursor } from './documents.js';
import { startClient, withTimeout } from './lsp-client.js';

const withAlarms = (names: string) => canary60.replace('[fraud-5xx, fraud-latency-p99]', `[${names}]`);

test('completion in rollback.alarms offers the names used in the rollout files on disk, kept up to date', async () => {
  const root = await mkdtemp(join(tmpdir(), 'shiftwise-alarms-'));
  const registered: unknown[] = [];
  try {
    await mkdir(join(root, 'rollouts'));
    await writeFile(join(root, 'rollouts/a.rollout.yaml'), withAlarms('a-5xx, a-latency'));
    await writeFile(join(root, 'rollouts/notes.yaml'), withAlarms('not-a-rollout-file'));
    const client = await startClient({
      command: process.execPath,
      args: [builtServer(), '--stdio'],
      rootUri: pathToFileURL(root).href,
      capabilities: {
        textDocument: { completion: { completionItem: { snippetSupport: true } } },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      },
      onRegister: (params) => registered.push(params),
    });
    try {
      const uri = pathToFileURL(join(root, 'rollouts/b.rollout.yaml')).href;
      const { text, position } = cursor(withAlarms('own-alarm, |'));
      await withTimeout(client.open(uri, text), 10_000);
      const names = async () => {
        const list = (await withTimeout(
          client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
          10_000,
        )) as CompletionList;
        return list.items.map((i) => i.label);
      };
      // 'own-alarm' is in this list already: offered again it would be an alarm-duplicate.
      assert.deepEqual(await names(), ['a-5xx', 'a-latency']);
      assert.ok(
        JSON.stringify(registered).includes(JSON.stringify(rolloutGlobAnyCase)),
        JSON.stringify(registered),
      );

      const c = join(root, 'c.rollout.json');
      const json = {
        version: 1,
        provider: 'sagemaker',
        endpoint: 'c',
        endpointConfig: 'c-v2',
        strategy: { type: 'all-at-once' },
        rollback: { alarms: ['c-errors'] },
      };
      await writeFile(c, JSON.stringify(json));
      await unlink(join(root, 'rollouts/a.rollout.yaml'));
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        // A malformed entry first: it is skipped, and the entries after it still count.
        changes: [
          { uri: 5, type: FileChangeType.Changed } as never,
          null as never,
          { uri: pathToFileURL(c).href, type: FileChangeType.Created },
          { uri: pathToFileURL(join(root, 'rollouts/a.rollout.yaml')).href, type: FileChangeType.Deleted },
        ],
      });
      assert.deepEqual(await names(), ['c-errors']);
    } finally {
      await client.stop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a watched rollout name that is a FIFO, a link to /dev/zero or a link out of the workspace is not read; completion still answers', async () => {
  const root = await mkdtemp(join(tmpdir(), 'shiftwise-hostile-'));
  const outside = await mkdtemp(join(tmpdir(), 'shiftwise-outside-'));
  try {
    await writeFile(join(root, 'a.rollout.yaml'), withAlarms('a-5xx'));
    await writeFile(join(outside, 'secret.rollout.yaml'), withAlarms('outside-alarm'));
    execFileSync('mkfifo', [join(root, 'fifo.rollout.yaml')]);
    await symlink('/dev/zero', join(root, 'zero.rollout.yaml'));
    await symlink(join(outside, 'secret.rollout.yaml'), join(root, 'link.rollout.yaml'));
    const client = await startClient({
      command: process.execPath,
      args: [builtServer(), '--stdio'],
      rootUri: pathToFileURL(root).href,
    });
    try {
      const uri = pathToFileURL(join(root, 'b.rollout.yaml')).href;
      const { text, position } = cursor(withAlarms('own-alarm, |'));
      await withTimeout(client.open(uri, text), 10_000);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: ['fifo', 'zero', 'link'].map((name) => ({
          uri: pathToFileURL(join(root, `${name}.rollout.yaml`)).href,
          type: FileChangeType.Changed as FileChangeType,
        })),
      });
      const list = (await withTimeout(
        client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
        10_000,
        'completion after the hostile files',
      )) as CompletionList;
      assert.deepEqual(
        list.items.map((i) => i.label),
        ['a-5xx'],
      );
      const rss = Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(client.child.pid)], { encoding: 'utf8' }).trim(),
      );
      console.log(`server RSS after the hostile files: ${(rss / 1024).toFixed(0)} MiB`);
      assert.ok(rss < 400 * 1024, `the server holds ${rss} KiB`);
    } finally {
      await client.stop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  }
});

test('completion never offers the asking document its own names: not the word being typed, nor its saved list', async () => {
  const root = await mkdtemp(join(tmpdir(), 'shiftwise-own-'));
  try {
    await writeFile(join(root, 'a.rollout.yaml'), withAlarms('fraud-5xx, fraud-latency-p99'));
    await writeFile(join(root, 'b.rollout.yaml'), withAlarms('b-saved'));
    const client = await startClient({
      command: process.execPath,
      args: [builtServer(), '--stdio'],
      rootUri: pathToFileURL(root).href,
    });
    try {
      const uri = pathToFileURL(join(root, 'b.rollout.yaml')).href;
      const block = canary60.replace(' [fraud-5xx, fraud-latency-p99]', '\n    - fr|');
      // `fr` once came back first, as "CloudWatch alarm used in this workspace": it was this document's own item.
      for (const [version, marked] of [withAlarms('fr|'), withAlarms('"fr|"'), block].entries()) {
        const { text, position } = cursor(marked);
        if (version === 0) await withTimeout(client.open(uri, text), 10_000);
        else await withTimeout(client.change(uri, version + 1, [{ text }]), 10_000);
        const list = (await withTimeout(
          client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
          10_000,
        )) as CompletionList;
        assert.deepEqual(
          list.items.map((i) => i.label),
          ['fraud-5xx', 'fraud-latency-p99'],
          marked,
        );
      }
    } finally {
      await client.stop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

/**
 * Another open document's names are offered only once settled, that is saved: its buffer may hold a name half typed
 * (`fraud-5` on the way to `fraud-5xx`), which once came up in every other file.
 */
const settledRows: {
  readonly name: string;
  /** a.rollout.yaml's list as saved at start. */
  readonly saved: string;
  /** a.rollout.yaml's list in the editor (open, not saved). */
  readonly typed: string;
  /** Written to disk and sent as `didSave` before asking, when set. */
  readonly savedLater?: string;
  /** An open `untitled:` buffer's list. */
  readonly untitled?: string;
  readonly offered: readonly string[];
}[] = [
  {
    name: 'a name half typed in another open document',
    saved: 'a-old',
    typed: 'a-old, fraud-5',
    offered: ['a-old'],
  },
  {
    name: 'a name removed in another open document, still saved',
    saved: 'a-old, a-gone',
    typed: 'a-old',
    offered: ['a-gone', 'a-old'],
  },
  {
    name: 'a name typed in another open document, then saved',
    saved: 'a-old',
    typed: 'a-old, fraud-5xx',
    savedLater: 'a-old, fraud-5xx',
    offered: ['a-old', 'fraud-5xx'],
  },
  {
    name: 'a name in an untitled buffer',
    saved: 'a-old',
    typed: 'a-old',
    untitled: 'u-typed',
    offered: ['a-old'],
  },
];

for (const row of settledRows)
  test(`completion offers saved names only: ${row.name} → ${row.offered.join(', ')}`, async () => {
    const root = await mkdtemp(join(tmpdir(), 'shiftwise-settled-'));
    try {
      const a = join(root, 'a.rollout.yaml');
      await writeFile(a, withAlarms(row.saved));
      const client = await startClient({
        command: process.execPath,
        args: [builtServer(), '--stdio'],
        rootUri: pathToFileURL(root).href,
      });
      try {
        await withTimeout(client.open(pathToFileURL(a).href, withAlarms(row.typed)), 10_000);
        if (row.untitled !== undefined)
          await withTimeout(client.open('untitled:Untitled-1', withAlarms(row.untitled)), 10_000);
        if (row.savedLater !== undefined) {
          await writeFile(a, withAlarms(row.savedLater));
          await client.connection.sendNotification(DidSaveTextDocumentNotification.type, {
            textDocument: { uri: pathToFileURL(a).href },
          });
        }
        const uri = pathToFileURL(join(root, 'b.rollout.yaml')).href;
        const { text, position } = cursor(withAlarms('own-alarm, |'));
        await withTimeout(client.open(uri, text), 10_000);
        const list = (await withTimeout(
          client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }),
          10_000,
        )) as CompletionList;
        assert.deepEqual(
          list.items.map((i) => i.label),
          row.offered,
        );
      } finally {
        await client.stop();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
