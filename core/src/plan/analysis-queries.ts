import type { AnalysisCheck, ProviderName } from '../model.js';
import {
  cloudWatchExpression,
  metricQueryId,
  parseMetricExpression,
  type Variant,
} from '../values/metric-expression.js';
import type { MetricDataQuery } from './cloudwatch-api.js';
import { humanDuration } from './human-duration.js';
import { metricLagSeconds } from './metric-lag.js';
import { newVariantName, oldVariantName } from './run-steps.js';
import type { PlannedCheck } from './types.js';

/** The id of the query whose values a check compares with its bounds. */
export const resultId = 'result';

/**
 * The GetMetricData queries of one analysis check on `endpoint`: one MetricStat per metric it reads (AWS/SageMaker,
 * dimensions EndpointName and the variant's name), and for an expression a metric-math query over them. Exactly one
 * query returns data, with id `result`.
 *
 *   metric Invocation5XXErrors, Sum, 1 min →
 *     [{ Id: 'result', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocation5XXErrors',
 *        Dimensions: [EndpointName, VariantName shiftwise-new] }, Period: 60, Stat: 'Sum' }, ReturnData: true }]
 *   expression "new.Invocation5XXErrors / new.Invocations" →
 *     [new_Invocation5XXErrors (no data returned), new_Invocations (no data returned),
 *      { Id: 'result', Expression: 'new_Invocation5XXErrors / new_Invocations', ReturnData: true }]
 */
export function analysisQueries(check: AnalysisCheck, endpoint: string): MetricDataQuery[] {
  const stat = (variant: Variant, metric: string, id: string, returned: boolean): MetricDataQuery => ({
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/SageMaker',
        MetricName: metric,
        Dimensions: [
          { Name: 'EndpointName', Value: endpoint },
          { Name: 'VariantName', Value: variant === 'new' ? newVariantName : oldVariantName },
        ],
      },
      Period: check.periodSeconds,
      Stat: check.stat,
    },
    ReturnData: returned,
  });
  if (check.query.kind === 'metric') return [stat('new', check.query.metric, resultId, true)];
  const text = check.query.expression;
  const parsed = parseMetricExpression(text);
  if (!parsed.ok) return [];
  const seen = new Map<string, MetricDataQuery>();
  for (const ref of parsed.refs) {
    const id = metricQueryId(ref.variant, ref.metric);
    if (!seen.has(id)) seen.set(id, stat(ref.variant, ref.metric, id, false));
  }
  return [
    ...seen.values(),
    { Id: resultId, Expression: cloudWatchExpression(text, parsed.refs), ReturnData: true },
  ];
}

/** A check in the plan's words: what it reads, when it breaches, and how long after a period it judges it. */
export function plannedCheck(check: AnalysisCheck, provider: ProviderName): PlannedCheck {
  const every = `per ${humanDuration(check.periodSeconds)}`;
  const reads =
    check.query.kind === 'metric'
      ? `${check.stat} of ${check.query.metric} (the new model) ${every}`
      : `${check.query.expression} (${check.stat} of each metric) ${every}`;
  const bounds = [
    ...(check.max !== undefined ? [`above ${check.max}`] : []),
    ...(check.min !== undefined ? [`below ${check.min}`] : []),
  ];
  return {
    name: check.name,
    reads,
    breach: bounds.length > 0 ? bounds.join(' or ') : 'never (no max or min)',
    failureLimit: check.failureLimit,
    dryRun: check.dryRun,
    missingData: check.missingData,
    lagSeconds: metricLagSeconds(check, provider),
  };
}
