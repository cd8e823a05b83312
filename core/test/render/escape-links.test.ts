import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, escapeMarkdown } from '../../src/index.js';

// GitHub links some plain text however it is backslash-escaped (GFM autolinks, its own references). Each hostile
// string from a rollout file must come out readable and unlinked: a zero-width space (written \u200b below)
// where GitHub would start the link.

const z = '\u200b';
const rows: [name: string, text: string, markdown: string][] = [
  ['a URL with a scheme', 'https://evil.example/phish', `https:${z}//evil.example/phish`],
  ['a URL in capitals', 'HTTP://EVIL.EXAMPLE', `HTTP:${z}//EVIL.EXAMPLE`],
  ['another scheme', 'ftp://evil.example', `ftp:${z}//evil.example`],
  ['a www. host', 'www.evil.example', `www${z}.evil.example`],
  ['a WWW. host', 'see WWW.evil.example now', `see WWW${z}.evil.example now`],
  ['a bare email', 'ops@evil.example', `ops@${z}evil.example`],
  ['a mailto: link', 'mailto:ops', `mailto${z}:ops`],
  ['an xmpp: link', 'xmpp:ops', `xmpp${z}:ops`],
  ['a GH- reference', 'GH-5', `GH-${z}5`],
  ['a gh- reference inside a name', 'fraud_gh-12', `fraud\\_gh-${z}12`],
  ['an issue reference', '#123', `\\#${z}123`],
  ['a URL in a markdown link', '[x](https://evil.example)', `\\[x\\]\\(https:${z}//evil.example\\)`],
  ['a URL in angle brackets', '<https://evil.example>', `&lt;https:${z}//evil.example&gt;`],
  ['plain words stay', 'fraud-5xx GH 5 www', 'fraud-5xx GH 5 www'],
];

for (const [name, text, markdown] of rows)
  test(`escapeMarkdown defuses ${name}`, () => assert.equal(escapeMarkdown(text), markdown));

test('escapeHtml, for our sentences quoting a value, defuses the same links and keeps backticks', () => {
  assert.equal(
    escapeHtml('Inference component `https://evil.example` on www.evil.example, GH-5'),
    `Inference component \`https:${z}//evil.example\` on www${z}.evil.example, GH-${z}5`,
  );
});
