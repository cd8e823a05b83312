// Scheduling over stdio: one large document never delays answers on another. A document just under core's 5 MiB
// limit takes seconds to analyse; it is analysed in the worker lane while the server's thread answers the small
// document at once. No wall-clock bound is asserted: the order of the answers is, and the timings are printed.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import {
  type CodeAction,
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  HoverRequest,
  type MarkupContent,
  type Range,
} from 'vscode-languageserver-protocol';
import { builtServer } from './built-server.js';
import { applyEdits, canary60, rangeOf } from './documents.js';
import { startClient, withTimeout } from './lsp-client.js';

/** A valid rollout just under 5 MiB: the canary's fields and a block list of alarms to fill the rest. */
function nearlyFiveMiB(): string {
  const head = canary60.replace('60%', '25%').replace('  alarms: [fraud-5xx, fraud-latency-p99]\n', '');
  const alarms = Array.from({ length: 200_000 }, (_, i) => `    - fraud-alarm-${i}`);
  return `${head}  alarms:\n${alarms.join('\n')}\n`;
}

test('a hover on a small document is answered while a 5 MiB document is analysed, before its diagnostics', async () => {
  const client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
  try {
    const large = 'file:///work/large.rollout.yaml';
    const small = 'file:///work/small.rollout.yaml';
    const text = nearlyFiveMiB();
    assert.ok(text.length > 4.5 * 1024 * 1024 && text.length < 5 * 1024 * 1024, String(text.length));
    const started = performance.now();
    void client.open(large, text);
    await withTimeout(client.open(small, canary60), 60_000);
    const hoverSent = performance.now();
    const position = rangeOf(canary60, 'bake').start;
    const hover = await withTimeout(
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: small }, position }),
      60_000,
    );
    const answered = performance.now();
    assert.match(String((hover?.contents as MarkupContent | undefined)?.value), /600 s/);
    assert.deepEqual(
      client.published.filter((p) => p.uri === large),
      [],
      'the large document was published before the small one was answered',
    );

    // A keystroke on the large document supersedes the version being analysed; the newest one is published.
    const edited = await withTimeout(
      client.change(large, 2, [{ range: rangeOf(text, '25%'), text: '60%' }]),
      120_000,
    );
    const done = performance.now();
    assert.equal(edited.version, 2);
    assert.ok(
      edited.diagnostics.some((d) => d.code === 'canary-size'),
      JSON.stringify(edited.diagnostics),
    );
    // Version 1 was superseded before its analysis ended: it is never published.
    assert.deepEqual(
      client.published.filter((p) => p.uri === large).map((p) => p.version),
      [2],
    );
    // Requests on the large document are answered from its last analysis.
    const largeHover = await withTimeout(
      client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: large },
        position: rangeOf(text, 'bake').start,
      }),
      60_000,
    );
    assert.match(String((largeHover?.contents as MarkupContent | undefined)?.value), /600 s/);
    console.log(
      `small document: hover answered in ${(answered - hoverSent).toFixed(1)} ms, ` +
        `${(answered - started).toFixed(0)} ms after the large one was opened; ` +
        `the large document's diagnostics (version 2) after ${(done - started).toFixed(0)} ms`,
    );
  } finally {
    await client.stop();
  }
});

/** A canary at 60% with 14,000 alarms: over 256 KiB, so the worker lane analyses it; about 0.3 s per version. */
function overLaneSize(count = 14_000): string {
  const head = canary60.replace('  alarms: [fraud-5xx, fraud-latency-p99]\n', '');
  const alarms = Array.from({ length: count }, (_, i) => `    - fraud-alarm-${i}`);
  return `${head}  alarms:\n${alarms.join('\n')}\n`;
}

test('a quick fix and a hover on a large document are of the version they were asked at, never an older one', async () => {
  const client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
  try {
    const uri = 'file:///work/lane.rollout.yaml';
    const v1 = overLaneSize();
    assert.ok(v1.length > 256 * 1024, String(v1.length));
    await withTimeout(client.open(uri, v1), 60_000);
    // Two keystrokes while the worker still holds version 1's analysis: the second moves every line down by one.
    const v2 = v1.replace('endpoint: fraud-detector-prod', 'endpoint: fraud-detector-prodx');
    const v3 = `# moved\n${v2}`;
    const change = (version: number, range: Range, text: string) =>
      client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range, text }],
      });
    const prod = rangeOf(v1, 'fraud-detector-prod').end;
    await change(2, { start: prod, end: prod }, 'x');
    await change(3, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '# moved\n');
    const size = rangeOf(v3, '60%');
    const [actions, hover] = await withTimeout(
      Promise.all([
        client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: size,
          context: { diagnostics: [] },
        }),
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: size.start }),
      ]),
      60_000,
    );
    // Answered from version 1, the fix "Change to 50%" would land on line 7 of version 1 (`  type: canary`).
    const fixes = (actions ?? []).map((a) => applyEdits(v3, (a as CodeAction).edit?.changes?.[uri] ?? []));
    assert.deepEqual(fixes, [v3.replace('size: 60%', 'size: 50%')]);
    assert.deepEqual(hover?.range, size);
    assert.match(String((hover?.contents as MarkupContent | undefined)?.value), /Canary size/);
  } finally {
    await client.stop();
  }
});

test('a request on one large document is answered while another is typed in without pause', async () => {
  const client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
  try {
    const typed = 'file:///work/typed.rollout.yaml';
    const asked = 'file:///work/asked.rollout.yaml';
    // 14,000 alarms: each version of the typed document takes the worker some hundreds of milliseconds, far longer
    // than the pause between keystrokes, so the lane is never idle. Not more: the hover's own analysis must come
    // within the lane's 5 s wait limit on a loaded machine too (at 60,000 alarms, 0.5 s a version unloaded, a
    // restarted worker's cold analysis of the asked document overran it with four busy processes on two cores).
    const text = overLaneSize();
    await withTimeout(client.open(typed, text), 60_000);
    await withTimeout(client.open(asked, text), 60_000);
    // Keystrokes on one document every 20 ms, until the hover on the other is answered (or 400 of them: 8 s at least); each
    // changes a top-level key, so no part of the previous analysis is reused.
    let answered = false;
    let keystrokes = 0;
    let typingUnderway: () => void = () => {};
    const underway = new Promise<void>((resolve) => {
      typingUnderway = resolve;
    });
    const typing = (async () => {
      for (let version = 2; !answered && keystrokes < 400; version++, keystrokes++) {
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri: typed, version },
          contentChanges: [
            { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'x' },
          ],
        });
        if (keystrokes === 10) typingUnderway();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    // The other document is edited once the typing is underway (ten keystrokes sent), however slow the machine.
    await underway;
    const bake = rangeOf(text, '10m');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: asked, version: 2 },
      contentChanges: [{ range: bake, text: '11m' }],
    });
    const hover = await withTimeout(
      client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: asked },
        position: bake.start,
      }),
      120_000,
    );
    const typingOn = keystrokes < 400;
    answered = true;
    await typing;
    // Answered from version 2's analysis (bake 11m), while the other document was still being typed in.
    assert.match(
      String((hover?.contents as MarkupContent | undefined)?.value),
      /660 s/,
      "no hover: the asked version's analysis did not come within the lane's wait limit",
    );
    assert.ok(typingOn, `the hover waited until the typing stopped (${keystrokes} keystrokes)`);
    console.log(`hover answered after ${keystrokes} keystrokes on the other document`);
  } finally {
    await client.stop();
  }
});
