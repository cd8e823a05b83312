import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointConfigCommand,
  type CreateEndpointConfigCommandInput,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  type DescribeEndpointConfigCommandOutput,
  DescribeModelCommand,
  SageMakerClient,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import type { SageMakerRollout } from '../../model.js';
import type { CreateEndpointConfigRequest } from '../../plan/request-types.js';
import type { CurrentEndpointConfig } from '../../plan/sagemaker-api.js';
import { targetConfigName } from '../../plan/sagemaker-request.js';
import type { Plan } from '../../plan/types.js';
import type { Observation, Preflight, Provider } from '../provider.js';
import { observeEndpoint } from './observe.js';

export interface SageMakerClients {
  readonly sagemaker: SageMakerClient;
  readonly cloudwatch: CloudWatchClient;
}

/**
 * SDK clients configured as the standard chains would be, from `env` (the process environment by default):
 * region from the file or AWS_REGION, endpoint from AWS_ENDPOINT_URL_SAGEMAKER / _CLOUDWATCH or AWS_ENDPOINT_URL,
 * static keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN when set, else the SDK's own
 * credential chain (profiles, SSO, web identity for OIDC). So the sandbox is reached exactly as AWS is.
 * `maxAttempts: 1`: the runner retries on its own clock.
 */
export function sageMakerClients(
  region: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): SageMakerClients {
  const resolvedRegion = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }),
          },
        }
      : {};
  const base = { maxAttempts: 1, ...(resolvedRegion && { region: resolvedRegion }), ...credentials };
  const endpoint = (service: string) => {
    const url = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
    return url ? { endpoint: url } : {};
  };
  return {
    sagemaker: new SageMakerClient({ ...base, ...endpoint('SAGEMAKER') }),
    cloudwatch: new CloudWatchClient({ ...base, ...endpoint('CLOUDWATCH') }),
  };
}

/** "Could not find endpoint …" and friends: SageMaker's ValidationException for a missing resource. */
function isMissing(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return (
    e?.name === 'ResourceNotFound' ||
    (e?.name === 'ValidationException' && /could not find|does not exist|not found/i.test(e.message ?? ''))
  );
}

/** "Cannot create already existing endpoint configuration …": SageMaker's answer to a second create. */
function isAlreadyExisting(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e?.name === 'ValidationException' && /already exist/i.test(e.message ?? '');
}

/** Whether every variant of `config` serves `model`: the config a `model` target creates. */
const servesOnly = (config: DescribeEndpointConfigCommandOutput, model: string) =>
  (config.ProductionVariants ?? []).every((v) => v.ModelName === model);

/** "alarm a" or "alarms a, b". */
const plural = (noun: string, names: readonly string[]) =>
  `${noun}${names.length > 1 ? 's' : ''} ${names.join(', ')}`;

async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

const instances = (config: DescribeEndpointConfigCommandOutput) =>
  (config.ProductionVariants ?? []).reduce((n, v) => n + (v.InitialInstanceCount ?? 0), 0);
const variantNames = (config: DescribeEndpointConfigCommandOutput) =>
  (config.ProductionVariants ?? []).map((v) => v.VariantName ?? '').sort();

/**
 * The SDK's input for a planned CreateEndpointConfig: the one narrowing on a request path. Core types the fields
 * SageMaker restricts to its own lists (instance types, accelerator types …) as strings, since it cannot list
 * them; their values are the service's own, read by preflight. core/test/engine/request-types.test.ts checks the
 * rest of the shape against the SDK's type.
 */
const sdkInput = (request: CreateEndpointConfigRequest) => request.input as CreateEndpointConfigCommandInput;

/** What a `model` target's config is made from: the current config's variants, data capture and KMS key. */
const currentOf = (config: DescribeEndpointConfigCommandOutput): CurrentEndpointConfig => ({
  ProductionVariants: config.ProductionVariants ?? [],
  ...(config.DataCaptureConfig && { DataCaptureConfig: config.DataCaptureConfig }),
  ...(config.KmsKeyId && { KmsKeyId: config.KmsKeyId }),
});

/**
 * SageMaker behind the Provider interface (docs/engine.md): preflight checks the endpoint, the target config (or
 * model), variant names, capacity and alarms, and reports the current config a `model` target is made from;
 * start sends the plan's CreateEndpointConfig (when planned) and UpdateEndpoint; observe reads DescribeEndpoint.
 */
