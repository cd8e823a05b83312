import {
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  type DescribeEndpointConfigCommandOutput,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import type { SageMakerRollout } from '../../model.js';
import type { CreateEndpointConfigRequest } from '../../plan/request-types.js';
import type { CurrentEndpointConfig, DeploymentConfig } from '../../plan/sagemaker-api.js';
import { sageMakerRequest, targetConfigName } from '../../plan/sagemaker-request.js';
import { storedDeployment, storedDeploymentWords } from '../../plan/stored-deployment.js';
import type { Plan } from '../../plan/types.js';
import type { Observation, Preflight, Provider } from '../provider.js';
import { checkAlarms, firingAlarm, missingModel, orMissing, regionOf } from './checks.js';
import { createConfigInput, type SageMakerClients, serverDateOf } from './clients.js';
import { observeEndpoint, type UpdateHistory } from './observe.js';
import { deploymentConfigDifferences, notOurUpdate } from './same-update.js';
import { stepsRolloutOn } from './steps-in-progress.js';

export { type SageMakerClients, sageMakerClients } from './clients.js';

/** "Cannot create already existing endpoint configuration …": SageMaker's answer to a second create. */
function isAlreadyExisting(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e?.name === 'ValidationException' && /already exist/i.test(e.message ?? '');
}

/** Whether every variant of `config` serves `model`: the config a `model` target creates. */
const servesOnly = (config: DescribeEndpointConfigCommandOutput, model: string) =>
  (config.ProductionVariants ?? []).every((v) => v.ModelName === model);

const instances = (config: DescribeEndpointConfigCommandOutput) =>
  (config.ProductionVariants ?? []).reduce((n, v) => n + (v.InitialInstanceCount ?? 0), 0);
const variantNames = (config: DescribeEndpointConfigCommandOutput) =>
  (config.ProductionVariants ?? []).map((v) => v.VariantName ?? '').sort();

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
  if (rollout.target.kind === 'inferenceComponent')
    throw new Error(
      `sageMakerProvider updates endpoints; inference component ${rollout.target.name} takes inferenceComponentProvider (providerFor picks it)`,
    );
  const target = targetConfigName(rollout);
  let targetExists = false;
  let updateSeen = false;
  /** When the endpoint was created and our update started, in the service's clock (see `observeEndpoint`). */
  let history: UpdateHistory = {};
  const endpoint = rollout.endpoint;
  /** Records the endpoint's creation the first time it is seen, and our update's start the first time it runs. */
  const remember = (view: DescribeEndpointCommandOutput) => {
    history = {
      ...history,
      ...(history.endpointCreatedAt === undefined &&
        view.CreationTime && { endpointCreatedAt: view.CreationTime }),
    };
    const pending = view.PendingDeploymentSummary;
    if (history.updateStartedAt === undefined && pending?.EndpointConfigName === target) {
      const started = pending.StartTime ?? view.LastModifiedTime;
      if (started) history = { ...history, updateStartedAt: started };
    }
  };

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
      await clients.sagemaker.send(new CreateEndpointConfigCommand(createConfigInput(request)), {
        abortSignal: signal,
      });
    } catch (error) {
      if (!isAlreadyExisting(error)) throw error;
      const existing = await describeConfig(request.input.EndpointConfigName, signal);
      if (!existing || !servesOnly(existing, rollout.target.name)) throw error;
    }
    targetExists = true;
  }

  /**
   * How the update in flight differs from the one this file would start: its `LastDeploymentConfig` against the
   * planner's UpdateEndpoint (the request `start` would send). `RetainDeploymentConfig` sends none: any runs.
   */
  const runningDiffers = (view: DescribeEndpointCommandOutput): string[] => {
    const requested = sageMakerRequest(rollout).input.DeploymentConfig;
    return deploymentConfigDifferences(requested, view.LastDeploymentConfig);
  };

  return {
    name: 'SageMaker',

    async preflight(signal): Promise<Preflight> {
      const where = await regionOf(clients);
      if ('refused' in where) return { kind: 'refused', reason: where.refused };
      const { region } = where;
      const view = await orMissing(describe(signal));
      if (!view)
        return {
          kind: 'refused',
          reason: `endpoint ${endpoint} not found in region ${region}: check \`endpoint\` and \`region\` (or AWS_REGION)`,
        };
      remember(view);
      const status = view.EndpointStatus;
      const pending = view.PendingDeploymentSummary?.EndpointConfigName;
      if (status === 'InService' && view.EndpointConfigName === target)
        return {
          kind: 'already-done',
          detail: `endpoint ${endpoint} already serves ${target}: nothing to do`,
        };
      if (status !== 'InService') {
        if (pending === target) {
          // The same target is not enough: the file may have changed (a strategy, an alarm) since that update was
          // started. It is ours only with the deployment config this file's request sends.
          const differences = runningDiffers(view);
          if (differences.length > 0)
            return {
              kind: 'refused',
              reason: notOurUpdate(`an update of ${endpoint} to ${target}`, differences),
            };
          updateSeen = true;
          return {
            kind: 'in-flight',
            detail: `an update of ${endpoint} to ${target} is already running: watching it`,
          };
        }
        return {
          kind: 'refused',
          reason:
            (await stepsRolloutOn(clients, view, signal)) ??
            `endpoint ${endpoint} is ${status}${pending ? ` (updating to ${pending})` : ''}, not InService: wait for it to settle`,
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
        const noModel = await missingModel(clients, rollout.target.name, signal);
        if (noModel) return { kind: 'refused', reason: noModel };
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
          reason:
            (await stepsRolloutOn(clients, view, signal)) ??
            `variant names differ: ${view.EndpointConfigName} has [${before.join(', ')}], ${target} has [${after.join(', ')}]; a blue/green update keeps the variant names`,
        };
      const capacity = instances(targetConfig);
      if (rollout.capacity !== undefined && rollout.capacity !== capacity)
        return {
          kind: 'refused',
          reason: `the file plans for capacity ${rollout.capacity} but ${target} has ${capacity} instance(s): set \`capacity: ${capacity}\` and review the plan`,
        };
      checks.push(`${capacity} instance(s) in the new fleet`);

      const alarms = await checkAlarms(clients, rollout.rollback.alarms, region, signal);
      if ('refused' in alarms) return { kind: 'refused', reason: alarms.refused };
      if (alarms.check) checks.push(alarms.check);
      // The planner makes a `model` target's config from the current one, unless a re-run finds it already made.
      const makeFrom =
        rollout.target.kind === 'model' && !targetExists ? { currentConfig: currentOf(currentConfig) } : {};
      // retain runs the deployment config stored on the endpoint again: the plan's steps are its.
      const stored =
        rollout.strategy.type === 'retain'
          ? storedDeployment(view.LastDeploymentConfig as DeploymentConfig | undefined)
          : undefined;
      if (stored) checks.push(`stored deployment config: ${storedDeploymentWords(stored)}`);
      return {
        kind: 'ready',
        capacity,
        checks,
        found: { provider: 'sagemaker', ...makeFrom, ...(stored && { storedDeployment: stored }) },
      };
    },

    async start(plan: Plan, signal) {
      if (plan.request.operation !== 'UpdateEndpoint')
        throw new Error(`a ${plan.request.operation} plan cannot be sent as an endpoint update`);
      if (plan.prepare && !targetExists) await createConfig(plan.prepare, signal);
      await clients.sagemaker.send(new UpdateEndpointCommand(plan.request.input), { abortSignal: signal });
      updateSeen = true;
    },

    async observe(signal): Promise<Observation> {
      const view = await orMissing(describe(signal));
      if (view === undefined)
        return {
          kind: 'failed',
          reason: `endpoint ${endpoint} no longer exists (DescribeEndpoint finds no such endpoint): it was deleted, or the service reset, while the update ran; nothing rolled back that Shiftwise saw`,
        };
      remember(view);
      if (view.EndpointStatus !== 'InService') updateSeen = true;
      const observed = observeEndpoint(view, target, updateSeen, history);
      const answeredAt = serverDateOf(view);
      const seen =
        observed.kind === 'progress' && answeredAt !== undefined
          ? { ...observed, observedAt: answeredAt }
          : observed;
      if (seen.kind !== 'rolled-back' || seen.alarm !== undefined) return seen;
      const alarm = await firingAlarm(clients, rollout.rollback.alarms, signal);
      return alarm === undefined ? seen : { ...seen, alarm };
    },
  };
}
