import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeModelCommand } from '@aws-sdk/client-sagemaker';
import type { SageMakerClients } from './clients.js';

/**
 * What both SageMaker providers (an endpoint, an inference component) check and read the same way: the region,
 * missing resources, and the file's rollback alarms in CloudWatch.
 */

/** "Could not find endpoint …" and friends: SageMaker's ValidationException for a missing resource. */
export function isMissing(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return (
    e?.name === 'ResourceNotFound' ||
    (e?.name === 'ValidationException' && /could not find|does not exist|not found/i.test(e.message ?? ''))
  );
}

/** The answer, or `undefined` when SageMaker says the resource does not exist. */
export async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** "alarm a" or "alarms a, b". */
export const plural = (noun: string, names: readonly string[]) =>
  `${noun}${names.length > 1 ? 's' : ''} ${names.join(', ')}`;

/** The region the clients use, or a refusal saying where to set one. */
export async function regionOf(clients: SageMakerClients): Promise<{ region: string } | { refused: string }> {
  const region = await Promise.resolve(clients.sagemaker.config.region()).catch(() => undefined);
  return region
    ? { region }
    : {
        refused:
          'no AWS region: set `region` in the rollout file, or AWS_REGION (aws-actions/configure-aws-credentials sets it)',
      };
}

/**
 * The rollback alarms' preflight: every alarm exists in CloudWatch and none is already in ALARM (an update would
 * roll back at once). Answers the check's words, a refusal, or nothing when the file names no alarm.
 *
 *   [a, b] both OK → { check: '2 alarm(s) exist and none is in ALARM' }
 *   [a] missing    → { refused: 'alarm a not found in CloudWatch (region r): create it or fix `rollback.alarms`' }
 */
export async function checkAlarms(
  clients: SageMakerClients,
  alarms: readonly string[],
  region: string,
  signal?: AbortSignal,
): Promise<{ check?: string } | { refused: string }> {
  if (alarms.length === 0) return {};
  const found = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [...alarms] }), {
    abortSignal: signal,
  });
  const states = new Map(
    [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].map((a) => [a.AlarmName, a.StateValue]),
  );
  const missing = alarms.filter((a) => !states.has(a));
  if (missing.length > 0)
    return {
      refused: `${plural('alarm', missing)} not found in CloudWatch (region ${region}): create ${missing.length > 1 ? 'them' : 'it'} or fix \`rollback.alarms\``,
    };
  const firing = alarms.filter((a) => states.get(a) === 'ALARM');
  if (firing.length > 0)
    return {
      refused: `${plural('alarm', firing)} ${firing.length > 1 ? 'are' : 'is'} already in ALARM: the update would roll back at once; resolve ${firing.length > 1 ? 'them' : 'it'} first`,
    };
  return { check: `${alarms.length} alarm(s) exist and none is in ALARM` };
}

/**
 * Which rollback alarm tripped, when SageMaker's FailureReason does not name one in words `alarmNamedIn` (observe.ts) reads
 * (AWS documents no wording): the first of the file's alarms CloudWatch shows in ALARM. Best effort: a failed
 * lookup leaves the alarm unnamed and never changes the outcome.
 */
export async function firingAlarm(
  clients: SageMakerClients,
  alarms: readonly string[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (alarms.length === 0) return undefined;
  try {
    const found = await clients.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: [...alarms], StateValue: 'ALARM' }),
      { abortSignal: signal },
    );
    const firing = new Set(
      [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].map((a) => a.AlarmName),
    );
    return alarms.find((a) => firing.has(a));
  } catch {
    return undefined;
  }
}

/** A refusal when the model a rollout deploys does not exist (DescribeModel), else undefined. */
export async function missingModel(
  clients: SageMakerClients,
  name: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const model = await orMissing(
    clients.sagemaker.send(new DescribeModelCommand({ ModelName: name }), { abortSignal: signal }),
  );
  return model ? undefined : `model ${name} not found: create it first (CreateModel)`;
}
