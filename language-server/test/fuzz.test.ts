// Fuzz over stdio: 10,000 random incremental edits across four documents, with hover, completion, code actions,
// code lenses and symbols asked at random places in between. The server must never crash, always answer, keep
// every range of its answers inside the document, publish diagnostics only inside the document version they
// are for, and never let an older version's diagnostics follow a newer one's. Deterministic: a seeded
// generator, so a failure replays.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { lineIndex } from '@shiftwise/core';
import {
  type CodeAction,
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  type DocumentSymbol,
  DocumentSymbolRequest,
  HoverRequest,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol';
import { builtServer } from './built-server.js';
import { canary60 } from './documents.js';
import { type Client, startClient, withTimeout } from './lsp-client.js';

const edits = 10_000;
/** Edits sent before the client waits for the server to catch up and asks it something. */
const burst = 25;

const seeds: Record<string, string> = {
  'file:///fuzz/block.rollout.yaml': canary60,
  'file:///fuzz/plain.rollout.json': JSON.stringify(
    {
      version: 1,
      provider: 'sagemaker',
      endpoint: 'e',
      model: 'm',
      strategy: { type: 'linear', step: 1, bake: 60 },
    },
    null,
    2,
  ),
  'file:///fuzz/flow.rollout.yml':
    '{version: 1, provider: sagemaker, endpoint: e, endpointConfig: c, strategy: {type: all-at-once}}\n',
  'file:///fuzz/vertex.rollout.yaml':
    'version: 1\nprovider: vertex-ai\nproject: p\nlocation: us-central1\nendpoint: "123"\nmodel: projects/p/locations/l/models/m\ncapacity: 3\nstrategy:\n  type: rolling\n  maxSurge: 1\n  maxUnavailable: 0\n',
};

/** Pieces that make YAML and JSON interesting: structure, rollout words, tabs, astral characters, anchors. */
const pieces = [
  ':',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '\t',
  '&a ',
  '*a',
  '!!str ',
  '|\n',
  '60%',
  '10m',
  '0',
  '-1',
  '3600',
  '1h30m',
  'canary',
  'linear',
  'rolling',
  'strategy:',
  'type:',
  'size:',
  'bake:',
  'capacity: 4',
  'rollback:\n  alarms: [x]',
  'é',
  '😀',
  '\u0000',
  'version: 1',
  '---\n',
  '...',
  '%YAML 1.2\n',
];

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let client: Client;
before(async () => {
  client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
});
after(async () => {
  await client?.stop();
});

test(`${edits} random edits: no crash, always answering, ranges inside the document, versions in order`, async (t) => {
  const random = generator(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const documents = new Map(
    Object.entries(seeds).map(([uri, text]) => [uri, { text, version: 1, texts: new Map([[1, text]]) }]),
  );
  for (const [uri, doc] of documents)
    await withTimeout(client.open(uri, doc.text, uri.endsWith('json') ? 'json' : 'yaml'), 10_000);

  const checked = new Set<PublishDiagnosticsParams>();
  const problems: string[] = [];
  const lastVersion = new Map<string, number>();
  const check = () => {
    for (const p of client.published) {
      if (checked.has(p)) continue;
      checked.add(p);
      const version = p.version ?? -1;
      if (version < (lastVersion.get(p.uri) ?? 0))
        problems.push(`${p.uri}: version ${version} published after ${lastVersion.get(p.uri)}`);
      lastVersion.set(p.uri, version);
      const text = documents.get(p.uri)?.texts.get(version);
      if (text === undefined) continue; // a version the server did not keep (closed document): nothing to check.
      for (const d of p.diagnostics)
        if (!inside(text, d.range))
          problems.push(
            `${p.uri}@${version}: ${JSON.stringify(d.range)} outside ${JSON.stringify(text)} ${d.code} ${String(d.message)}`,
          );
    }
  };

  const uris = [...documents.keys()];
  for (let sent = 0; sent < edits; sent += burst) {
    for (let i = 0; i < burst; i++) {
      const uri = pick(uris);
      const doc = documents.get(uri);
      if (doc === undefined) continue;
      const { range, text } = randomEdit(doc.text, random, pick);
      const index = lineIndex(doc.text);
      const start = index.offsetAt(range.start);
      const end = index.offsetAt(range.end);
      doc.text = doc.text.slice(0, start) + text + doc.text.slice(end);
      // Documents that grow without bound make the run slow, not harder: reset them to their seed.
      if (doc.text.length > 4000) {
        doc.version++;
        doc.text = seeds[uri] as string;
        doc.texts.set(doc.version, doc.text);
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: doc.version },
          contentChanges: [{ text: doc.text }],
        });
        continue;
      }
      doc.version++;
      doc.texts.set(doc.version, doc.text);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: doc.version },
        contentChanges: [{ range, text }],
      });
    }
    const uri = pick(uris);
    const doc = documents.get(uri);
    assert.ok(doc);
    await withTimeout(
      client.diagnosticsFor(uri, doc.version),
      10_000,
      `diagnostics of ${uri}@${doc.version}`,
    );
    const wrong = await withTimeout(
      ask(uri, doc.text, random),
      10_000,
      `requests after ${sent + burst} edits`,
    );
    problems.push(...wrong.map((w) => `${uri}@${doc.version}: ${w}`));
    check();
  }
  for (const [uri, doc] of documents) {
    const last = client.published.filter((p) => p.uri === uri).at(-1);
    if (last?.version !== doc.version) await withTimeout(client.diagnosticsFor(uri, doc.version), 10_000);
  }
  check();
  assert.equal(client.child.exitCode, null, 'the server is still running');
  assert.deepEqual(problems.slice(0, 10), []);
  for (const [uri, doc] of documents)
    assert.equal(lastVersion.get(uri), doc.version, `${uri} ends on its last version`);
  t.diagnostic(`${client.published.length} publishDiagnostics checked`);
});

