import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isFlowText } from '../diagnostics/edits.js';
import { report } from '../diagnostics/report.js';
import { maxFailureLimit } from '../fields/table.js';
import type { AnalysisCheck } from '../model.js';
import { example } from '../parse/example.js';
import { defaultLagSeconds, maxLagSeconds } from '../plan/metric-lag.js';
import { endpointMetricNames } from '../values/endpoint-metrics.js';
import { parseMetricExpression } from '../values/metric-expression.js';
import { nearest } from '../values/suggest.js';
import { shortName, vertexMetricNames } from '../values/vertex-metrics.js';
import { replaceFix, sourceText, valueAt } from './helpers.js';
import { judgeEntries } from './holes.js';
import type { Rule, RuleContext } from './rule.js';

/**
 * What `judge` says of each check: of a check with a value that did not read (`max: abc`), only what does not depend
 * on it, so one check's hole leaves every other check judged (`judgeEntries`, core/src/rules/holes.ts).
 */
function eachCheck<R>(
  context: RuleContext,
  judge: (check: AnalysisCheck, index: number) => readonly R[],
): R[] {
  return judgeEntries(context.rollout.analysis ?? [], judge);
}

/** The metrics a check may read, by provider: as `metric`, and as written in an expression. */
function metricsOf(context: RuleContext) {
  return context.rollout.provider === 'sagemaker'
    ? {
        names: endpointMetricNames,
        inExpression: endpointMetricNames,
        source: 'AWS/SageMaker publishes for an endpoint variant',
      }
    : {
        names: vertexMetricNames,
        inExpression: vertexMetricNames.map(shortName),
        source: 'Vertex AI publishes for a DeployedModel (aiplatform.googleapis.com/)',
      };
}

/** An unknown metric: "did you mean", with the fix, or the list. */
function unknownMetric(
  metric: string,
  known: readonly string[],
  source: string,
): { message: string; suggestion?: string } {
  const suggestion = nearest(metric, known);
  return {
    message: `'${metric}' is not a metric ${source}; ${
      suggestion ? `did you mean '${suggestion}'?` : `known: ${known.join(', ')}`
    }`,
    ...(suggestion && { suggestion }),
  };
}

/**
 * `metric` names an AWS/SageMaker variant metric, and so does every `new.`/`old.` of an expression.
 *
 *   metric: Invocation5XXError → error, did you mean Invocation5XXErrors
 */
export const analysisMetric: Rule = (context) => {
  const metrics = metricsOf(context);
  return eachCheck(context, (check, i): Diagnostic[] => {
    if (check.query.kind === 'metric') {
      const path = `analysis.${i}.metric`;
      const range = valueAt(context, path);
      if (range === undefined || metrics.names.includes(check.query.metric)) return [];
      const { message, suggestion } = unknownMetric(check.query.metric, metrics.names, metrics.source);
      return [
        report(
          'analysis-metric',
          `'${path}': ${message}`,
          range,
          suggestion ? replaceFix(context, path, suggestion) : undefined,
        ),
      ];
    }
    const path = `analysis.${i}.expression`;
    const range = valueAt(context, path);
    const parsed = parseMetricExpression(check.query.expression);
    if (range === undefined || !parsed.ok) return [];
    const at = expressionOffset(context, range.start);
    return parsed.refs
      .filter((ref) => !metrics.inExpression.includes(ref.metric))
      .map((ref) =>
        report(
          'analysis-metric',
          `'${path}': ${unknownMetric(ref.metric, metrics.inExpression, metrics.source).message}`,
          at === undefined ? range : { start: at + ref.start + ref.variant.length + 1, end: at + ref.end },
        ),
      );
  });
};

/** Where the expression's text starts in the file: after an opening quote, when it is quoted plainly. */
function expressionOffset(context: RuleContext, start: number): number | undefined {
  const first = context.text[start];
  return first === '"' || first === "'" ? start + 1 : start;
}

/**
 * An expression parses and names only `new.` and `old.`, reported where the problem is.
 *
 *   "new.Invocations / canary.Invocations" → error on `canary`
 */
export const analysisExpression: Rule = (context) =>
  eachCheck(context, (check, i): Diagnostic[] => {
    if (check.query.kind !== 'expression') return [];
    const path = `analysis.${i}.expression`;
    const range = valueAt(context, path);
    if (range === undefined) return [];
    const parsed = parseMetricExpression(check.query.expression);
    if (parsed.ok) return [];
    const at = expressionOffset(context, range.start);
    const raw = context.text.slice(range.start, range.end);
    // Escapes inside a double-quoted string shift offsets: then the whole value is the range.
    const exact = at !== undefined && !raw.includes('\\');
    return [
      report(
        'analysis-expression',
        `'${path}': ${parsed.message}`,
        exact ? { start: at + parsed.start, end: Math.max(at + parsed.end, at + parsed.start + 1) } : range,
      ),
    ];
  });

/** The name a check may have: it appears in reports, tags and rollback reasons. */
const checkName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Names are unique (a rollback names the check that caused it) and plain: letters, digits, `.`, `_`, `-`. Only the
 * names that read are compared: two checks named alike are a clash whatever a name that did not read holds.
 */
