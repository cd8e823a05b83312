import {
  type Diagnostic as CoreDiagnostic,
  type Fix,
  statesCapacity,
  validateRollout,
  visibleControls,
} from '@shiftwise/core';
import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import { type Analysis, fileNameOf } from './analysis.js';
import { sameRange, toRange, toTextEdit } from './convert.js';
import { trialLimit } from './key-fit.js';

/** At most this many fixes are tried on the text to choose the preferred one; a wider request marks none. */
const maxTried = 12;

/**
 * Quick fixes for the diagnostics touching `range`: core attaches them to each diagnostic (clamp to the bound,
 * rename an unknown key, move a misplaced field, add missing required fields); this only converts them. A fix
 * is tied to the client's diagnostic with the same code and range, so the editor shows it on that squiggle.
 * With the document's `version` (a client that takes `documentChanges`), each edit names the version it was made
 * for, so a client can refuse a fix applied to a text that has moved on, instead of writing it at stale offsets.
 *
 * A fix is preferred (the one an editor applies on its own) only when, applied, it leaves no error where it wrote
 * (`preferredFixes`). A clamp can trade one finding for another (a `timeout` raised to its 600 s minimum is still
 * shorter than the bakes; `maxUnavailable` changed to 10000, the largest count, is still a full outage of 4
 * replicas), so each fix at the cursor is tried on the text first.
 */
export function codeActions(
  analysis: Analysis,
  range: Range,
  reported: readonly Diagnostic[] = [],
  version?: number,
): CodeAction[] {
  const steps = codeActionSteps(analysis, range, reported, version);
  let step = steps.next();
  while (step.done !== true) step = steps.next();
  return step.value;
}

/**
 * `codeActions` as steps: it pauses (yields) between two trials of fixes, each of which validates the whole text
 * (up to 12 trials of up to 64 Ki characters, about 300 ms in all), so the server can read a `$/cancelRequest`
 * meanwhile and stop (../cancellation.ts). Run to its end, it is `codeActions`.
 */
export function* codeActionSteps(
  analysis: Analysis,
  range: Range,
  reported: readonly Diagnostic[] = [],
  version?: number,
): Generator<void, CodeAction[]> {
  const touching = analysis.validation.diagnostics.filter(
    (d) => d.fixes !== undefined && d.fixes.length > 0 && overlaps(toRange(analysis, d.range), range),
  );
  const preferred = yield* preferredFixes(analysis, touching);
  const actions: CodeAction[] = [];
  for (const d of touching) {
    const at = toRange(analysis, d.range);
    const client = reported.find((r) => r.code === d.code && sameRange(r.range, at));
    for (const fix of d.fixes ?? []) {
      const edits: TextEdit[] = fix.edits.map((e) => toTextEdit(analysis, e));
      actions.push({
        // A title may quote the file (`Remove duplicate x`): shown as the diagnostic's message is.
        title: visibleControls(fix.title),
        kind: CodeActionKind.QuickFix,
        ...(client !== undefined && { diagnostics: [client] }),
        isPreferred: preferred.has(fix),
        edit:
          version === undefined
            ? { changes: { [analysis.uri]: edits } }
            : { documentChanges: [{ textDocument: { uri: analysis.uri, version }, edits }] },
      });
    }
  }
  return actions;
}

/**
 * The fixes to mark preferred: per diagnostic, its one fix that leaves no error where it wrote and, of the fixes
 * competing for the same text (diagnostics on one range), no more warnings there than another such fix leaves.
 * `vertex-surge` and `vertex-outage` on `maxUnavailable: 1000000000000000` (capacity 4): 10000 leaves the outage
 * warning, 3 leaves nothing, so only `Change to 3` is preferred. None when the request spans too many fixes to try.
 */
function* preferredFixes(
  analysis: Analysis,
  diagnostics: readonly CoreDiagnostic[],
): Generator<void, Set<Fix>> {
  const chosen = yield* preferredOf(analysis, diagnostics);
  // A fix that writes a placeholder (an alarm name to make real) is never applied on its own.
  for (const fix of chosen) if (fix.placeholder) chosen.delete(fix);
  return chosen;
}

