import { planSummary } from '../plan/summary.js';
import { renderPlanDiffMarkdown } from './diff.js';
import { escapeMarkdown } from './escape.js';
import { countFindings, type FileReport } from './file-report.js';
import { renderPlanMarkdown } from './markdown.js';
import { shortQuotes } from './quoted-values.js';

/** Findings listed per file before "… and N more"; the action's annotations and `shiftwise validate` give all. */
const findingsShown = 20;

/**
 * One file of the pull-request body, in this order: the headline (`### ✅ path — 5 steps · 25 min · peak 10
 * instances`), its findings, the diff against the base branch, and (when `full`) the whole plan collapsed in
 * `<details>`. Text from the file reaches the body only escaped.
 */
export function fileSection(report: FileReport, { full }: { full: boolean }): string {
  const lines = [fileHeadline(report).trimEnd(), ''];
  const findings = report.diagnostics.filter((d) => d.severity !== 'information');
  for (const d of findings.slice(0, findingsShown)) {
    const at = report.lines.positionAt(d.range.start);
    lines.push(
      `- **${d.severity}** at ${at.line + 1}:${at.character + 1}: ${messageMarkdown(d.message)} \`${d.code}\``,
    );
  }
  if (findings.length > findingsShown)
    lines.push(`- … and ${findings.length - findingsShown} more; \`shiftwise validate\` lists every one`);
  if (findings.length > 0) lines.push('');
  if (report.diff !== undefined) lines.push(renderPlanDiffMarkdown(report.diff), '');
  if (full && report.plan !== undefined)
    lines.push(
      '<details><summary>Plan: schedule, chart, assumptions and the exact request</summary>',
      '',
      renderPlanMarkdown(report.plan, { headingLevel: 4 }).trimEnd(),
      '',
      '</details>',
      '',
    );
  return `${lines.join('\n')}\n`;
}

/**
 * A file's headline alone, for a body with no room for its findings or diff: the file is still named, with its
 * verdict, and the cut note says what was left out.
 */
export function fileHeadline(report: FileReport): string {
  return `### ${verdictIcon(report)} ${escapeMarkdown(report.path)} — ${verdict(report)}\n\n`;
}

function verdictIcon(report: FileReport): string {
  const { errors, warnings } = countFindings(report.diagnostics);
  return errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
}

/** `5 steps · 25 min · peak 10 instances · 1 warning`, or `1 error: not planned until the errors are fixed`. */
function verdict(report: FileReport): string {
  const { errors, warnings } = countFindings(report.diagnostics);
  const counts = [
    ...(errors > 0 ? [`${errors} ${errors === 1 ? 'error' : 'errors'}`] : []),
    ...(warnings > 0 ? [`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`] : []),
  ];
  return report.plan === undefined
    ? `${counts.join(', ')}: not planned until the errors are fixed`
    : [planSummary(report.plan), ...counts].join(' · ');
}

/**
 * A diagnostic message (our sentence quoting values from the file) for markdown: a pair of backticks around a
 * plain value stays a code span unless it holds `<`, `>`, `&` or `@` (then it is escaped like the rest, so no raw
 * markup from a file ever reaches the body). Every other backtick (an unpaired one, or those of a value that holds
 * backticks itself) is kept as an escaped `\``, so the reviewer reads the value as the file has it. Splitting on
 * every backtick keeps this safe: no segment can contain one. A quoted value longer than 200 characters is cut
 * (`shortQuotes`).
 *
 *   'alarm `fraud-5xx` is listed twice'    → 'alarm `fraud-5xx` is listed twice'
 *   'alarm `</details> @x` is listed twice' → 'alarm \`&lt;/details&gt; @\u200bx\` is listed twice'
 *   "unknown key 'a ```'"                   → "unknown key 'a \`\`\`'"
 */
export function messageMarkdown(message: string): string {
  const parts = shortQuotes(message)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .split('`');
  let out = escapeMarkdown(parts[0] ?? '');
  let inSpan = false;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? '';
    // A backtick opens a span before an odd segment that is plain and closed; the next one closes it.
    if (i % 2 === 1 && i < parts.length - 1 && /^[^<>&@]*\S[^<>&@]*$/.test(part)) {
      out += `\`${part}\``;
      inSpan = true;
    } else {
      out += `${inSpan ? '' : '\\`'}${escapeMarkdown(part)}`;
      inSpan = false;
    }
  }
  return out;
}