export const analysisName: Rule = (context) => {
  const names = eachCheck(context, (check, index) => [{ name: check.name, index }]);
  const seen = new Map<string, number>();
  return names.flatMap(({ name, index }): Diagnostic[] => {
    const range = valueAt(context, `analysis.${index}.name`);
    if (!checkName.test(name))
      return range
        ? [
            report(
              'analysis-name',
              `check name '${name}' is not 1–64 letters, digits, dots, underscores and hyphens starting with a letter or digit; it names the check in reports and in a rollback's reason`,
              range,
            ),
          ]
        : [];
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, index);
      return [];
    }
    return range
      ? [
          report(
            'analysis-name',
            `check name '${name}' is taken by check ${first + 1}; a rollback names the check that caused it, so each name is unique`,
            range,
          ),
        ]
      : [];
  });
};

/**
 * A check says when it breaches: `max`, `min` or both, with min below max; and how many breaching periods in a
 * row roll back, `failureLimit`, 1 to 100.
 *
 *   failureLimit: 0 → error, fix 1 (a number: '1' would be a string, a wrong type);  failureLimit: 1e400 → error, fix 100
 */
export const analysisThreshold: Rule = (context) =>
  eachCheck(context, (check, i): Diagnostic[] => [
    ...thresholdFindings(context, check, i),
    ...failureLimitFindings(context, check, i),
  ]);

function failureLimitFindings(context: RuleContext, check: AnalysisCheck, i: number): Diagnostic[] {
  const path = `analysis.${i}.failureLimit`;
  const range = valueAt(context, path);
  const limit = check.failureLimit;
  if (range === undefined || (limit >= 1 && limit <= maxFailureLimit)) return [];
  const fixed = limit < 1 ? 1 : maxFailureLimit;
  return [
    report(
      'analysis-threshold',
      `check '${check.name}' has failureLimit ${sourceText(context, path)}; it counts the breaching periods in a row that roll back, a whole number from 1 to ${maxFailureLimit}`,
      range,
      replaceFix(context, path, fixed),
    ),
  ];
}

function thresholdFindings(context: RuleContext, check: AnalysisCheck, i: number): Diagnostic[] {
  if (check.max === undefined && check.min === undefined) {
    const range = context.source.get(`analysis.${i}.name`)?.key ?? valueAt(context, `analysis.${i}`);
    return range
      ? [
          report(
            'analysis-threshold',
            `check '${check.name}' has neither 'max' nor 'min', so nothing it reads is a breach; add ${example('max: 0', isFlowText(context.text))} (above is a breach) or 'min'`,
            range,
          ),
        ]
      : [];
  }
  if (check.max !== undefined && check.min !== undefined && check.min >= check.max) {
    const range = valueAt(context, `analysis.${i}.min`);
    return range
      ? [
          report(
            'analysis-threshold',
            `check '${check.name}' has min ${check.min} at or above max ${check.max}: every value would breach; min must be below max`,
            range,
          ),
        ]
      : [];
  }
  return [];
}

/**
 * How long a check waits for a period's value to settle, 0 to 30 minutes: a lag only lengthens each analysed step
 * (by up to the lag, docs/engine.md), and the services land their metrics within minutes.
 *
 *   lag: 1h → error, fix 30m;  lag: 0 → fine (metrics known to land at once)
 */
export const analysisLag: Rule = (context) =>
  eachCheck(context, (check, i): Diagnostic[] => {
    const path = `analysis.${i}.lag`;
    const range = valueAt(context, path);
    const s = check.lagSeconds;
    if (range === undefined || s === undefined || (s >= 0 && s <= maxLagSeconds)) return [];
    const service = context.rollout.provider === 'sagemaker' ? 'CloudWatch' : 'Cloud Monitoring';
    return [
      report(
        'analysis-lag',
        `'${path}' is ${sourceText(context, path)}; a metric lag is 0 to 30 minutes: ${service} lands a period's value within minutes (the default, ${defaultLagSeconds[context.rollout.provider] / 60} min, allows for it), and each analysed step waits up to its lag after its bake`,
        range,
        replaceFix(context, path, s < 0 ? '0s' : '30m'),
      ),
    ];
  });

/** CloudWatch's standard periods: whole minutes (a period of seconds needs high-resolution metrics). */
export const analysisPeriod: Rule = (context) =>
  eachCheck(context, (check, i): Diagnostic[] => {
    const path = `analysis.${i}.period`;
    const range = valueAt(context, path);
    const s = check.periodSeconds;
    if (range === undefined || (s >= 60 && s <= 86400 && s % 60 === 0)) return [];
    const fixed = Math.min(86400, Math.max(60, Math.round(s / 60) * 60));
    return [
      report(
        'analysis-period',
        `'${path}' is ${s} s; ${context.rollout.provider === 'sagemaker' ? 'AWS/SageMaker' : 'Vertex AI'} metrics come per minute, so a period is a whole number of minutes, 1 minute to 24 hours`,
        range,
        replaceFix(context, path, `${fixed / 60}m`),
      ),
    ];
  });
