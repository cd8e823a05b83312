import { validation } from '../errors.js';
import {
  type Json,
  nameRules,
  optionalString,
  requiredInteger,
  requiredObject,
  requiredString,
} from '../http/input.js';
import { endpointNamed, exists, notFound, type SageMakerContext } from './context.js';
import { seconds } from './describe.js';
import { listPage } from './listing.js';
import { type AlarmProbe, progressAt } from './progress.js';
import type { ComponentVersion, InferenceComponentRecord } from './records.js';
import { arn } from './state.js';
import type { Phase } from './timeline.js';

/**
 * SageMaker inference components: models hosted as copies on an endpoint's instances. Creation takes the
 * provisioning time; updates (update-inference-component.ts) roll copies in batches on the same clock as
 * endpoint updates, and every answer is computed from the clock.
 */

export const STATUSES = ['InService', 'Creating', 'Updating', 'Failed', 'Deleting'] as const;

export function componentNamed(ctx: SageMakerContext, name: string): InferenceComponentRecord {
  const component = ctx.state.components.get(name);
  if (!component) throw notFound('inference component', arn(ctx.state, 'inference-component', name));
  settleComponent(component, ctx.now(), ctx.alarms);
  return component;
}

/** A Specification's model must exist; returns what the component then runs. */
export function readVersion(ctx: SageMakerContext, specification: Json, copies: number): ComponentVersion {
  const model = requiredString(specification, 'ModelName', 'specification', nameRules);
  if (!ctx.state.models.has(model)) throw notFound('model', arn(ctx.state, 'model', model));
  return { name: model, specification, copies };
}

export function createInferenceComponent(ctx: SageMakerContext, input: Json): Json {
  const name = requiredString(input, 'InferenceComponentName', '', nameRules);
  const componentArn = arn(ctx.state, 'inference-component', name);
  const endpoint = endpointNamed(ctx, requiredString(input, 'EndpointName', '', nameRules));
  const variantName = optionalString(input, 'VariantName', '', nameRules) ?? 'AllTraffic';
  const runtime = requiredObject(input, 'RuntimeConfig');
  const copies = requiredInteger(runtime, 'CopyCount', 'runtimeConfig', { min: 0 });
  const version = readVersion(ctx, requiredObject(input, 'Specification'), copies);
  if (ctx.state.components.has(name)) throw exists('inference component', componentArn);
  if (endpoint.status !== 'InService')
    throw validation(
      `Endpoint "${endpoint.arn}" is not InService; inference components need a running endpoint.`,
    );
  const now = ctx.now();
  ctx.state.components.set(name, {
    name,
    arn: componentArn,
    endpointName: endpoint.name,
    variantName,
    createdAt: now,
    lastModifiedAt: now,
    status: 'Creating',
    current: version,
    readyAt: now + ctx.state.timings.provisionSeconds * 1000,
  });
  return { InferenceComponentArn: componentArn };
}

export function describeInferenceComponent(ctx: SageMakerContext, input: Json): Json {
  const component = componentNamed(ctx, requiredString(input, 'InferenceComponentName', '', nameRules));
  return describeComponent(ctx, component);
}

/**
 * DescribeInferenceComponent at `now` (the component already settled). While an update runs the status is
 * `Updating`, the Specification is the new one, and CurrentCopyCount counts the copies serving (old and new).
 */
export function describeComponent(ctx: SageMakerContext, component: InferenceComponentRecord): Json {
  const endpoint = ctx.state.endpoints.get(component.endpointName);
  const update = component.update;
  const phase = update ? progressAt(update, ctx.now(), ctx.alarms).current : undefined;
  const shown = update?.to ?? component.current;
  return {
    InferenceComponentName: component.name,
    InferenceComponentArn: component.arn,
    EndpointName: component.endpointName,
    EndpointArn: endpoint?.arn ?? arn(ctx.state, 'endpoint', component.endpointName),
    VariantName: component.variantName,
    ...(component.failureReason ? { FailureReason: component.failureReason } : {}),
    Specification: shown.specification,
    RuntimeConfig: {
      DesiredCopyCount: shown.copies,
      CurrentCopyCount: component.status === 'Creating' ? 0 : copiesRunning(phase, shown.copies),
    },
    CreationTime: seconds(component.createdAt),
    LastModifiedTime: seconds(component.lastModifiedAt),
    InferenceComponentStatus: update ? 'Updating' : component.status,
    ...(component.lastDeploymentConfig ? { LastDeploymentConfig: component.lastDeploymentConfig } : {}),
  };
}

/**
 * Copies running during an update: those carrying traffic, plus a batch's new copies while its old ones still run
 * (from their start until the old ones stop). 8 copies, batch 2, in batch 1's bake → 10.
 */
function copiesRunning(phase: Phase | undefined, copies: number): number {
  if (phase === undefined) return copies;
  const beside = phase.endpointStatus === 'Updating' ? (phase.launched ?? 0) : 0;
  return phase.greenActive + phase.blueActive + beside;
}

export function deleteInferenceComponent(ctx: SageMakerContext, input: Json): Json {
  const component = componentNamed(ctx, requiredString(input, 'InferenceComponentName', '', nameRules));
  ctx.state.components.delete(component.name);
  ctx.state.tags.delete(component.arn);
  return {};
}

export function listInferenceComponents(ctx: SageMakerContext, input: Json): Json {
  const endpointName = optionalString(input, 'EndpointNameEquals', '', nameRules);
  const variantName = optionalString(input, 'VariantNameEquals', '', nameRules);
  const rows = [...ctx.state.components.values()]
    .filter(
      (c) =>
        (endpointName === undefined || c.endpointName === endpointName) &&
        (variantName === undefined || c.variantName === variantName),
    )
    .map((c) => {
      settleComponent(c, ctx.now(), ctx.alarms);
      const d = describeComponent(ctx, c);
      return {
        InferenceComponentName: c.name,
        InferenceComponentArn: c.arn,
        EndpointName: c.endpointName,
        EndpointArn: d.EndpointArn as string,
        VariantName: c.variantName,
        InferenceComponentStatus: d.InferenceComponentStatus as string,
        CreationTime: d.CreationTime as number,
        LastModifiedTime: d.LastModifiedTime as number,
      };
    });
  const { page, next } = listPage(
    input,
    rows,
    (r) => ({ name: r.InferenceComponentName, status: r.InferenceComponentStatus, created: r.CreationTime }),
    STATUSES,
  );
  return { InferenceComponents: page, ...next };
}

/**
 * Brings a component up to `now`: a creation whose copies are up becomes InService; an update whose computed
 * end has passed leaves the component on the new version (succeeded) or the old one (rolled back, with the
 * reason), stamped with the simulated instant it ended.
 */
export function settleComponent(component: InferenceComponentRecord, now: number, alarms: AlarmProbe): void {
  if (component.status === 'Creating' && component.readyAt !== undefined && now >= component.readyAt) {
    component.status = 'InService';
    component.lastModifiedAt = component.readyAt;
    component.readyAt = undefined;
  }
  const update = component.update;
  if (!update) return;
  const outcome = progressAt(update, now, alarms).outcome;
  if (!outcome) return;
  component.update = undefined;
  component.lastModifiedAt = outcome.end;
  component.current = outcome.result === 'succeeded' ? update.to : update.from;
  component.failureReason = outcome.failureReason;
  component.status = 'InService';
}