function* preferredOf(analysis: Analysis, diagnostics: readonly CoreDiagnostic[]): Generator<void, Set<Fix>> {
  const fixes = diagnostics.flatMap((d) => (d.fixes ?? []).map((fix) => ({ d, fix })));
  // Untried, a lone fix is preferred and rival fixes on one range are not: on a very large document (a trial
  // validates it whole), or when the request spans more fixes than are worth trying.
  if (fixes.length > maxTried || analysis.text.length > trialLimit)
    return new Set(
      diagnostics.flatMap((d) => (d.fixes?.length === 1 && !rivalled(d, diagnostics) ? d.fixes : [])),
    );
  const left = new Map<Fix, ReturnType<typeof leftBy>>();
  for (const { d, fix } of fixes) {
    // A pause between two trials, where the server reads a cancellation (a request with one trial never pauses).
    if (left.size > 0) yield;
    left.set(fix, leftBy(analysis, d, fix));
  }
  const fewest = new Map<string, number>();
  for (const { d, fix } of fixes) {
    const found = left.get(fix);
    if (found === undefined || found.errors > 0) continue;
    const key = `${d.range.start}:${d.range.end}`;
    fewest.set(key, Math.min(fewest.get(key) ?? found.warnings, found.warnings));
  }
  const chosen = new Set<Fix>();
  for (const d of diagnostics) {
    const key = `${d.range.start}:${d.range.end}`;
    const clean = (d.fixes ?? []).filter((fix) => {
      const found = left.get(fix);
      return found !== undefined && found.errors === 0 && found.warnings === fewest.get(key);
    });
    if (clean.length === 1) chosen.add(clean[0] as Fix);
  }
  return chosen;
}

/**
 * The errors and warnings `fix`, applied to the text, leaves on the range of the diagnostic it fixes or on any text
 * it wrote. The text is validated again as the document was (file name, capacity setting); core is pure and quick.
 * Undefined for edits that overlap, which no editor applies.
 */
function leftBy(
  analysis: Analysis,
  d: CoreDiagnostic,
  fix: Fix,
): { errors: number; warnings: number } | undefined {
  const edits = [...fix.edits].sort((a, b) => a.range.start - b.range.start);
  let text = '';
  let last = 0;
  let shift = 0;
  const written: { start: number; end: number }[] = [];
  for (const e of edits) {
    if (e.range.start < last) return undefined;
    text += analysis.text.slice(last, e.range.start);
    const start = e.range.start + shift;
    text += e.newText;
    written.push({ start, end: start + e.newText.length });
    shift += e.newText.length - (e.range.end - e.range.start);
    last = e.range.end;
  }
  text += analysis.text.slice(last);
  const fixed = { start: moved(d.range.start, edits, 'start'), end: moved(d.range.end, edits, 'end') };
  const setting = statesCapacity(analysis.validation.source) ? undefined : analysis.capacity;
  const after = validateRollout(text, {
    fileName: fileNameOf(analysis.uri),
    cache: new Map(analysis.parseCache),
    ...(setting !== undefined && { fallbackCapacity: setting }),
  });
  // A finding that spans wider than the fixed one and was there before (alarm-count over a list the fix removes a
  // duplicate from) is not the fix's to clear.
  const wider = new Set(
    analysis.validation.diagnostics
      .filter(
        (b) => b.range.start <= d.range.start && d.range.end <= b.range.end && span(b.range) > span(d.range),
      )
      .map((b) => b.code),
  );
  const there = after.diagnostics.filter(
    (e) =>
      [fixed, ...written].some((w) => touches(e.range, w)) &&
      !(
        wider.has(e.code) &&
        e.range.start <= fixed.start &&
        fixed.end <= e.range.end &&
        span(e.range) > span(fixed)
      ),
  );
  return {
    errors: there.filter((e) => e.severity === 'error').length,
    warnings: there.filter((e) => e.severity === 'warning').length,
  };
}

const span = (r: { start: number; end: number }) => r.end - r.start;

/** Whether another diagnostic of the request has fixes for the same text as `d`. */
function rivalled(d: CoreDiagnostic, diagnostics: readonly CoreDiagnostic[]): boolean {
  return diagnostics.some(
    (o) =>
      o !== d && (o.fixes?.length ?? 0) > 0 && o.range.start === d.range.start && o.range.end === d.range.end,
  );
}

/**
 * Where `offset` of the text stands once `edits` (sorted, not overlapping) are applied. Inside a replaced span it
 * goes to that span's start or end, as `side` says, so the range it bounds covers the new text.
 */
function moved(
  offset: number,
  edits: readonly { range: { start: number; end: number }; newText: string }[],
  side: 'start' | 'end',
): number {
  let shift = 0;
  for (const e of edits) {
    const { start, end } = e.range;
    if (end < offset || (end === offset && start < end)) shift += e.newText.length - (end - start);
    else if (start <= offset) return side === 'start' ? start + shift : start + shift + e.newText.length;
    else break;
  }
  return offset + shift;
}

/**
 * Whether a finding's range `a` lies on the text `b` (a range of the fixed text): they share a character, or `b` is
 * empty (what a removal leaves) strictly inside `a`, or both are empty at one place. A finding on the key that
 * follows a removed line starts where the removal left nothing, and is not on it.
 */
function touches(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (b.start === b.end)
    return a.start === a.end ? a.start === b.start : a.start < b.start && b.start < a.end;
  if (a.start === a.end) return b.start <= a.start && a.start <= b.end;
  return a.start < b.end && b.start < a.end;
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Touching counts: a cursor at either end of a diagnostic gets its fixes. */
function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
