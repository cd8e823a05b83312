import { escapeMarkdown, planSummary, renderPlanDiffMarkdown, renderPlanMarkdown } from '@shiftwise/core';
import { countFindings, type FileReport } from './check-file.js';

/** Hidden first line of the one comment the action keeps up to date on a pull request. */
export const commentMarker = '<!-- shiftwise-plan -->';

/** GitHub rejects issue comment bodies longer than this many characters. */
export const commentLimit = 65_536;

/** Findings listed per file before "… and N more"; the annotations carry all of them. */
const findingsShown = 20;

/** Deleted files listed before "… and N more". */
const removedShown = 20;

export interface ReportOptions {
  /** Longest body allowed, in UTF-16 code units (never fewer characters than GitHub counts). */
  readonly limit: number;
  /** First line, hidden in the rendered comment, by which the action finds its comment again. */
  readonly marker?: string;
  /** Where everything can be read when the body had to be cut (the run's job summary). */
  readonly runUrl?: string;
  /** The pull request's head commit, named in the footer. */
  readonly headSha?: string;
  /** Rollout files the pull request deletes. */
  readonly removed?: readonly string[];
}

/**
 * The pull request comment (and job summary): a headline verdict per file, its findings, the plan diff, and the
 * full plan collapsed in `<details>`. Everything from the files is escaped by the core renderers or here.
 *
 * Cut to `limit`: files keep their full plan while it fits; from the first that does not, files show only their
 * headline, findings and diff; files that do not fit even so are counted in a closing note, as are the plans left out.
 */
export function renderReport(reports: readonly FileReport[], options: ReportOptions): string {
  const removed = options.removed ?? [];
  const head = [...(options.marker ? [options.marker] : []), headline(reports, removed), ''].join('\n');
  const foot = footer(options);
  const fixed = head.length + foot.length + 600; // The cut note fits in 600.
  const compact = reports.map((r) => fileSection(r, { full: false }));
  // Room the headlines of the files after i need: a full plan is shown only if every later file keeps its headline.
  const after = compact.map((_, i) => compact.slice(i + 1).reduce((sum, c) => sum + c.length, 0));
  let body = '';
  let compactFrom = reports.length;
  let shown = 0;
  for (const [i, report] of reports.entries()) {
    const full = i < compactFrom ? fileSection(report, { full: true }) : undefined;
    if (full !== undefined && fixed + body.length + full.length + (after[i] ?? 0) <= options.limit)
      body += full;
    else {
      compactFrom = Math.min(compactFrom, i);
      if (fixed + body.length + (compact[i] ?? '').length > options.limit) break;
      body += compact[i];
    }
    shown++;
  }
  const plansCut = reports.slice(compactFrom, shown).filter((r) => r.plan !== undefined).length;
  return head + body + cutNote(plansCut, reports.length - shown, options) + foot;
}

function headline(reports: readonly FileReport[], removed: readonly string[]): string {
  const failing = reports.filter((r) => countFindings(r.diagnostics).errors > 0).length;
  const planned = reports.filter((r) => r.plan !== undefined).length;
  const count = reports.length + removed.length;
  const files = `${count} rollout ${count === 1 ? 'file' : 'files'}`;
  if (count === 0)
    return '## Shiftwise rollout plan\n\nThis pull request no longer changes any rollout file.';
  const verdict = [
    ...(failing > 0 ? [`❌ ${failing} with errors`] : []),
    ...(planned > 0 ? [`✅ ${planned} planned`] : []),
    ...(removed.length > 0 ? [`🗑️ ${removed.length} removed`] : []),
  ].join(' · ');
  return `## Shiftwise rollout plan · ${files}\n\n${verdict}\n${removedSection(removed)}`;
}