export function sageMakerProvider(rollout: SageMakerRollout, clients: SageMakerClients): Provider {
  const target = targetConfigName(rollout);
  let targetExists = false;
  let updateSeen = false;
  const endpoint = rollout.endpoint;

  const describe = (signal?: AbortSignal): Promise<DescribeEndpointCommandOutput> =>
    clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }), { abortSignal: signal });
  const describeConfig = (name: string, signal?: AbortSignal) =>
    orMissing(
      clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }), {
        abortSignal: signal,
      }),
    );

  /** Sends the planned CreateEndpointConfig; a retry after a lost answer finds the config it created and goes on. */
  async function createConfig(request: CreateEndpointConfigRequest, signal?: AbortSignal): Promise<void> {
    try {
      await clients.sagemaker.send(new CreateEndpointConfigCommand(sdkInput(request)), {
        abortSignal: signal,
      });
    } catch (error) {
      if (!isAlreadyExisting(error)) throw error;
      const existing = await describeConfig(request.input.EndpointConfigName, signal);
      if (!existing || !servesOnly(existing, rollout.target.name)) throw error;
    }
    targetExists = true;
  }

  return {
    name: 'SageMaker',

    async preflight(signal): Promise<Preflight> {
      const region = await Promise.resolve(clients.sagemaker.config.region()).catch(() => undefined);
      if (!region)
        return {
          kind: 'refused',
          reason:
            'no AWS region: set `region` in the rollout file, or AWS_REGION (aws-actions/configure-aws-credentials sets it)',
        };
      const view = await orMissing(describe(signal));
      if (!view)
        return {
          kind: 'refused',
          reason: `endpoint ${endpoint} not found in region ${region}: check \`endpoint\` and \`region\` (or AWS_REGION)`,
        };
      const status = view.EndpointStatus;
      const pending = view.PendingDeploymentSummary?.EndpointConfigName;
      if (status === 'InService' && view.EndpointConfigName === target)
        return {
          kind: 'already-done',
          detail: `endpoint ${endpoint} already serves ${target}: nothing to do`,
        };
      if (status !== 'InService') {
        if (pending === target) {
          updateSeen = true;
          return {
            kind: 'in-flight',
            detail: `an update of ${endpoint} to ${target} is already running: watching it`,
          };
        }
        return {
          kind: 'refused',
          reason: `endpoint ${endpoint} is ${status}${pending ? ` (updating to ${pending})` : ''}, not InService: wait for it to settle`,
        };
      }
      const checks = [`endpoint ${endpoint} InService on ${view.EndpointConfigName}`];
      const currentConfig = await describeConfig(view.EndpointConfigName ?? '', signal);
      if (!currentConfig)
        return {
          kind: 'refused',
          reason: `the endpoint's current config ${view.EndpointConfigName} cannot be read`,
        };

      let targetConfig: DescribeEndpointConfigCommandOutput | undefined;
      if (rollout.target.kind === 'model') {
        const model = await orMissing(
          clients.sagemaker.send(new DescribeModelCommand({ ModelName: rollout.target.name }), {
            abortSignal: signal,
          }),
        );
        if (!model)
          return {
            kind: 'refused',
            reason: `model ${rollout.target.name} not found: create it first (CreateModel)`,
          };
        targetConfig = await describeConfig(target, signal);
        targetExists = targetConfig !== undefined;
        targetConfig ??= {
          ...currentConfig,
          EndpointConfigName: target,
        } as DescribeEndpointConfigCommandOutput;
        checks.push(`model ${rollout.target.name} exists; deploying it as config ${target}`);
      } else {
        targetConfig = await describeConfig(target, signal);
        if (!targetConfig)
          return {
            kind: 'refused',
            reason: `endpoint config ${target} not found: create it (CreateEndpointConfig) before deploying, or name a \`model\``,
          };
        targetExists = true;
        checks.push(`endpoint config ${target} exists`);
      }

      const before = variantNames(currentConfig);
      const after = variantNames(targetConfig);
      if (before.join() !== after.join())
        return {
          kind: 'refused',
          reason: `variant names differ: ${view.EndpointConfigName} has [${before.join(', ')}], ${target} has [${after.join(', ')}]; a blue/green update keeps the variant names`,
        };
      const capacity = instances(targetConfig);
      if (rollout.capacity !== undefined && rollout.capacity !== capacity)
        return {
          kind: 'refused',
          reason: `the file plans for capacity ${rollout.capacity} but ${target} has ${capacity} instance(s): set \`capacity: ${capacity}\` and review the plan`,
        };
      checks.push(`${capacity} instance(s) in the new fleet`);

      const alarms = rollout.rollback.alarms;
      if (alarms.length > 0) {
        const found = await clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [...alarms] }), {
          abortSignal: signal,
        });
        const states = new Map(
          [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].map((a) => [
            a.AlarmName,
            a.StateValue,
          ]),
        );
        const missing = alarms.filter((a) => !states.has(a));
        if (missing.length > 0)
          return {
            kind: 'refused',
            reason: `${plural('alarm', missing)} not found in CloudWatch (region ${region}): create ${missing.length > 1 ? 'them' : 'it'} or fix \`rollback.alarms\``,
          };
        const firing = alarms.filter((a) => states.get(a) === 'ALARM');
        if (firing.length > 0)
          return {
            kind: 'refused',
            reason: `${plural('alarm', firing)} ${firing.length > 1 ? 'are' : 'is'} already in ALARM: the update would roll back at once; resolve ${firing.length > 1 ? 'them' : 'it'} first`,
          };
        checks.push(`${alarms.length} alarm(s) exist and none is in ALARM`);
      }
      // The planner makes a `model` target's config from the current one, unless a re-run finds it already made.
      const makeFrom =
        rollout.target.kind === 'model' && !targetExists ? { currentConfig: currentOf(currentConfig) } : {};
      return { kind: 'ready', capacity, checks, found: { provider: 'sagemaker', ...makeFrom } };
    },

    async start(plan: Plan, signal) {
      if (plan.request.operation !== 'UpdateEndpoint')
        throw new Error(`a ${plan.request.operation} plan cannot be sent as an endpoint update`);
      if (plan.prepare && !targetExists) await createConfig(plan.prepare, signal);
      await clients.sagemaker.send(new UpdateEndpointCommand(plan.request.input), { abortSignal: signal });
      updateSeen = true;
    },

    async observe(signal): Promise<Observation> {
      const view = await describe(signal);
      if (view.EndpointStatus !== 'InService') updateSeen = true;
      const seen = observeEndpoint(view, target, updateSeen);
      if (seen.kind !== 'rolled-back' || seen.alarm !== undefined) return seen;
      const alarm = await firingAlarm(clients, rollout.rollback.alarms, signal);
      return alarm === undefined ? seen : { ...seen, alarm };
    },
  };
}

/**
 * Which rollback alarm tripped, when SageMaker's FailureReason does not name one in words `observeEndpoint` reads
 * (AWS documents no wording): the first of the file's alarms CloudWatch shows in ALARM. Best effort: a failed
 * lookup leaves the alarm unnamed and never changes the outcome.
 */
async function firingAlarm(
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
