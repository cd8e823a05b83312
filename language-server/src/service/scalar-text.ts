// A scalar's value read from its text in the file, for names shown in the editor (./symbols.ts): what YAML and JSON
// read, not what was typed, so `- "fraud-5xx"` is the alarm `fraud-5xx` in the outline, as it is everywhere else.

/** YAML's double-quoted escapes (JSON's are among them): `\t` → tab, `\N` → U+0085, `\_` → no-break space. */
const escapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const hexDigits: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The value of a quoted or plain scalar written `written`: `"fraud-5xx"` → `fraud-5xx`, `'it''s'` → `it's`,
 * `"a\u0041"` → `aA`, a plain `fraud-5xx` as written; a line break inside folds into a space (an empty line into a
 * line break), as YAML reads it. Undefined for anything else (a flow collection, a block scalar, an alias, an anchor
 * or tag before the value), which is shown as written.
 */
export function scalarText(written: string): string | undefined {
  const text = written.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return doubleQuoted(text.slice(1, -1));
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'"))
    return folded(text.slice(1, -1)).replaceAll("''", "'");
  if (text === '' || /^[[{|>&*!"'%@`]/.test(text)) return undefined;
  return folded(text);
}

/** A double-quoted scalar's inside: escapes read, an escaped line break joins, other breaks fold. */
function doubleQuoted(inside: string): string {
  let out = '';
  let rest = '';
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i] as string;
    if (c !== '\\') {
      rest += c;
      continue;
    }
    out += folded(rest);
    rest = '';
    const e = inside[i + 1] ?? '';
    const hex = hexDigits[e];
    if (
      hex !== undefined &&
      /^[0-9a-fA-F]+$/.test(inside.slice(i + 2, i + 2 + hex)) &&
      i + 2 + hex <= inside.length
    ) {
      out += String.fromCodePoint(Math.min(Number.parseInt(inside.slice(i + 2, i + 2 + hex), 16), 0x10ffff));
      i += 1 + hex;
    } else if (e === '\n' || e === '\r') {
      // An escaped line break: the lines join with nothing between them, the next line's indent dropped.
      i += e === '\r' && inside[i + 2] === '\n' ? 2 : 1;
      while (inside[i + 1] === ' ' || inside[i + 1] === '\t') i++;
    } else {
      out += escapes[e] ?? `\\${e}`;
      i += 1;
    }
  }
  return out + folded(rest);
}

/** Line folding: a line break and the spaces around it become one space; n breaks in a row, n - 1 line breaks. */
function folded(text: string): string {
  return text.replace(/[ \t]*(?:\r?\n[ \t]*)+/g, (run) => {
    const breaks = run.split('\n').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}
