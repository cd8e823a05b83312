/**
 * The metric math of an analysis check (docs/rollout-file.md, "analysis"): arithmetic over numbers and metrics of
 * the two variants, `new.Metric` and `old.Metric`, with + - * / and parentheses.
 *
 *   "100 * new.Invocation5XXErrors / new.Invocations - 100 * old.Invocation5XXErrors / old.Invocations"
 *     → refs new.Invocation5XXErrors, new.Invocations, old.Invocation5XXErrors, old.Invocations
 *     → CloudWatch: "100 * new_Invocation5XXErrors / new_Invocations - 100 * old_Invocation5XXErrors / old_Invocations"
 */

export type Variant = 'new' | 'old';

/** One metric an expression reads, where it is written (offsets into the expression). */
export interface MetricRef {
  readonly variant: Variant;
  readonly metric: string;
  readonly start: number;
  readonly end: number;
}

export type ParsedExpression =
  | { readonly ok: true; readonly refs: readonly MetricRef[] }
  | { readonly ok: false; readonly message: string; readonly start: number; readonly end: number };

type Token =
  | { readonly kind: 'number' | 'name'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'op'; readonly text: string; readonly start: number; readonly end: number };

class SyntaxProblem {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** Longest expression read; a longer one is refused rather than parsed (CloudWatch caps expressions at 2,048). */
export const maxExpressionLength = 2048;

/** Parses an expression; every problem comes back with its place, none is thrown. */
export function parseMetricExpression(text: string): ParsedExpression {
  if (text.length > maxExpressionLength)
    return fail(
      `the expression is ${text.length} characters long; CloudWatch takes at most ${maxExpressionLength}`,
      0,
      text.length,
    );
  try {
    const tokens = tokenize(text);
    const refs: MetricRef[] = [];
    let at = 0;
    const peek = () => tokens[at];
    const next = () => tokens[at++];
    const expression = (depth: number): void => {
      if (depth > 50)
        throw new SyntaxProblem('the expression nests more than 50 parentheses deep', 0, text.length);
      term(depth);
      while (peek()?.text === '+' || peek()?.text === '-') {
        next();
        term(depth);
      }
    };
    const term = (depth: number): void => {
      factor(depth);
      while (peek()?.text === '*' || peek()?.text === '/') {
        next();
        factor(depth);
      }
    };
    const factor = (depth: number): void => {
      const token = next();
      if (!token)
        throw new SyntaxProblem(
          'the expression ends where a number or a metric was expected',
          text.length,
          text.length,
        );
      if (token.text === '-') {
        factor(depth + 1);
        return;
      }
      if (token.text === '(') {
        expression(depth + 1);
        const close = next();
        if (close?.text !== ')')
          throw new SyntaxProblem('a parenthesis is not closed', token.start, token.end);
        return;
      }
      if (token.kind === 'number') return;
      if (token.kind === 'name') {
        refs.push(reference(token));
        return;
      }
      throw new SyntaxProblem(
        `'${token.text}' where a number or a metric was expected`,
        token.start,
        token.end,
      );
    };
    expression(0);
    const extra = peek();
    if (extra)
      throw new SyntaxProblem(
        `unexpected '${extra.text}': an operator (+ - * /) was expected`,
        extra.start,
        extra.end,
      );
    return { ok: true, refs };
  } catch (error) {
    if (error instanceof SyntaxProblem) return fail(error.message, error.start, error.end);
    throw error;
  }
}

/** The expression in CloudWatch's metric math, each `new.M` / `old.M` replaced by its query id (`metricQueryId`). */
export function cloudWatchExpression(text: string, refs: readonly MetricRef[]): string {
  let out = '';
  let at = 0;
  for (const ref of refs) {
    out += text.slice(at, ref.start) + metricQueryId(ref.variant, ref.metric);
    at = ref.end;
  }
  return out + text.slice(at);
}

/** The GetMetricData query id of one variant's metric: `new.Invocations` → `new_Invocations`. */
export const metricQueryId = (variant: Variant, metric: string) => `${variant}_${metric}`;

function reference(token: Token): MetricRef {
  const match = /^(\w+)\.(\w+)$/.exec(token.text);
  if (!match)
    throw new SyntaxProblem(
      `'${token.text}' is not a metric: write new.Metric or old.Metric (the new or the old variant's metric)`,
      token.start,
      token.end,
    );
  const [, variant, metric] = match;
  if (variant !== 'new' && variant !== 'old')
    throw new SyntaxProblem(
      `'${variant}' is not a variant: an expression compares the new variant (new.) with the old one (old.)`,
      token.start,
      token.start + variant!.length,
    );
  return { variant, metric: metric!, start: token.start, end: token.end };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)|([-+*/()])/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match)
      throw new SyntaxProblem(
        `'${text[at]}' cannot appear in an expression: use numbers, new.Metric, old.Metric, + - * / and parentheses`,
        at,
        at + 1,
      );
    const end = at + match[0].length;
    if (match[1]) tokens.push({ kind: 'number', text: match[1], start: at, end });
    else if (match[2]) tokens.push({ kind: 'name', text: match[2], start: at, end });
    else if (match[3]) tokens.push({ kind: 'op', text: match[3], start: at, end });
    at = end;
  }
  return tokens;
}

const fail = (message: string, start: number, end: number): ParsedExpression => ({
  ok: false,
  message,
  start,
  end,
});

/**
 * The value of an expression for one period, given each metric's value there (`lookup`); undefined when a metric
 * has no value or a division is by zero (that period has no value, as CloudWatch's metric math leaves it out).
 * Used where the provider has no metric math of its own (Cloud Monitoring's timeSeries.list). Assumes
 * `parseMetricExpression(text).ok`; anything else is undefined.
 *
 *   "100 * new.errors / new.count", { new.errors: 2, new.count: 50 } → 4
 */
export function evaluateMetricExpression(
  text: string,
  lookup: (variant: Variant, metric: string) => number | undefined,
): number | undefined {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch {
    return undefined;
  }
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const missing = Symbol('missing');
  type V = number | typeof missing;
  const combine = (a: V, b: V, op: string): V => {
    if (a === missing || b === missing) return missing;
    if (op === '+') return a + b;
    if (op === '-') return a - b;
    if (op === '*') return a * b;
    return b === 0 ? missing : a / b;
  };
  const expression = (): V => {
    let value = term();
    while (peek()?.text === '+' || peek()?.text === '-') {
      const op = next()!.text;
      value = combine(value, term(), op);
    }
    return value;
  };
  const term = (): V => {
    let value = factor();
    while (peek()?.text === '*' || peek()?.text === '/') {
      const op = next()!.text;
      value = combine(value, factor(), op);
    }
    return value;
  };
  const factor = (): V => {
    const token = next();
    if (!token) return missing;
    if (token.text === '-') {
      const v = factor();
      return v === missing ? missing : -v;
    }
    if (token.text === '(') {
      const v = expression();
      next();
      return v;
    }
    if (token.kind === 'number') return Number(token.text);
    const match = /^(new|old)\.(\w+)$/.exec(token.text);
    const value = match ? lookup(match[1] as Variant, match[2]!) : undefined;
    return value === undefined || !Number.isFinite(value) ? missing : value;
  };
  const value = expression();
  return value === missing || !Number.isFinite(value) ? undefined : value;
}
