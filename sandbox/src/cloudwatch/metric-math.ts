/**
 * The part of CloudWatch metric math the sandbox evaluates: numbers, query ids, + - * /, unary minus and
 * parentheses, e.g. `100 * new_errors / new_invocations - 100 * old_errors / old_invocations`.
 *
 * Semantics, per timestamp: a time series combined with a number applies the number to each point; two time
 * series combine only at the timestamps where both have a point (a point missing on either side is missing in
 * the result); a result that is not a finite number (division by zero) is left out, as CloudWatch returns no
 * value for it. Functions (FILL, IF, METRICS, …) are refused with a message naming what is supported.
 */
export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'ref'; id: string }
  | { kind: 'negate'; operand: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

/** Values by timestamp (epoch ms). */
export type Series = Map<number, number>;

export type Parsed = { expr: Expr } | { error: string };

interface Token {
  text: string;
  at: number;
}

const TOKEN = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\S))/y;

function tokenize(text: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) break;
    const value = m[1] ?? m[2] ?? m[3];
    if (value === undefined) break;
    if (m[3] !== undefined && !'+-*/(),'.includes(value))
      return { error: `Unexpected character '${value}' at position ${start + m[0].length}.` };
    tokens.push({ text: value, at: start + m[0].length - value.length + 1 });
  }
  return tokens;
}

/**
 * Parses by precedence climbing: sums of products of unary terms.
 *
 *   "100 * a / b - 1" → ((100 * a) / b) - 1;  "-(a + 2) * 3" → (-(a + 2)) * 3
 */
export function parseExpression(text: string): Parsed {
  const tokens = tokenize(text);
  if ('error' in tokens) return tokens;
  let i = 0;
  const peek = () => tokens[i]?.text;
  const fail = (what: string): never => {
    throw new SyntaxError(what);
  };
  const term = (): Expr => {
    const token = tokens[i++];
    if (!token) return fail('The expression ends where a number, an id or a parenthesis was expected.');
    if (token.text === '-') return { kind: 'negate', operand: term() };
    if (token.text === '+') return term();
    if (token.text === '(') {
      const inner = sum();
      if (tokens[i++]?.text !== ')') fail(`Missing ')' for the '(' at position ${token.at}.`);
      return inner;
    }
    if (/^[\d.]/.test(token.text)) return { kind: 'number', value: Number(token.text) };
    if (/^[A-Za-z_]/.test(token.text)) {
      if (peek() === '(')
        fail(
          `The function ${token.text} is not supported by the sandbox; it evaluates numbers, query ids, + - * / and parentheses.`,
        );
      return { kind: 'ref', id: token.text };
    }
    return fail(`Unexpected '${token.text}' at position ${token.at}.`);
  };
  const product = (): Expr => {
    let left = term();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[i++]!.text as '*' | '/';
      left = { kind: 'binary', op, left, right: term() };
    }
    return left;
  };
  const sum = (): Expr => {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++]!.text as '+' | '-';
      left = { kind: 'binary', op, left, right: product() };
    }
    return left;
  };
  try {
    if (tokens.length === 0) return { error: 'The expression is empty.' };
    const expr = sum();
    if (i < tokens.length) fail(`Unexpected '${tokens[i]!.text}' at position ${tokens[i]!.at}.`);
    return { expr };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The query ids an expression reads, in order of first use. */
export function references(expr: Expr): string[] {
  if (expr.kind === 'ref') return [expr.id];
  if (expr.kind === 'number') return [];
  if (expr.kind === 'negate') return references(expr.operand);
  return [...new Set([...references(expr.left), ...references(expr.right)])];
}

/** Evaluates over the series of the ids it reads; a number when it reads none. */
export function evaluate(expr: Expr, seriesOf: (id: string) => Series): Series | number {
  if (expr.kind === 'number') return expr.value;
  if (expr.kind === 'ref') return seriesOf(expr.id);
  if (expr.kind === 'negate') return combine(-1, evaluate(expr.operand, seriesOf), '*');
  return combine(evaluate(expr.left, seriesOf), evaluate(expr.right, seriesOf), expr.op);
}

function apply(a: number, b: number, op: '+' | '-' | '*' | '/'): number {
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  return a / b;
}

/**
 *   {t1: 4, t2: 2} / {t1: 2, t2: 0, t3: 1} → {t1: 2}  (t2 divides by zero, t3 is missing on the left)
 */
function combine(a: Series | number, b: Series | number, op: '+' | '-' | '*' | '/'): Series | number {
  if (typeof a === 'number' && typeof b === 'number') return apply(a, b, op);
  const out: Series = new Map();
  const at = typeof a === 'number' ? (b as Series) : a;
  for (const t of at.keys()) {
    const x = typeof a === 'number' ? a : a.get(t);
    const y = typeof b === 'number' ? b : b.get(t);
    if (x === undefined || y === undefined) continue;
    const value = apply(x, y, op);
    if (Number.isFinite(value)) out.set(t, value);
  }
  return out;
}
