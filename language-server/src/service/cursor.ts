/**
 * What the cursor is writing, read from the text before it, so completion works on files too broken to parse.
 * `parent` and `path` are dotted paths as in core's SourceMap (`''` is the root, `strategy.type`).
 * `from` is the offset where the word being typed starts: a completion replaces `from`..cursor.
 */
export type CursorContext =
  | {
      readonly kind: 'key';
      readonly parent: string;
      readonly from: number;
      readonly quoted: boolean;
      /** In a YAML flow mapping under a block key (`strategy: {type: canary, |}`): a key is written on one line. */
      readonly flow?: true;
    }
  | { readonly kind: 'value'; readonly path: string; readonly from: number; readonly quoted: boolean }
  | { readonly kind: 'item'; readonly path: string; readonly from: number; readonly quoted: boolean };

/**
 * The cursor context in a YAML or JSON rollout file; undefined inside comments and other unknown places.
 * `json`: the file is JSON (its name ends in `.json`). Default: when the text's root is `{`. A blank JSON file is
 * at a key of the root, which completion writes with its braces.
 */
export function cursorContext(
  text: string,
  offset: number,
  json = isJsonText(text),
): CursorContext | undefined {
  if (!json) return yamlContext(text, offset);
  if (text.trim() === '') return { kind: 'key', parent: '', from: offset, quoted: false };
  return jsonContext(text, offset);
}

