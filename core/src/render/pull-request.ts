import { utf8Length } from '../source/utf8.js';
import { type EmptyBodyReason, emptyHeadline } from './empty-body.js';
import { escapeMarkdown } from './escape.js';
import { countFindings, type FileReport } from './file-report.js';
import { fileHeadline, fileSection } from './file-section.js';

/** GitHub rejects issue comment bodies longer than this many characters. */
export const githubCommentLimit = 65_536;

/** GitHub caps a step's job summary at 1 MiB, counted in bytes (UTF-8), not characters. */
export const githubSummaryLimit = 1_048_576;

/** Deleted files listed before "… and N more". */
const removedShown = 20;

export interface PullRequestBodyOptions {
  /** Longest body allowed, in `unit`s. */
  readonly limit: number;
  /**
   * What `limit` counts: `characters`, UTF-16 code units, never fewer than GitHub counts for a comment (the
   * default); or `bytes` of UTF-8, as GitHub counts a job summary (`githubSummaryLimit`), where a CJK character
   * is three.
   */
  readonly unit?: 'characters' | 'bytes';
  /** First line, hidden in the rendered comment, by which the action finds its comment again. */
  readonly marker?: string;
  /** Where everything can be read when the body had to be cut (the action run's job summary). */
  readonly runUrl?: string;
  /** The pull request's head commit, named in the footer. */
  readonly headSha?: string;
  /** Rollout files the pull request deletes. */
  readonly removed?: readonly string[];
  /**
   * Why there is no file to show, for the headline of a body without any: the pull request changes no rollout
   * file (the default), the `files` input matches none of those it changes, or off a pull request none of the
   * checkout's.
   */
  readonly empty?: EmptyBodyReason;
}

/**
 * The plan as the pull request sees it: the action's sticky comment and job summary, and
 * `shiftwise plan --format markdown --base`. A verdict for all files, then per file its headline, findings, the
 * diff against the base branch and the full plan collapsed in `<details>` (`fileSection`), then a footer. Pure:
 * the same reports and options give the same body, whichever face renders it.
 *
 * Cut to `limit` (characters, or bytes for a job summary): files keep their full plan while it fits with room for
 * the compact sections of every later file; from the first that does not, files show only headline, findings and
 * diff; a file whose findings and diff do not fit shows its headline alone, and a file that does not fit even so
 * is left out while later files are still tried. A closing note counts what was left out.
 *
 *   renderPullRequestBody([report], { limit: githubCommentLimit })
 *   → '## Shiftwise rollout plan · 1 rollout file\n\n✅ 1 planned\n\n### ✅ r/a.rollout.yaml — 2 steps · …'
 */
export function renderPullRequestBody(
  reports: readonly FileReport[],
  options: PullRequestBodyOptions,
): string {
  const removed = options.removed ?? [];
  const head = [
    ...(options.marker ? [options.marker] : []),
    headline(reports, removed, options.empty),
    '',
  ].join('\n');
  const foot = footer(options);
  const size = options.unit === 'bytes' ? utf8Length : (text: string) => text.length;
  const fixed = size(head) + size(foot) + 600; // The cut note fits in 600.
  const compact = reports.map((r) => fileSection(r, { full: false }));
  const compactSizes = compact.map(size);
  // Room the files after i need: a full plan is shown only if every later file keeps its findings and diff.
  const after = compactSizes.map((_, i) => compactSizes.slice(i + 1).reduce((sum, n) => sum + n, 0));
  let body = '';
  let bodySize = 0;
  let compactFrom = reports.length;
  const cut: Cut = { plans: 0, details: 0, files: 0 };
  const fits = (n: number) => fixed + bodySize + n <= options.limit;
  const add = (section: string, sectionSize = size(section)) => {
    body += section;
    bodySize += sectionSize;
  };
  for (const [i, report] of reports.entries()) {
    const full = i < compactFrom ? fileSection(report, { full: true }) : undefined;
    const fullSize = full === undefined ? 0 : size(full);
    if (full !== undefined && fits(fullSize + (after[i] ?? 0))) {
      add(full, fullSize);
      continue;
    }
    compactFrom = Math.min(compactFrom, i);
    // A file too big to show even compact is cut to its headline; one that does not fit even so is counted, and
    // later (smaller) files are still tried, so one huge file never hides the others.
    const headline = fileHeadline(report);
    const section = fits(compactSizes[i] ?? 0) ? compact[i] : fits(size(headline)) ? headline : undefined;
    if (section === undefined) {
      cut.files++;
      continue;
    }
    add(section);
    if (report.plan !== undefined) cut.plans++;
    if (section !== compact[i]) cut.details++;
  }
  return head + body + cutNote(cut, options) + foot;
}

function headline(
  reports: readonly FileReport[],
  removed: readonly string[],
  empty: EmptyBodyReason | undefined,
): string {
  const failing = reports.filter((r) => countFindings(r.diagnostics).errors > 0).length;
  const planned = reports.filter((r) => r.plan !== undefined).length;
  if (reports.length + removed.length === 0) return emptyHeadline(empty);
  // The files checked, as the log counts them ('Checking 4 rollout files'); a removed or renamed-away file is
  // counted in the verdict line ('🗑️ 1 removed'), not as a rollout file.
  const files =
    reports.length > 0
      ? `${reports.length} rollout ${reports.length === 1 ? 'file' : 'files'}`
      : `${removed.length} rollout ${removed.length === 1 ? 'file' : 'files'} removed`;
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

/** What the body left out: full plans, the findings and diff of files shown by headline alone, whole files. */
interface Cut {
  plans: number;
  details: number;
  files: number;
}

function cutNote({ plans, details, files }: Cut, options: PullRequestBodyOptions): string {
  if (plans === 0 && details === 0 && files === 0) return '';
  const of = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;
  const parts = [
    ...(plans > 0 ? [`the full plans of ${of(plans)}`] : []),
    ...(details > 0 ? [`the findings and diff of ${of(details)}`] : []),
    ...(files > 0 ? [`${of(files)} entirely`] : []),
  ];
  const cut = parts.join(' and ');
  if (options.unit === 'bytes')
    return `> ✂️ **Cut to fit GitHub's ${githubSummaryLimit.toLocaleString('en-US')}-byte job summary limit:** ${cut} left out. Every finding is in the annotations and every plan in the step's \`plan\` output.\n\n`;
  const where = options.runUrl ? `[this run's job summary](${options.runUrl})` : "this run's job summary";
  return `> ✂️ **Cut to fit GitHub's ${githubCommentLimit.toLocaleString('en-US')}-character comment limit:** ${cut} left out. Read everything in ${where}.\n\n`;
}

function footer(options: PullRequestBodyOptions): string {
  const sha =
    options.headSha && /^[0-9a-f]{7,40}$/.test(options.headSha) ? ` for ${options.headSha.slice(0, 7)}` : '';
  const sticky = options.marker ? ' This comment is updated in place on every push.' : '';
  return `<sub>Shiftwise plan${sha}.${sticky}</sub>\n`;
}
