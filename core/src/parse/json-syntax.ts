import { lineIndex } from '../source/range.js';

/**
 * A small JSON (RFC 8259) checker that finds the first syntax error with a message written for JSON
 * (trailing commas, comments, single quotes, unquoted keys), since a YAML parser accepts all of those.
 * Iterative, so nesting depth costs no stack.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  const stack: ('{' | '[')[] = [];
  /** Where each open bracket of `stack` stands, for the message of one never closed. */
  const opened: number[] = [];
  let i = skip(text, 0);
  let expectValue = true;
  const fail = (offset: number, message: string) => ({ offset: Math.min(offset, text.length), message });
  if (text.charCodeAt(0) === 0xfeff) i = skip(text, 1);
  for (;;) {
    if (text.startsWith('//', i) || text.startsWith('/*', i))
      return fail(i, 'comments are not allowed in JSON');
    if (expectValue) {
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c);
        opened.push(i);
        i = skip(text, i + 1);
        const close = c === '{' ? '}' : ']';
        if (text[i] === close) {
          stack.pop();
          opened.pop();
          i = skip(text, i + 1);
          expectValue = false;
          continue;
        }
        if (c === '{') {
          if (i >= text.length) return fail(i, neverClosed(text, stack, opened));
          const key = member(text, i);
          if (typeof key !== 'number') return key;
          i = key;
        }
        continue;
      }
      const end = scalarEnd(text, i);
      if (typeof end !== 'number') return end;
      i = skip(text, end);
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) {
      return i < text.length
        ? fail(i, 'unexpected text after the JSON value; a file holds one object')
        : undefined;
    }
    const close = top === '{' ? '}' : ']';
    if (text[i] === close) {
      stack.pop();
      opened.pop();
      i = skip(text, i + 1);
      continue;
    }
    if (text[i] !== ',') {
      if (i >= text.length) return fail(i, neverClosed(text, stack, opened));
      return fail(i, `expected ',' or '${close}' ${top === '{' ? 'after a property' : 'after a list item'}`);
    }
    const comma = i;
    i = skip(text, i + 1);
    if (text[i] === close)
      return fail(comma, `a trailing comma before '${close}' is not allowed in JSON; remove it`);
    if (top === '{') {
      if (i >= text.length) return fail(i, neverClosed(text, stack, opened));
      const key = member(text, i);
      if (typeof key !== 'number') return key;
      i = key;
    }
    expectValue = true;
  }
}

/**
 * The end of the file inside objects or lists: the innermost bracket open, where it opened, and what closes them all.
 *
 *   '{"version": 1'   → "unexpected end of file: the '{' at line 1, column 1 is never closed; add '}' at the end"
 *   '{"a": {"b": 1,' → "…: the '{' at line 1, column 7 is never closed, nor 1 around it; add '}}' at the end"
 */
function neverClosed(text: string, stack: readonly ('{' | '[')[], opened: readonly number[]): string {
  const open = stack[stack.length - 1] ?? '{';
  const { line, character } = lineIndex(text).positionAt(opened[opened.length - 1] ?? 0);
  const closers = [...stack]
    .reverse()
    .map((c) => (c === '{' ? '}' : ']'))
    .join('');
  const around = stack.length > 1 ? `, nor ${stack.length - 1} around it` : '';
  return `unexpected end of file: the '${open}' at line ${line + 1}, column ${character + 1} is never closed${around}; add '${closers}' at the end`;
}

/** Reads `"key" :` at `i`; returns the offset after the colon. */
function member(text: string, i: number): number | { offset: number; message: string } {
  if (text.startsWith('//', i) || text.startsWith('/*', i))
    return { offset: i, message: 'comments are not allowed in JSON' };
  if (text[i] !== '"') {
    if (i >= text.length) return { offset: i, message: "unexpected end of file: a '}' is missing" };
    return { offset: i, message: 'property names must be in double quotes in JSON, like "bake"' };
  }
  const end = stringEnd(text, i);
  if (typeof end !== 'number') return end;
  const colon = skip(text, end);
  if (text[colon] !== ':') return { offset: colon, message: "expected ':' after the property name" };
  return skip(text, colon + 1);
}

const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/;

function scalarEnd(text: string, i: number): number | { offset: number; message: string } {
  if (text[i] === '"') return stringEnd(text, i);
  if (text[i] === "'") return { offset: i, message: 'strings must be in double quotes in JSON' };
  if (i >= text.length) return { offset: i, message: 'unexpected end of file: a value is missing' };
  const m = literal.exec(text.slice(i, i + 400));
  if (m === null)
    return {
      offset: i,
      message: 'expected a value: a "string", a number, true, false, null, {...} or [...]',
    };
  return i + m[0].length;
}

function stringEnd(text: string, i: number): number | { offset: number; message: string } {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c === 92) j++;
    else if (c < 32)
      return { offset: j, message: 'a string must end on the line it starts; close it with "' };
  }
  return { offset: i, message: 'this string is never closed; add the closing "' };
}

function skip(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    j++;
  }
  return j;
}
