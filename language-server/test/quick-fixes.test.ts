// Every quick fix the server offers, applied as an editor applies it, gives a document without that diagnostic and
// without a new syntax finding. The documents are core's rule corpus (core/testdata/rules), each YAML file also
// written as pretty-printed and compact JSON, driven through the built server over stdio.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  type CodeAction,
  CodeActionRequest,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { parse } from 'yaml';
import { builtServer, repoRoot } from './built-server.js';
import { applyEdits } from './documents.js';
import { type Client, startClient, withTimeout } from './lsp-client.js';

const corpus = join(repoRoot, 'core/testdata/rules');
const files = readdirSync(corpus).filter((f) => /\.rollout\.(ya?ml|json)$/.test(f));

let client: Client;
before(async () => {
  client = await startClient({ command: process.execPath, args: [builtServer(), '--stdio'] });
});
after(async () => {
  await client?.stop();
});

let opened = 0;
/** Opens `text` as a fresh document and returns its diagnostics. */
async function diagnose(text: string, ext: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `file:///fixes/${++opened}.rollout.${ext}`;
  const published = await withTimeout(client.open(uri, text, ext === 'json' ? 'json' : 'yaml'), 10_000);
  return { uri, diagnostics: published.diagnostics };
}

const count = (diagnostics: readonly Diagnostic[], keep: (d: Diagnostic) => boolean) =>
  diagnostics.filter(keep).length;
/** The findings that say the file no longer reads as it should (a trailing comma left in JSON, say). */
const syntaxCodes = new Set(['yaml-syntax', 'json-syntax', 'duplicate-key', 'internal', 'schema']);
const isSyntax = (d: Diagnostic) => syntaxCodes.has(String(d.code));

/** Each corpus file as written and, for a YAML file, as pretty-printed and compact JSON. */
function forms(file: string): { name: string; text: string; ext: string }[] {
  const text = readFileSync(join(corpus, file), 'utf8');
  const ext = file.slice(file.lastIndexOf('.') + 1);
  if (ext === 'json') return [{ name: file, text, ext }];
  let value: unknown;
  try {
    value = parse(text, { logLevel: 'silent' });
  } catch {
    return [{ name: file, text, ext }];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ name: file, text, ext }];
  return [
    { name: file, text, ext },
    { name: `${file} as JSON`, text: `${JSON.stringify(value, null, 2)}\n`, ext: 'json' },
    { name: `${file} as compact JSON`, text: JSON.stringify(value), ext: 'json' },
  ];
}

test('each quick fix of the rule corpus, also written as JSON, removes its diagnostic and breaks no syntax', async (t) => {
  let applied = 0;
  const failures: string[] = [];
  for (const { name, text, ext } of files.flatMap(forms)) {
    const { uri, diagnostics } = await diagnose(text, ext);
    for (const diagnostic of diagnostics) {
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
      // The actions of other diagnostics on the same range are checked when their own turn comes.
      for (const action of actions.filter((a) => sameCode(a, diagnostic))) {
        const edits = (action.edit?.changes?.[uri] ?? []) as TextEdit[];
        const fixed = applyEdits(text, edits);
        const after = await diagnose(fixed, ext);
        applied++;
        const same = (d: Diagnostic) => d.code === diagnostic.code;
        if (count(after.diagnostics, same) >= count(diagnostics, same)) {
          failures.push(`${name}: "${action.title}" left ${diagnostic.code}:\n${fixed}`);
        }
        const broke = after.diagnostics.filter(isSyntax).slice(count(diagnostics, isSyntax));
        if (broke.length > 0) {
          failures.push(
            `${name}: "${action.title}" broke it: ${broke.map((d) => d.message).join('; ')}\n${fixed}`,
          );
        }
      }
    }
  }
  assert.deepEqual(failures, []);
  t.diagnostic(`applied ${applied} quick fixes over ${files.length} files`);
  assert.ok(applied >= 20, `only ${applied} fixes were offered across the corpus`);
});

function sameCode(action: CodeAction, diagnostic: Diagnostic): boolean {
  return action.diagnostics?.some((d) => d.code === diagnostic.code) ?? false;
}

test('a client that takes documentChanges gets each fix for the version it was made for; others get changes', async () => {
  const versioned = await startClient({
    command: process.execPath,
    args: [builtServer(), '--stdio'],
    capabilities: {
      textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: {} },
      workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
    },
  });
  try {
    const uri = 'file:///fixes/versioned.rollout.yaml';
    const text = readFileSync(join(corpus, 'canary-size-percent-above-max.rollout.yaml'), 'utf8');
    const fixesOf = async (c: Client, diagnostic: Diagnostic) =>
      (await c.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      })) as CodeAction[];
    const opened = await withTimeout(versioned.open(uri, text, 'yaml'), 10_000);
    const [first] = opened.diagnostics;
    assert.ok(first, 'the corpus file has a finding');
    const [atOne] = await fixesOf(versioned, first);
    assert.equal(atOne?.edit?.changes, undefined);
    assert.deepEqual(
      atOne?.edit?.documentChanges?.map((c) => ('textDocument' in c ? c.textDocument : c)),
      [{ uri, version: 1 }],
    );
    // A comment added at the top: version 2, and the fixes now say so.
    const changed = await withTimeout(
      versioned.change(uri, 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' },
      ]),
      10_000,
    );
    const [second] = changed.diagnostics;
    assert.ok(second);
    const [atTwo] = await fixesOf(versioned, second);
    assert.deepEqual(
      atTwo?.edit?.documentChanges?.map((c) => ('textDocument' in c ? c.textDocument : c)),
      [{ uri, version: 2 }],
    );
    // Without the capability (this file's shared client), the same fix comes as unversioned changes.
    const plain = await diagnose(text, 'yaml');
    const [unversioned] = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: plain.uri },
      range: plain.diagnostics[0]?.range ?? first.range,
      context: { diagnostics: plain.diagnostics.slice(0, 1) },
    })) as CodeAction[];
    assert.equal(unversioned?.edit?.documentChanges, undefined);
    assert.ok((unversioned?.edit?.changes?.[plain.uri] ?? []).length > 0);
  } finally {
    await versioned.stop();
  }
});
