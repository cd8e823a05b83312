import type { Connection } from 'vscode-languageserver';

/**
 * The shapes of the params the server reads, checked before a handler sees them: a request whose params are not
 * what the LSP specification says is answered with `InvalidParams` (-32602) naming the field, rather than failing
 * inside a handler (an `InternalError` that quotes a TypeError) or being answered for another place (a position at
 * line -1 read as line 0); a document notification that would poison the document store (a `didOpen` whose text is
 * not a string, which every later validation then trips on) or apply only in part (a `didChange` whose second
 * change is malformed) is dropped whole.
 */

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** The specification's `uinteger`: a whole number from 0 to 2^31 - 1. */
const isUinteger: Check = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2 ** 31 - 1;
const isPosition: Check = (value) => isObject(value) && isUinteger(value.line) && isUinteger(value.character);
const isRange: Check = (value) => isObject(value) && isPosition(value.start) && isPosition(value.end);
const isDocument: Check = (value) => isObject(value) && typeof value.uri === 'string';
const isChange: Check = (value) =>
  isObject(value) && typeof value.text === 'string' && (value.range === undefined || isRange(value.range));

/** The fields a method's params must have, each with its check (a missing optional field is not listed). */
const shapes: Record<string, Record<string, Check>> = {
  'textDocument/hover': { textDocument: isDocument, position: isPosition },
  'textDocument/completion': { textDocument: isDocument, position: isPosition },
  'textDocument/codeAction': {
    textDocument: isDocument,
    range: isRange,
    context: (c) =>
      c === undefined ||
      (isObject(c) &&
        Array.isArray(c.diagnostics) &&
        c.diagnostics.every((d: unknown) => isObject(d) && isRange(d.range))),
  },
  'textDocument/codeLens': { textDocument: isDocument },
  'textDocument/documentSymbol': { textDocument: isDocument },
  'workspace/executeCommand': {
    command: (c) => typeof c === 'string',
    arguments: (a) => a === undefined || Array.isArray(a),
  },
  'textDocument/didOpen': {
    textDocument: (d) =>
      isDocument(d) && isObject(d) && typeof d.text === 'string' && Number.isInteger(d.version),
  },
  'textDocument/didChange': {
    textDocument: (d) => isDocument(d) && isObject(d) && Number.isInteger(d.version),
    contentChanges: (c) => Array.isArray(c) && c.every(isChange),
  },
  'textDocument/didClose': { textDocument: isDocument },
  'textDocument/didSave': { textDocument: isDocument },
  'textDocument/willSave': { textDocument: isDocument },
};

/** Why `params` do not fit `method` (`'position'`: the field that does not), or undefined when they do. */
export function invalidParams(method: string, params: unknown): string | undefined {
  const shape = shapes[method];
  if (shape === undefined) return undefined;
  if (!isObject(params)) return `${method}: params must be an object`;
  for (const [field, check] of Object.entries(shape)) {
    if (!check(params[field])) return `${method}: invalid or missing '${field}'`;
  }
  return undefined;
}

/** The document notifications `TextDocuments.listen` subscribes to, by the connection method it calls. */
const documentEvents: Record<string, string> = {
  onDidOpenTextDocument: 'textDocument/didOpen',
  onDidChangeTextDocument: 'textDocument/didChange',
  onDidCloseTextDocument: 'textDocument/didClose',
  onDidSaveTextDocument: 'textDocument/didSave',
  onWillSaveTextDocument: 'textDocument/willSave',
};

/**
 * The connection as `TextDocuments.listen` sees it: a document notification whose params do not fit is dropped
 * with a log line instead of reaching the document store.
 */
export function wellFormedDocuments(connection: Connection, log: (message: string) => void): Connection {
  return new Proxy(connection, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      const method = typeof property === 'string' ? documentEvents[property] : undefined;
      if (method === undefined) return value;
      return (handler: (params: unknown) => void) =>
        value.call(target, (params: unknown) => {
          const problem = invalidParams(method, params);
          if (problem === undefined) handler(params);
          else log(`shiftwise: dropped ${problem}`);
        });
    },
  });
}
