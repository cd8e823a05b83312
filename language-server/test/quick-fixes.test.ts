// Every quick fix the server offers, applied as an editor applies it, gives a document without that diagnostic.
// The documents are core's rule corpus (core/testdata/rules), driven through the built server over stdio.
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

const count = (diagnostics: readonly Diagnostic[], code: Diagnostic['code']) =>
  diagnostics.filter((d) => d.code === code).length;

test('each quick fix of the rule corpus removes its diagnostic', async (t) => {
  let applied = 0;
  const failures: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(corpus, file), 'utf8');
    const ext = file.slice(file.lastIndexOf('.') + 1);
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
        if (count(after.diagnostics, diagnostic.code) >= count(diagnostics, diagnostic.code)) {
          failures.push(`${file}: "${action.title}" left ${diagnostic.code}:\n${fixed}`);
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
