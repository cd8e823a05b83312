import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';

// The repository explains itself: every document a source file, a doc or a workflow cites is in the repository,
// every relative markdown link resolves (with its #anchor), and nothing points at a contract or a tracker issue
// a reader cannot open. A finding names file:line and the reference.

const root = resolve(import.meta.dirname, '../..');
// The scanner itself is left out: its table of examples names documents that must be found missing.
const skipped =
  /^(action\/dist\/|pnpm-lock\.yaml$|.*\/testdata\/|.*\.(png|svg|vsix|ico)$|test\/docs\/references\.test\.ts$)/;
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root })
  .toString()
  .split('\n')
  .filter((f) => f !== '' && !skipped.test(f) && existsSync(resolve(root, f)));

/** Text that looks like a document path but is data in a fixture, by file. */
const fixtureText: Record<string, readonly string[]> = {
  'language-server/bench/documents.ts': ['runbooks/fraud.md'],
  'language-server/test/rollout-files.test.ts': ['notes.md'],
};

// The old contract's file name, spelled so that a search of the repository for it finds nothing.
const oldContract = ['DESIGN', 'md'].join('.');

/** What may never be cited: the old contract and issue numbers of a tracker outside the repository. */
const outside = [
  {
    pattern: /\bDESIGN\.md\b/g,
    why: `${oldContract} is not in the repository: cite the doc under docs/ that holds the fact`,
  },
  {
    pattern: /\bissues? #?\d+\b/gi,
    why: 'issue numbers point outside the repository: say the fact, or cite a doc',
  },
];

const docPath = /(?<![\w./:-])((?:\.\.?\/)*(?:[\w-]+\/)*[\w-]+\.md)(?:#([\w-]+))?(?![\w/])/g;
const markdownLink = /\]\(([^)\s]+)\)/g;

interface Finding {
  readonly at: string;
  readonly reference: string;
  readonly why: string;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Markdown with code blocks and code spans blanked out (same length, so indexes keep their lines). */
function withoutCode(markdown: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return markdown.replace(/^```[\s\S]*?^```/gm, blank).replace(/`[^`\n]*`/g, blank);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(
      (m[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}

/** The repository file a reference names, tried from the citing file's folder and from the root. */
function resolveReference(file: string, path: string): string | undefined {
  for (const candidate of [join(dirname(file), path), path]) {
    const full = resolve(root, candidate);
    if (full.startsWith(root) && existsSync(full)) return full;
  }
  return undefined;
}

function checkAnchor(full: string, anchor: string | undefined): boolean {
  return anchor === undefined || !full.endsWith('.md') || anchorsOf(readFileSync(full, 'utf8')).has(anchor);
}

function findingsOf(file: string): Finding[] {
  const text = readFileSync(resolve(root, file), 'utf8');
  const allowed = fixtureText[file] ?? [];
  const findings: Finding[] = [];
  const add = (index: number, reference: string, why: string) => {
    if (!allowed.some((a) => reference.includes(a)))
      findings.push({ at: `${file}:${lineOf(text, index)}`, reference, why });
  };
  for (const { pattern, why } of outside)
    for (const m of text.matchAll(pattern)) add(m.index ?? 0, m[0], why);
  for (const m of text.matchAll(docPath)) {
    const full = resolveReference(file, m[1] ?? '');
    if (full === undefined) add(m.index ?? 0, m[0], 'no such document in the repository');
    else if (!checkAnchor(full, m[2])) add(m.index ?? 0, m[0], `no heading #${m[2]} in ${m[1]}`);
  }
  if (file.endsWith('.md')) {
    for (const m of withoutCode(text).matchAll(markdownLink)) {
      const target = m[1] ?? '';
      if (/^[a-z]+:/i.test(target) || target.startsWith('<')) continue;
      const [path = '', anchor] = target.split('#');
      const full = path === '' ? resolve(root, file) : resolveReference(file, path);
      if (full === undefined) add(m.index ?? 0, target, 'the link points at no file of the repository');
      else if (!checkAnchor(full, anchor)) add(m.index ?? 0, target, `no heading #${anchor} there`);
    }
  }
  return findings;
}

test('the scan reads the repository (docs, sources, workflows)', () => {
  for (const f of [
    'README.md',
    'ARCHITECTURE.md',
    'docs/rules.md',
    'core/src/index.ts',
    'action/action.yml',
  ]) {
    assert.ok(files.includes(f), f);
  }
});

test('every document cited is in the repository, and nothing cites the old contract or an issue number', () => {
  const findings = files.flatMap(findingsOf).map((f) => `${f.at}: ${f.reference} — ${f.why}`);
  assert.deepEqual(findings, []);
});

test('the scan catches what it is for (a table of references that must be found)', () => {
  const cases: [string, boolean][] = [
    ['see docs/plan.md', false],
    ['see docs/nowhere.md', true],
    [`the contract in ${oldContract} §4`, true],
    [['fixed in issue', 5].join(' '), true],
    ['see docs/rules.md#canary-size', false],
    ['see docs/rules.md#no-such-rule', true],
    ['https://github.com/shiftwise/shiftwise/blob/main/docs/missing.md', false],
  ];
  for (const [line, found] of cases) {
    const hits = [...line.matchAll(docPath)].filter((m) => {
      const full = resolveReference('README.md', m[1] ?? '');
      return full === undefined || !checkAnchor(full, m[2]);
    });
    const banned = outside.some(({ pattern }) => new RegExp(pattern.source, pattern.flags).test(line));
    assert.equal(hits.length > 0 || banned, found, line);
  }
});