/** One random edit: replace a random span (often empty: an insertion) with 0–3 random pieces. */
function randomEdit(
  text: string,
  random: () => number,
  pick: <T>(l: readonly T[]) => T,
): { range: Range; text: string } {
  const index = lineIndex(text);
  // LSP positions cannot point between the \r and \n of a line break: move such offsets before the \r.
  const whole = (offset: number) =>
    text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset;
  const a = whole(Math.floor(random() * (text.length + 1)));
  const b = random() < 0.6 ? a : whole(Math.min(text.length, a + Math.floor(random() * 12)));
  const count = random() < 0.2 ? 0 : 1 + Math.floor(random() * 3);
  const inserted = Array.from({ length: count }, () => pick(pieces)).join('');
  // Positions past the end of a line or document are legal in LSP; clients send them now and then.
  const end = random() < 0.02 ? { line: index.lineCount + 3, character: 99 } : index.positionAt(b);
  return { range: { start: index.positionAt(a), end }, text: inserted };
}

/**
 * Every kind of request at a random position; all must answer, and every range in the answers must lie inside
 * the document (symbols also: a non-empty name, the selection inside the symbol). Returns what is wrong.
 */
async function ask(uri: string, text: string, random: () => number): Promise<string[]> {
  const index = lineIndex(text);
  const position = index.positionAt(Math.floor(random() * (text.length + 1)));
  const textDocument = { uri };
  const range = { start: position, end: position };
  const [hover, completion, actions, lenses, symbols] = await Promise.all([
    client.connection.sendRequest(HoverRequest.type, { textDocument, position }),
    client.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
    client.connection.sendRequest(CodeActionRequest.type, {
      textDocument,
      range,
      context: { diagnostics: [] },
    }),
    client.connection.sendRequest(CodeLensRequest.type, { textDocument }),
    client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
  ]);
  const ranges: [string, Range][] = [];
  if (hover?.range) ranges.push(['hover', hover.range]);
  const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
  for (const item of items)
    if (item.textEdit && 'range' in item.textEdit) ranges.push(['completion', item.textEdit.range]);
  for (const action of (actions ?? []) as CodeAction[]) {
    for (const edit of action.edit?.changes?.[uri] ?? []) ranges.push([`fix "${action.title}"`, edit.range]);
  }
  for (const lens of lenses ?? []) ranges.push(['code lens', lens.range]);
  const wrong: string[] = [];
  const walk = (list: DocumentSymbol[]) => {
    for (const symbol of list) {
      ranges.push(['symbol', symbol.range], ['symbol selection', symbol.selectionRange]);
      if (symbol.name === '') wrong.push('a symbol without a name');
      if (!contains(symbol.range, symbol.selectionRange))
        wrong.push(`symbol ${symbol.name}: selection outside`);
      walk(symbol.children ?? []);
    }
  };
  walk((symbols ?? []) as DocumentSymbol[]);
  for (const [what, r] of ranges)
    if (!inside(text, r)) wrong.push(`${what}: ${JSON.stringify(r)} outside ${JSON.stringify(text)}`);
  return wrong;
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** Whether an LSP range lies within `text`: lines exist, characters within their line, start before end. */
function inside(text: string, range: Range): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const ok = (p: Range['start']) =>
    p.line >= 0 &&
    p.line < lines.length &&
    p.character >= 0 &&
    p.character <= (lines[p.line] as string).length;
  const ordered =
    range.start.line < range.end.line ||
    (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}
