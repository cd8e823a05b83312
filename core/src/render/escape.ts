/**
 * Makes text from a rollout file (names, alarm names, free text) inert in GitHub markdown: no HTML (so no
 * `</details>` or `<img onerror>`), no markdown syntax, no `@mentions` or `#123` references, no line breaks that
 * could end a table row, no pipes that split a cell.
 *
 *   `</details><img src=x> @octocat` → `&lt;/details&gt;&lt;img src=x&gt; @\u200boctocat`
 *   `a|b`                           → `a\|b`
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1')
    .replace(/@(?=\w)/g, '@\u200b');
}

/**
 * A code fence that the content cannot close: one backtick longer than the longest run inside, at least three.
 *
 *   'plain' → '```';  'a ```` b' → '`````'
 */
export function fenceFor(content: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Text safe inside a mermaid gantt title or task name: mermaid gives `:`, `;`, `#` and line breaks meaning,
 * so only letters, digits, spaces and `._-%·/` are kept, at most 60 characters.
 */
export function mermaidText(text: string): string {
  const kept = text
    .replace(/[^\p{L}\p{N} ._\-%·/]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return kept.length > 60 ? `${kept.slice(0, 59)}…` : kept || 'rollout';
}

/**
 * Our own sentences (assumptions), which may quote a value: markdown stays (backticks read as code), HTML and
 * `@mentions` do not.
 *
 *   'Capacity from `capacity` <b> @team' → 'Capacity from `capacity` &lt;b&gt; @\u200bteam'
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=\w)/g, '@\u200b');
}
