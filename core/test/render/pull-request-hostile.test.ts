import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { githubCommentLimit, renderPullRequestBody } from '../../src/index.js';
import { canary, reportOf } from './reports.js';

// Whatever a pull request puts in a rollout file, the comment's markup stays ours: text from the file, built
// from pieces that break HTML, markdown, code fences, mentions and autolinks, is placed where files carry free
// text.

const commentMarker = '<!-- shiftwise-plan -->';
const pieces = [
  '</details>',
  '<img src=x onerror=alert(1)>',
  '<summary>',
  '<!--',
  '-->',
  '@octocat',
  '```',
  '~~~',
  '`',
  '|',
  '\\',
  '&lt;',
  '#1',
  '[x](javascript:alert(1))',
  '\u2028',
  'https://evil.example/phish',
  'HTTP://',
  'www.evil.example',
  'ops@evil.example',
  'mailto:',
  'GH-5',
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join('').replace(/[\r\n]/g, ' '));

/** Where a pull request can put text of its choosing: [place, (text) → { path, head file }]. */
const places: [string, (text: string) => { path: string; head: string }][] = [
  ['an alarm name', (t) => ({ path: 'r/a.rollout.yaml', head: canary.replace('fraud-5xx,', `${q(t)},`) })],
  [
    'the name',
    (t) => ({ path: 'r/a.rollout.yaml', head: canary.replace('name: fraud-detector', `name: ${q(t)}`) }),
  ],
  ['an unknown key', (t) => ({ path: 'r/a.rollout.yaml', head: `${canary}${q(t)}: 1\n` })],
  [
    'a bad duration',
    (t) => ({ path: 'r/a.rollout.yaml', head: canary.replace('bake: 10m', `bake: ${q(t)}`) }),
  ],
  ['the path', (t) => ({ path: `r/${t.replace(/[/\0]/g, '')}.rollout.yaml`, head: canary })],
];

test('text from the file never becomes markup, a mention or an open fence in the comment', () => {
  fc.assert(
    fc.property(hostile, fc.constantFrom(...places), (text, [, place]) => {
      const { path, head } = place(text);
      const body = renderPullRequestBody([reportOf(path, head, canary)], {
        limit: githubCommentLimit,
        marker: commentMarker,
      });
      assert.deepEqual(markupProblems(body), [], `${JSON.stringify(text)}\n${body}`);
    }),
    { numRuns: 300, seed: 6 },
  );
});

test('the path of a deleted rollout file never becomes markup in the comment', () => {
  fc.assert(
    fc.property(hostile, (text) => {
      const removed = [`gone/${text.replace(/[/\0]/g, '')}.rollout.yaml`];
      const body = renderPullRequestBody([], { limit: githubCommentLimit, marker: commentMarker, removed });
      assert.deepEqual(markupProblems(body), [], `${JSON.stringify(text)}\n${body}`);
    }),
    { numRuns: 100, seed: 6 },
  );
});

function q(text: string): string {
  return JSON.stringify(text);
}

/**
 * Our own tags are the only HTML outside code; no `@name` or autolink outside code; every fence and `<details>`
 * closes.
 */
function markupProblems(body: string): string[] {
  const ours = /^<(\/?(details|summary|sub)>|!-- shiftwise-plan -->)/;
  const problems: string[] = [];
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const marker = line.match(/^\s*(`{3,}|~{3,})/)?.[1];
    if (fence !== undefined) {
      if (
        marker !== undefined &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        line.trim() === marker
      )
        fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const prose = line.replace(/(`+)[^`]*?\1/g, '');
    for (const tag of prose.matchAll(/<\S/g))
      if (!ours.test(prose.slice(tag.index))) problems.push(`HTML: ${line}`);
    if (/(^|[^\w`])@\w/.test(prose)) problems.push(`mention: ${line}`);
    // GFM autolinks and GitHub's references: a scheme's `://`, a `www.` host, an email, `mailto:`, `GH-1`.
    if (/:\/\/|www\.|\w@\w|mailto:|xmpp:|GH-\d/i.test(prose)) problems.push(`autolink: ${line}`);
  }
  if (fence !== undefined) problems.push(`fence ${fence} never closes`);
  if (body.split('<details>').length !== body.split('</details>').length)
    problems.push('unbalanced <details>');
  return problems;
}
