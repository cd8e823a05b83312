import { validation } from './errors.js';

/**
 * How long after a period ends the sandbox shows its metric value, by the service that publishes it, in seconds:
 * the clouds publish late, and the engine judges a period only once it has settled (docs/engine.md, "Analysis").
 *
 * - `sagemaker`: SageMaker's invocation metrics in CloudWatch (`AWS/SageMaker`): a minute's point is read
 *   `sagemaker` seconds after the minute ends. Put data (PutMetricData) shows at once, as CloudWatch shows a
 *   client's own points.
 * - `vertex-ai`: the `aiplatform.googleapis.com/prediction/online/*` points in Cloud Monitoring: listed once their
 *   end time is `vertex-ai` seconds past. Points of user-defined types show at once.
 */
export interface MetricDelays {
  sagemaker: number;
  'vertex-ai': number;
}

/**
 * The defaults: SageMaker publishes its invocation metrics every 60 s, so a minute's point shows up to a minute
 * late; Cloud Monitoring's Google Cloud metrics are "not visible for up to" a few minutes after sampling, 120 s
 * here. Both within the engine's default lags (core/src/plan/metric-lag.ts), so a default run judges every period.
 */
export const DEFAULT_METRIC_DELAYS: Readonly<MetricDelays> = { sagemaker: 60, 'vertex-ai': 120 };

const providers = Object.keys(DEFAULT_METRIC_DELAYS) as (keyof MetricDelays)[];

/**
 * Sets the delay of one provider's metrics (`provider`), or of both: `seconds` from 0 to 86,400 (0 shows a period
 * as soon as it ends). Answers every delay as it now stands.
 */
export function setMetricDelay(
  delays: MetricDelays,
  input: { provider?: string; seconds?: number },
): MetricDelays {
  const { provider, seconds } = input;
  const meaning = 'the seconds after a period ends before its metric value shows, from 0 to 86400';
  if (seconds === undefined) throw validation(`setMetricDelay needs 'seconds', ${meaning}.`);
  if (typeof seconds !== 'number' || !(seconds >= 0 && seconds <= 86_400))
    throw validation(`setMetricDelay: 'seconds' is ${meaning}, not ${JSON.stringify(seconds)}.`);
  if (provider !== undefined && !providers.includes(provider as keyof MetricDelays))
    throw validation(
      `setMetricDelay: 'provider' is one of ${providers.join(', ')} (or none for both), not ${JSON.stringify(provider)}.`,
    );
  for (const p of provider === undefined ? providers : [provider as keyof MetricDelays]) delays[p] = seconds;
  return { ...delays };
}
