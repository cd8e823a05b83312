import { ruleCatalog } from '../diagnostics/catalog.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import { lineIndex } from '../source/range.js';
import type { FileResult, Unreadable } from './types.js';

export interface SarifOptions {
  /** Base for rule help links (`<base>#<code>`). Default: the rules doc path relative to the repository. */
  readonly helpBase?: string;
  readonly toolVersion?: string;
  /** Files given that could not be read: the run is then not successful, with a notification for each. */
  readonly unreadable?: readonly Unreadable[];
}

const level: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
};

/**
 * A SARIF 2.1.0 log for GitHub code scanning: one run, every rule in `tool.driver.rules` (id, short
 * description, help URI, default level), one result per diagnostic with a 1-based region, and the invocation:
 * `executionSuccessful` false with an error notification per file that could not be read, so a run that checked
 * fewer files than it was given never reads as clean.
 *
 * A text read from standard input with no name (`standardInput`) has no URI to give: an `artifactLocation` locates
 * its artifact by `uri` or by `index` into `run.artifacts` (SARIF 2.1.0 §3.4), so that text is the one entry of
 * `run.artifacts` (§3.24), described, with the roles `analysisTarget` and `standardStream`, and every result and
 * notification about it points at its index. Code scanning places a result only by a URI in the repository, so a
 * log to upload needs the file's name (`shiftwise validate - --stdin-name path/in/repo.rollout.yaml`).
 *
 *   results[0].locations[0].physicalLocation.artifactLocation: { index: 0 }
 *   runs[0].artifacts: [{ description, location: { index: 0 }, roles: ['analysisTarget', 'standardStream'] }]
 */
export function toSarif(results: readonly FileResult[], options: SarifOptions = {}): Record<string, unknown> {
  const helpBase = options.helpBase ?? 'https://github.com/shiftwise/shiftwise/blob/main/docs/rules.md';
  const ruleIndex = new Map(ruleCatalog.map((r, i) => [r.code, i]));
  const unreadable = options.unreadable ?? [];
  const piped = results.some((r) => r.standardInput) || unreadable.some((u) => u.standardInput);
  const locate = (given: { readonly file: string; readonly standardInput?: true }) =>
    given.standardInput ? { index: 0 } : { uri: artifactUri(given.file) };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shiftwise',
            informationUri: 'https://github.com/shiftwise/shiftwise',
            version: options.toolVersion ?? '0.1.0',
            rules: ruleCatalog.map((r) => ({
              id: r.code,
              name: r.code,
              shortDescription: { text: r.title },
              helpUri: `${helpBase}#${r.code}`,
              defaultConfiguration: { level: level[r.severity] },
            })),
          },
        },
        ...(piped && { artifacts: [standardInputArtifact] }),
        invocations: [invocation(unreadable, locate)],
        results: results.flatMap((r) => {
          const index = lineIndex(r.text);
          return r.diagnostics.map((d) => {
            const s = index.positionAt(d.range.start);
            const e = index.positionAt(d.range.end);
            const rule = ruleIndex.get(d.code);
            return {
              ruleId: d.code,
              ...(rule !== undefined && { ruleIndex: rule }),
              level: level[d.severity],
              message: { text: d.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: locate(r),
                    region: {
                      startLine: s.line + 1,
                      startColumn: s.character + 1,
                      endLine: e.line + 1,
                      endColumn: e.character + 1,
                    },
                  },
                },
              ],
            };
          });
        }),
      },
    ],
  };
}

/** The text read from standard input with no name, as `run.artifacts[0]`. */
const standardInputArtifact = {
  description: {
    text: 'standard input: a rollout piped in with no name (--stdin-name path/in/repo.rollout.yaml names it)',
  },
  location: { index: 0 },
  roles: ['analysisTarget', 'standardStream'],
};

function invocation(
  unreadable: readonly Unreadable[],
  locate: (given: Unreadable) => Record<string, unknown>,
): Record<string, unknown> {
  return {
    executionSuccessful: unreadable.length === 0,
    ...(unreadable.length > 0 && {
      toolExecutionNotifications: unreadable.map((u) => ({
        level: 'error',
        message: { text: `cannot read ${u.file}: ${u.reason}` },
        locations: [{ physicalLocation: { artifactLocation: locate(u) } }],
      })),
    }),
  };
}

/**
 * A file as SARIF's `artifactLocation.uri`, a URI reference (RFC 3986): each path segment percent-encoded, an
 * absolute path as a `file://` URI, Windows separators as `/`. A relative path stays relative (code scanning
 * reads it from the repository root).
 *
 *   'rollouts/fraud.rollout.yaml'     → 'rollouts/fraud.rollout.yaml'
 *   'odd dir/#1 100%.rollout.yaml'    → 'odd%20dir/%231%20100%25.rollout.yaml'
 *   '/home/me/a b.rollout.yaml'       → 'file:///home/me/a%20b.rollout.yaml'
 *   'C:\\work\\a.rollout.yaml'         → 'file:///C:/work/a.rollout.yaml'
 */
export function artifactUri(file: string): string {
  const path = file.replaceAll('\\', '/');
  const drive = /^[A-Za-z]:\//.exec(path)?.[0];
  if (drive !== undefined) return `file:///${drive}${encodePath(path.slice(drive.length))}`;
  if (path.startsWith('/')) return `file://${encodePath(path)}`;
  return encodePath(path);
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
