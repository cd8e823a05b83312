import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeInferenceComponentCommand,
  type DescribeInferenceComponentCommandOutput,
  DescribeModelCommand,
  UpdateInferenceComponentCommand,
} from '@aws-sdk/client-sagemaker';
import type { SageMakerRollout } from '../../model.js';
import { componentRequest } from '../../plan/component-request.js';
import type { ComponentSpecification, CurrentComponent } from '../../plan/sagemaker-api.js';
import type { Plan } from '../../plan/types.js';
import type { Observation, Preflight, Provider } from '../provider.js';
import { checkAlarms, firingAlarm, orMissing, regionOf } from './checks.js';
import type { SageMakerClients } from './clients.js';
import type { UpdateHistory } from './observe.js';
import { type ComponentTarget, observeComponent } from './observe-component.js';
import { deploymentConfigDifferences, notOurUpdate } from './same-update.js';

type Described = DescribeInferenceComponentCommandOutput;

/**
 * The live Specification as UpdateInferenceComponent takes it: the summary's `Container.DeployedImage.SpecifiedImage`
 * becomes `Container.Image` (the image as the owner named it, not the digest it resolved to); the artifact,
 * environment, startup parameters, compute resource requirements and base component are carried as they are.
 */
export function specificationOf(summary: Described['Specification']): ComponentSpecification {
  const container = summary?.Container;
  const image = container?.DeployedImage?.SpecifiedImage;
  return {
    ...(summary?.ModelName !== undefined && { ModelName: summary.ModelName }),
    ...(container && {
      Container: {
        ...(image !== undefined && { Image: image }),
        ...(container.ArtifactUrl !== undefined && { ArtifactUrl: container.ArtifactUrl }),
        ...(container.Environment !== undefined && { Environment: container.Environment }),
      },
    }),
    ...(summary?.StartupParameters && { StartupParameters: summary.StartupParameters }),
    ...(summary?.ComputeResourceRequirements && {
      ComputeResourceRequirements: summary.ComputeResourceRequirements,
    }),
    ...(summary?.BaseInferenceComponentName !== undefined && {
      BaseInferenceComponentName: summary.BaseInferenceComponentName,
    }),
  };
}

/**
 * The room check's words, from the `ManagedInstanceScaling` of the component's variant (the endpoint config's):
 *
 *   { Status: 'ENABLED', MaxInstanceCount: 4 } → "managed instance scaling is enabled on llm-prod (up to 4 …"
 *   absent or DISABLED                         → "room on llm-prod for one batch of extra copies is not verified …"
 */
export function roomWords(
  endpoint: string,
  scaling: { readonly Status?: string; readonly MaxInstanceCount?: number } | undefined,
): string {
  return scaling?.Status === 'ENABLED'
    ? `managed instance scaling is enabled on ${endpoint} (up to ${scaling.MaxInstanceCount ?? '?'} instances): SageMaker adds instances for the extra copies of a batch`
    : `room on ${endpoint} for one batch of extra copies is not verified (managed instance scaling is not enabled): the endpoint needs free accelerators and memory for them`;
}

const copiesOf = (component: Described) => component.RuntimeConfig?.DesiredCopyCount ?? 0;

/**
 * A SageMaker inference component behind the Provider interface (docs/engine.md, "Inference components"):
 * preflight checks the endpoint, the component (InService, on that endpoint), the model, the alarms and says what
 * is known of room on the endpoint; it reports the copies and the live Specification the planner builds the
 * UpdateInferenceComponent from. start sends that request as planned; observe reads DescribeInferenceComponent.
 */
