import type { YAMLError } from 'yaml';
import { lineIndex, type Range } from '../source/range.js';

/**
 * The `yaml` package's messages for what is left open, rewritten to say what is open, where it opened and how to
 * close it: `Flow sequence in block collection must be sufficiently indented and end with a ]`, reported on the
 * line after an unclosed `[`, becomes
 *
 *   `name: [unclosed` → "the list opened by '[' at line 2, column 7 is never closed; add ']' after its last item"
 *
 * and is reported at that `[`. Undefined for any other error, or when the opener cannot be found (then the
 * package's own message is shown).
 */
export function unclosedMessage(
  e: YAMLError,
  text: string,
): { readonly message: string; readonly range?: Range } | undefined {
  const first = e.message.split('\n')[0] ?? '';
  const kind = /^Flow (sequence|map)\b.*end with a [\]}]/.exec(first)?.[1];
  if (kind !== undefined) return unclosedFlow(kind === 'sequence' ? '[' : '{', e.pos[0], text);
  const quote = /^Missing closing (["'])quote/.exec(first)?.[1];
  if (quote !== undefined) return unclosedQuote(quote, text);
  const extra = /^Unexpected flow-(seq|map)-end token/.exec(first)?.[1];
  if (extra !== undefined) {
    const [close, open, what] = extra === 'seq' ? [']', '[', 'list'] : ['}', '{', 'mapping'];
    return { message: `this '${close}' closes no ${what}: no '${open}' is open here; remove it` };
  }
  return undefined;
}

function unclosedFlow(opener: '[' | '{', at: number, text: string) {
  const { pairs } = scan(text);
  // The innermost collection of that kind open where the parser stopped.
  const open = pairs
    .filter((p) => p.opener === opener && p.open < at && (p.close === undefined || p.close >= at))
    .at(-1);
  if (open === undefined) return undefined;
  const [what, close, last] = opener === '[' ? ['list', ']', 'item'] : ['mapping', '}', 'entry'];
  const where = `the ${what} opened by '${opener}' at ${lineAndColumn(text, open.open)}`;
  if (open.close === undefined) {
    return {
      message: `${where} is never closed; add '${close}' after its last ${last}`,
      range: { start: open.open, end: open.open + 1 },
    };
  }
  if (open.closer !== close)
    return {
      message: `${where} reaches the '${open.closer}' at ${lineAndColumn(text, open.close)} without its '${close}': add '${close}' before that '${open.closer}', or write '${close}' in its place if the '${open.closer}' closes nothing`,
      range: { start: open.close, end: open.close + 1 },
    };
  // Closed, but a line of it is indented no deeper than the line it opened on: the parser ended it there.
  return {
    message: `${where} goes on at a line indented no deeper than the line it opened on; indent the lines after its first deeper, or write it on one line`,
  };
}

function unclosedQuote(quote: string, text: string) {
  const { openQuote } = scan(text);
  if (openQuote === undefined || text[openQuote] !== quote) return undefined;
  const [kind, inside] = quote === '"' ? ['double', '\\"'] : ['single', "''"];
  return {
    message: `the string in ${kind} quotes opened at ${lineAndColumn(text, openQuote)} is never closed, so it runs on to the end of the file; add the closing ${quote} where the value ends (a ${quote} inside it is written ${inside})`,
    range: { start: openQuote, end: openQuote + 1 },
  };
}

function lineAndColumn(text: string, offset: number): string {
  const { line, character } = lineIndex(text).positionAt(offset);
  return `line ${line + 1}, column ${character + 1}`;
}

interface Pair {
  readonly opener: '[' | '{';
  readonly open: number;
  close: number | undefined;
  /** The bracket that closed it: the other kind (`{…]`) closes it only in this scan, not for the parser. */
  closer?: ']' | '}';
}

/**
 * Every `[` and `{` that starts a flow collection, with where it closes, and the quote still open at the end of
 * the text, skipping comments and quoted text. A bracket or quote starts something only where a value can start:
 * at the start of a line or after `:`, `-`, `?`, `,`, `[` or `{` (and a tag or anchor), so the `[` of `name: a[1]`
 * and the apostrophe of `it's` open nothing.
 */
function scan(text: string): { readonly pairs: readonly Pair[]; readonly openQuote?: number } {
  const pairs: Pair[] = [];
  const stack: Pair[] = [];
  let quote: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (text[quote] === '"' && c === '\\') i++;
      else if (c === "'" && text[quote] === "'" && text[i + 1] === "'")
        i++; // '' is a quote in '…'
      else if (c === text[quote]) quote = undefined;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i + 1 < text.length && !/[\r\n]/.test(text[i + 1] as string)) i++;
    } else if ((c === '"' || c === "'") && startsValue(text, i)) quote = i;
    else if ((c === '[' || c === '{') && startsValue(text, i)) {
      const pair: Pair = { opener: c, open: i, close: undefined };
      pairs.push(pair);
      stack.push(pair);
    } else if ((c === ']' || c === '}') && stack.length > 0) {
      const top = stack.pop() as Pair;
      top.close = i;
      top.closer = c;
    }
  }
  return quote === undefined ? { pairs } : { pairs, openQuote: quote };
}

/** Whether a value can start at `i`: what comes before it on its line is an indicator, a tag or an anchor. */
function startsValue(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0 || text[j] === '\n' || text[j] === '\r') return true;
  if (':-?,[{'.includes(text[j] as string)) return true;
  const token = /[!&]\S*$/.exec(text.slice(Math.max(0, j - 200), j + 1));
  return token !== null && (token.index === 0 || /\s/.test(text[j - token[0].length] ?? ' '));
}
