/**
 * Makes text from a rollout file (names, alarm names, free text) inert in GitHub markdown: no HTML (so no
 * `</details>` or `<img onerror>`), no markdown syntax, no `@mentions` or `#123` references, no autolinks
 * (`defuseAutolinks`), no line breaks that could end a table row, no pipes that split a cell, no control characters
 * (`visibleControls`).
 *
 *   `</details><img src=x> @octocat` → `&lt;/details&gt;&lt;img src=x&gt; @\u200boctocat`
 *   `a|b`                           → `a\|b`
 *   `https://evil.example`          → `https:\u200b//evil.example`
 */
export function escapeMarkdown(text: string): string {
  return visibleControls(
    defuseAutolinks(
      text
        .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1')
        .replace(/@(?=\w)/g, '@\u200b')
        // GitHub links `#123` and `owner/repo#123` in text nodes even after a backslash escape, and a link from a
        // comment is a mention on that timeline.
        .replace(/\\#(?=\w)/g, '\\#\u200b'),
    ),
  );
}

/**
 * GitHub turns some plain text into links that no backslash escape stops (GFM's autolink extension and GitHub's
 * own references): URLs with a scheme, `www.` hosts, email addresses, `GH-123`. A zero-width space where each
 * would be recognised leaves the text readable and unlinked; `@` is already broken by the mention rule, which
 * also defuses emails. No word boundary is asked for: over-breaking costs nothing, under-breaking a link.
 *
 *   'https://evil.example/phish' → 'https:\u200b//evil.example/phish'
 *   'www.evil.example'           → 'www\u200b.evil.example'
 *   'mailto:x', 'xmpp:x'         → 'mailto\u200b:x', 'xmpp\u200b:x'
 *   'GH-5'                       → 'GH-\u200b5'
 */
export function defuseAutolinks(text: string): string {
  return text
    .replace(/:(?=\/\/)/g, ':\u200b')
    .replace(/(www)\./gi, '$1\u200b.')
    .replace(/(mailto|xmpp):/gi, '$1\u200b:')
    .replace(/(GH)-(?=\d)/gi, '$1-\u200b');
}

/**
 * Control characters (C0, DEL, C1: terminal escape sequences, bells), the bidirectional overrides that reorder
 * what a reader sees ("Trojan Source"), and the line and paragraph separators (U+2028, U+2029, which some
 * terminals and viewers break a line at, so an echoed source line and its caret part) shown as `\u{…}` text
 * instead of acting. For any text from a file that reaches a terminal (the CLI's text plan) or a page.
 *
 *   'evil\x1b[2J' → 'evil\\u{1b}[2J';  'a\u202Eb' → 'a\\u{202e}b';  'a\tb' → 'a\\u{9}b'
 */
export function visibleControls(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g,
    (c) => `\\u{${c.charCodeAt(0).toString(16)}}`,
  );
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
 * Our own sentences (assumptions), which may quote a value: markdown stays (backticks read as code), HTML,
 * `@mentions` and autolinks (as in `defuseAutolinks`) do not.
 *
 *   'Capacity from `capacity` <b> @team' → 'Capacity from `capacity` &lt;b&gt; @\u200bteam'
 */
export function escapeHtml(text: string): string {
  return defuseAutolinks(
    text
      .replace(/[\r\n]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/@(?=\w)/g, '@\u200b'),
  );
}

const xmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for an HTML or SVG document (the editor's preview), in element content and in quoted attribute values:
 * every character that could open markup or close an attribute becomes an entity; nothing else changes, so
 * line breaks stay for a `<pre>`. Unlike `escapeHtml`, which makes our sentences safe inside markdown.
 *
 *   `<a href="x">'&'</a>` → `&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;`
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => xmlEntities[c] ?? c);
}