export function inferenceComponentProvider(rollout: SageMakerRollout, clients: SageMakerClients): Provider {
  if (rollout.target.kind !== 'inferenceComponent')
    throw new Error(
      `inferenceComponentProvider needs an inference-component file, not a ${rollout.target.kind}`,
    );
  const { name, model } = rollout.target;
  const endpoint = rollout.endpoint;
  // The copies the component ends with: the file's `copies`, else the count preflight (or an attach) found.
  let copies = rollout.capacity;
  let updateSeen = false;
  /** When the component was created and our update started, in the service's clock (see `observeComponent`). */
  let history: UpdateHistory = {};
  const remember = (component: Described) => {
    if (history.endpointCreatedAt === undefined && component.CreationTime)
      history = { ...history, endpointCreatedAt: component.CreationTime };
    const ours =
      component.InferenceComponentStatus === 'Updating' && component.Specification?.ModelName === model;
    if (history.updateStartedAt === undefined && ours && component.LastModifiedTime)
      history = { ...history, updateStartedAt: component.LastModifiedTime };
  };

  const describe = (signal?: AbortSignal): Promise<Described> =>
    clients.sagemaker.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }), {
      abortSignal: signal,
    });

  /**
   * The component's own state: nothing to do, attach (the update is then seen, and its copies are the target's),
   * refuse, or go on (undefined).
   */
  function settled(component: Described): Preflight | undefined {
    const status = component.InferenceComponentStatus;
    const serving = component.Specification?.ModelName;
    if (status === 'Updating') {
      if (serving !== model)
        return {
          kind: 'refused',
          reason: `inference component ${name} is Updating to model ${serving}, not ${model}: wait for that update to end`,
        };
      // The same model is not enough: the file may have changed since that update started. It is ours only with
      // the deployment config (and copies) this file's UpdateInferenceComponent sends.
      const request = componentRequest(rollout, { name, model }).input;
      const differences = [
        ...deploymentConfigDifferences(request.DeploymentConfig, component.LastDeploymentConfig),
        ...(request.RuntimeConfig && request.RuntimeConfig.CopyCount !== copiesOf(component)
          ? [`copies: ${copiesOf(component)} running, ${request.RuntimeConfig.CopyCount} in this file`]
          : []),
      ];
      if (differences.length > 0)
        return {
          kind: 'refused',
          reason: notOurUpdate(`an update of inference component ${name} to model ${model}`, differences),
        };
      updateSeen = true;
      copies ??= copiesOf(component);
      return {
        kind: 'in-flight',
        detail: `an update of inference component ${name} to model ${model} is already running: watching it`,
        capacity: copiesOf(component),
      };
    }
    if (status !== 'InService')
      return {
        kind: 'refused',
        reason: `inference component ${name} is ${status}, not InService: wait for it to settle${component.FailureReason ? ` (${component.FailureReason})` : ''}`,
      };
    if (serving === model && (copies === undefined || copiesOf(component) === copies))
      return {
        kind: 'already-done',
        detail: `inference component ${name} already serves model ${model} with ${copiesOf(component)} copies: nothing to do`,
      };
    return undefined;
  }

  return {
    name: 'SageMaker',

    async preflight(signal): Promise<Preflight> {
      const where = await regionOf(clients);
      if ('refused' in where) return { kind: 'refused', reason: where.refused };
      const { region } = where;
      const view = await orMissing(
        clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }), {
          abortSignal: signal,
        }),
      );
      if (!view)
        return {
          kind: 'refused',
          reason: `endpoint ${endpoint} not found in region ${region}: check \`endpoint\` and \`region\` (or AWS_REGION)`,
        };
      const component = await orMissing(describe(signal));
      if (component) remember(component);
      if (!component)
        return {
          kind: 'refused',
          reason: `inference component ${name} not found in region ${region}: check \`inferenceComponent\`, or create it (CreateInferenceComponent) on endpoint ${endpoint}`,
        };
      if (component.EndpointName !== endpoint)
        return {
          kind: 'refused',
          reason: `inference component ${name} runs on endpoint ${component.EndpointName}, not ${endpoint}: fix \`endpoint\` or \`inferenceComponent\``,
        };
      // Our own update in flight is attached to whatever the endpoint's state (instances being added, say).
      const state = settled(component);
      if (state) return state;
      if (view.EndpointStatus !== 'InService')
        return {
          kind: 'refused',
          reason: `endpoint ${endpoint} is ${view.EndpointStatus}, not InService: wait for it to settle`,
        };
      const checks = [
        `endpoint ${endpoint} InService`,
        `inference component ${name} InService on ${endpoint}, model ${component.Specification?.ModelName}, ${copiesOf(component)} copies`,
      ];

      const found = await orMissing(
        clients.sagemaker.send(new DescribeModelCommand({ ModelName: model }), { abortSignal: signal }),
      );
      if (!found)
        return { kind: 'refused', reason: `model ${model} not found: create it first (CreateModel)` };
      checks.push(`model ${model} exists`);

      const alarms = await checkAlarms(clients, rollout.rollback.alarms, region, signal);
      if ('refused' in alarms) return { kind: 'refused', reason: alarms.refused };
      if (alarms.check) checks.push(alarms.check);
      checks.push(await roomCheck(view.EndpointConfigName, component.VariantName, signal));

      const current: CurrentComponent = {
        specification: specificationOf(component.Specification),
        copies: copiesOf(component),
      };
      copies ??= current.copies;
      return {
        kind: 'ready',
        capacity: copies,
        checks,
        found: { provider: 'sagemaker', currentComponent: current },
      };
    },

    async start(plan: Plan, signal) {
      if (plan.request.operation !== 'UpdateInferenceComponent')
        throw new Error(`a ${plan.request.operation} plan cannot be sent as an inference component update`);
      await clients.sagemaker.send(new UpdateInferenceComponentCommand(plan.request.input), {
        abortSignal: signal,
      });
      updateSeen = true;
    },

    async observe(signal): Promise<Observation> {
      const view = await orMissing(describe(signal));
      if (view === undefined)
        return {
          kind: 'failed',
          reason: `inference component ${name} no longer exists (DescribeInferenceComponent finds no such component): it was deleted, or the service reset, while the update ran; nothing rolled back that Shiftwise saw`,
        };
      remember(view);
      if (view.InferenceComponentStatus === 'Updating') updateSeen = true;
      const target: ComponentTarget = { model, ...(copies !== undefined && { copies }) };
      const seen = observeComponent(view, target, updateSeen, history);
      if (seen.kind !== 'rolled-back' || seen.alarm !== undefined) return seen;
      const alarm = await firingAlarm(clients, rollout.rollback.alarms, signal);
      return alarm === undefined ? seen : { ...seen, alarm };
    },
  };

  /**
   * What is known of room for one batch of extra copies: with managed instance scaling on the component's
   * variant, SageMaker adds instances as needed; without it, Shiftwise does not verify room (copies need
   * accelerators and memory that only the service accounts for).
   */
  async function roomCheck(
    configName: string | undefined,
    variant: string | undefined,
    signal?: AbortSignal,
  ): Promise<string> {
    const config = await orMissing(
      clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }), {
        abortSignal: signal,
      }),
    );
    const variants = config?.ProductionVariants ?? [];
    const chosen = variants.find((v) => v.VariantName === variant) ?? variants[0];
    return roomWords(endpoint, chosen?.ManagedInstanceScaling);
  }
}