/** The deleted files, with what deleting one means (nothing happens to the endpoint). */
function removedSection(removed: readonly string[]): string {
  if (removed.length === 0) return '';
  const lines = [
    '',
    `### 🗑️ Removed: ${removed.length === 1 ? '1 rollout file' : `${removed.length} rollout files`}`,
    '',
    'Deleting a rollout file deploys nothing and removes nothing: its endpoint keeps serving what it serves now.',
    '',
    ...removed.slice(0, removedShown).map((path) => `- ${escapeMarkdown(path)}`),
    ...(removed.length > removedShown ? [`- … and ${removed.length - removedShown} more`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** One file: `### ✅ path — 5 steps · 25 min · peak 10 instances`, findings, diff, and the plan collapsed. */
function fileSection(report: FileReport, { full }: { full: boolean }): string {
  const { errors, warnings } = countFindings(report.diagnostics);
  const icon = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
  const counts = [
    ...(errors > 0 ? [`${errors} ${errors === 1 ? 'error' : 'errors'}`] : []),
    ...(warnings > 0 ? [`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`] : []),
  ];
  const verdict =
    report.plan === undefined
      ? `${counts.join(', ')}: not planned until the errors are fixed`
      : [planSummary(report.plan), ...counts].join(' · ');
  const lines = [`### ${icon} ${escapeMarkdown(report.path)} — ${verdict}`, ''];
  const findings = report.diagnostics.filter((d) => d.severity !== 'information');
  for (const d of findings.slice(0, findingsShown)) {
    const at = report.lines.positionAt(d.range.start);
    lines.push(
      `- **${d.severity}** at ${at.line + 1}:${at.character + 1}: ${messageMarkdown(d.message)} \`${d.code}\``,
    );
  }
  if (findings.length > findingsShown)
    lines.push(`- … and ${findings.length - findingsShown} more in this run's annotations`);
  if (findings.length > 0) lines.push('');
  if (report.diff !== undefined) lines.push(renderPlanDiffMarkdown(report.diff), '');
  if (full && report.plan !== undefined)
    lines.push(
      '<details><summary>Plan: steps, chart, assumptions and the exact request</summary>',
      '',
      renderPlanMarkdown(report.plan, { headingLevel: 4 }).trimEnd(),
      '',
      '</details>',
      '',
    );
  return `${lines.join('\n')}\n`;
}

/**
 * A diagnostic message (our sentence quoting values from the file in backticks) for markdown: the quoted parts
 * stay code spans unless they hold `<`, `>`, `&` or `@` (then they are escaped like the rest, so no raw markup
 * from a file ever reaches the body). Splitting on every backtick keeps this safe even when a quoted value holds
 * backticks itself: no segment can contain one.
 *
 *   'alarm `fraud-5xx` is listed twice'  → 'alarm `fraud-5xx` is listed twice'
 *   'alarm `</details> @x` is listed twice' → 'alarm &lt;/details&gt; @\u200bx is listed twice'
 */
export function messageMarkdown(message: string): string {
  return message
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .split('`')
    .map((part, i, parts) =>
      i % 2 === 1 && i < parts.length - 1 && /^[^<>&@]*\S[^<>&@]*$/.test(part)
        ? `\`${part}\``
        : escapeMarkdown(part),
    )
    .join('');
}

function cutNote(plansCut: number, filesCut: number, options: ReportOptions): string {
  if (plansCut === 0 && filesCut === 0) return '';
  const parts = [
    ...(plansCut > 0 ? [`the full plans of ${plansCut} ${plansCut === 1 ? 'file' : 'files'}`] : []),
    ...(filesCut > 0 ? [`${filesCut} ${filesCut === 1 ? 'file' : 'files'} entirely`] : []),
  ];
  const where = options.runUrl ? `[this run's job summary](${options.runUrl})` : "this run's job summary";
  return `> ✂️ **Cut to fit GitHub's ${commentLimit.toLocaleString('en-US')}-character comment limit:** ${parts.join(' and ')} left out. Read everything in ${where}.\n\n`;
}

function footer(options: ReportOptions): string {
  const sha =
    options.headSha && /^[0-9a-f]{7,40}$/.test(options.headSha) ? ` for ${options.headSha.slice(0, 7)}` : '';
  const sticky = options.marker ? ' This comment is updated in place on every push.' : '';
  return `<sub>Shiftwise plan${sha}.${sticky}</sub>\n`;
}