/** Whether the text's root is a JSON object (or a YAML flow mapping, which reads the same way). */
export function isJsonText(text: string): boolean {
  return /^\s*\{/.test(text);
}

const word = /[\w$%.@/-]*$/;

/**
 * YAML block style: the line before the cursor says key or value; the keys of less-indented lines above it
 * (`strategy:`) give the parent path.
 *
 *   "strategy:\n  ty|"       → key under `strategy`
 *   "strategy:\n  type: c|"  → value of `strategy.type`, from the `c`
 *   "  alarms: [a, |"        → item of `rollback.alarms`
 *   "steps:\n  - pause: |"   → value of `steps.pause`, a key of the list's items (not a new item)
 *   "strategy: {type: c, |"  → key under `strategy`, in flow style
 */
function yamlContext(text: string, offset: number): CursorContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (before.includes('#')) return undefined;
  const indent = before.length - before.trimStart().length;
  const parents = yamlParents(text, lineStart, indent);
  if (parents === undefined) return undefined;
  // A key and its colon, also on the first line of a list item (`- pause: |`): the value of that key, not a new
  // item. Tested before the item, which would take `pause: ` for the item's text.
  const pair = /^\s*(?:-\s+)?(?:([\w$-]+)|"([\w$-]+)"|'([\w$-]+)')\s*:\s+(.*)$/.exec(before);
  if (!pair) return itemOrKey(text, before, offset, parents.join('.'));
  const path = [...parents, (pair[1] ?? pair[2] ?? pair[3]) as string].join('.');
  const value = pair[4] as string;
  if (value.startsWith('{')) return flowContext(text, offset - value.length, offset, path);
  if (value.startsWith('[')) {
    const last = value.slice(Math.max(value.lastIndexOf('['), value.lastIndexOf(',')) + 1).trimStart();
    const quote = /^["']/.test(last);
    return itemAt(path, offset, quote ? last.slice(1) : last, quote);
  }
  const quote = /^["']/.test(value);
  const typed = quote ? value.slice(1) : value;
  if (!quote && /\s/.test(typed)) return undefined;
  return { kind: 'value', path, from: offset - typed.length, quoted: quote };
}

/**
 * Inside a flow mapping that is the value of the block key at `path` and opens at `open` on the cursor's line: read
 * as JSON is (plain keys too), its paths under `path`.
 */
function flowContext(text: string, open: number, offset: number, path: string): CursorContext | undefined {
  const inner = jsonContext(text.slice(open, offset), offset - open);
  if (inner === undefined) return undefined;
  const under = (p: string) => (p === '' ? path : `${path}.${p}`);
  const from = open + inner.from;
  if (inner.kind === 'key') return { ...inner, parent: under(inner.parent), from, flow: true };
  return { ...inner, path: under(inner.path), from };
}

/**
 * A line with no key's colon before the cursor: a list item (`- fr|`, or a flow mapping `- {pause: |}` read as its
 * list's mapping) or a key being typed (`ty|`).
 */
function itemOrKey(text: string, before: string, offset: number, parent: string): CursorContext | undefined {
  const item = /^\s*-\s+(["']?)([^"']*)$/.exec(before);
  if (item) {
    const typed = item[2] as string;
    if (item[1] === '' && typed.startsWith('{'))
      return flowContext(text, offset - typed.length, offset, parent);
    return itemAt(parent, offset, typed, item[1] !== '');
  }
  const key = /^\s*(["']?)([\w$-]*)$/.exec(before);
  if (!key) return undefined;
  const from = offset - (key[2] as string).length - (key[1] as string).length;
  return { kind: 'key', parent, from, quoted: key[1] !== '' };
}

function itemAt(path: string, offset: number, typed: string, quoted: boolean): CursorContext {
  return { kind: 'item', path, from: offset - typed.length, quoted };
}

/**
 * Keys of the block mappings that hold a line of `indent` spaces, outermost first; undefined inside flow. A line
 * inside a list item's mapping (`- traffic: 5%` then `  bake: 10m`) belongs to the list's key: list items are
 * documented by their list (`strategy.steps.bake`).
 */
function yamlParents(text: string, lineStart: number, indent: number): string[] | undefined {
  const parents: string[] = [];
  let limit = indent;
  /** The column of the list item's dash the line is in, once one is met. */
  let dash: number | undefined;
  let end = lineStart - 1;
  while (limit > 0 && end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const own = line.length - trimmed.length;
    if (own >= limit) continue;
    if (/^-(\s|$)/.test(trimmed)) {
      // A list item: the first holds this line; siblings above it at the same column are skipped. The list's key
      // may stand at the dash's own column (`steps:` then `- traffic`), so it is looked for from one further.
      if (dash !== undefined && own === dash) continue;
      dash = own;
      limit = own + 1;
      continue;
    }
    const key = /^["']?([\w$-]+)["']?\s*:\s*(#.*)?$/.exec(trimmed);
    if (!key) return undefined;
    parents.unshift(key[1] as string);
    limit = own;
    dash = undefined;
  }
  return parents;
}

/**
 * The plain or single-quoted key ending just before the colon at `colon` (`provider` in `{provider: x}` or
 * `{'provider': x}`); undefined after a double quote, whose string gave the key already.
 */
function plainKeyBefore(text: string, colon: number): string | undefined {
  return /(?:^|[\s{,])'?([\w$-]+)'?\s*$/.exec(text.slice(Math.max(0, colon - 200), colon))?.[1];
}

/**
 * JSON: one forward scan to the cursor keeps the stack of open objects and arrays with the key that opened each.
 * A YAML flow mapping at the root reads the same way, its keys plain or quoted.
 *
 *   '{"strategy": {"ty|'            → key under `strategy`
 *   '{"strategy": {"type": "c|'     → value of `strategy.type`
 */
function jsonContext(text: string, offset: number): CursorContext | undefined {
  const stack: { readonly open: '{' | '['; readonly key: string | undefined }[] = [];
  let key: string | undefined;
  let afterColon = false;
  let stringStart = -1;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (stringStart >= 0) {
      if (c === '\\') i++;
      else if (c === '"') {
        if (!afterColon && stack.at(-1)?.open === '{') key = text.slice(stringStart, i);
        stringStart = -1;
      }
    } else if (c === '"') stringStart = i + 1;
    else if (c === ':') {
      // A YAML flow mapping's plain key (`{provider: |}`); a quoted key was taken when its string closed.
      if (!afterColon && stack.at(-1)?.open === '{') key = plainKeyBefore(text, i) ?? key;
      afterColon = true;
    } else if (c === ',') afterColon = false;
    else if (c === '{' || c === '[') {
      stack.push({ open: c, key: afterColon ? key : undefined });
      afterColon = false;
    } else if (c === '}' || c === ']') {
      stack.pop();
      afterColon = false;
    }
  }
  const top = stack.at(-1);
  if (top === undefined) return undefined;
  const parent = stack
    .slice(1)
    .map((s) => s.key ?? '')
    .filter((k) => k !== '')
    .join('.');
  const inString = stringStart >= 0;
  const from = inString ? stringStart : offset - (word.exec(text.slice(0, offset))?.[0].length ?? 0);
  if (top.open === '[') return { kind: 'item', path: parent, from, quoted: inString };
  if (afterColon && key !== undefined) {
    return { kind: 'value', path: parent === '' ? key : `${parent}.${key}`, from, quoted: inString };
  }
  return { kind: 'key', parent, from, quoted: inString };
}
