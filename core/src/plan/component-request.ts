import type { SageMakerRollout, Size } from '../model.js';
import type { UpdateInferenceComponentRequest } from './request-types.js';
import type { ComponentCapacitySize, ComponentSpecification, CurrentComponent } from './sagemaker-api.js';

/** An inference component's batch: a count of copies (`COPY_COUNT`) or a percent of them. */
function copiesSize(size: Size): ComponentCapacitySize {
  return size.kind === 'count'
    ? { Type: 'COPY_COUNT', Value: size.count }
    : { Type: 'CAPACITY_PERCENT', Value: size.percent };
}

/**
 * The `UpdateInferenceComponent` request of an inference-component rollout: the new Specification (the live
 * component's, with `model` in it, once preflight has read it; `ModelName` alone before), the copy count when the
 * file gives `copies`, and a rolling policy with the alarms.
 *
 *   chat-ic, model chat-model-v8, copies 8, batch 25%, bake 5m, timeout 2h, alarm chat-5xx, rollback 100% →
 *     { InferenceComponentName: 'chat-ic', Specification: { ModelName: 'chat-model-v8' },
 *       RuntimeConfig: { CopyCount: 8 },
 *       DeploymentConfig: {
 *         RollingUpdatePolicy: { MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 25 },
 *           WaitIntervalInSeconds: 300, MaximumExecutionTimeoutInSeconds: 7200,
 *           RollbackMaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 100 } },
 *         AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'chat-5xx' }] } } }
 *
 * A strategy other than rolling is a rule error (`component-strategy`); its plan still gets a one-batch policy so
 * that planning stays total.
 */
export function componentRequest(
  rollout: SageMakerRollout,
  component: { readonly name: string; readonly model: string },
  current?: CurrentComponent,
): UpdateInferenceComponentRequest {
  const strategy = rollout.strategy;
  const rolling =
    strategy.type === 'rolling'
      ? { batch: copiesSize(strategy.batch), bake: strategy.bakeSeconds }
      : { batch: { Type: 'CAPACITY_PERCENT' as const, Value: 100 }, bake: 0 };
  const alarms = rollout.rollback.alarms;
  return {
    provider: 'sagemaker',
    operation: 'UpdateInferenceComponent',
    input: {
      InferenceComponentName: component.name,
      Specification: { ...carried(current?.specification), ModelName: component.model },
      ...(rollout.capacity !== undefined && { RuntimeConfig: { CopyCount: rollout.capacity } }),
      DeploymentConfig: {
        RollingUpdatePolicy: {
          MaximumBatchSize: rolling.batch,
          WaitIntervalInSeconds: rolling.bake,
          ...(rollout.timeoutSeconds !== undefined && {
            MaximumExecutionTimeoutInSeconds: rollout.timeoutSeconds,
          }),
          ...(rollout.rollback.batch && { RollbackMaximumBatchSize: copiesSize(rollout.rollback.batch) }),
        },
        ...(alarms.length > 0 && {
          AutoRollbackConfiguration: { Alarms: alarms.map((AlarmName) => ({ AlarmName })) },
        }),
      },
    },
  };
}

/** What the update carries over from the live Specification: everything but the model, which the file names. */
function carried(
  specification: ComponentSpecification | undefined,
): Omit<ComponentSpecification, 'ModelName'> {
  if (specification === undefined) return {};
  const { ModelName: _model, ...rest } = specification;
  return rest;
}

/** The Specification fields an update copies from the live component, for the plan's words. */
export function carriedFields(specification: ComponentSpecification | undefined): string[] {
  const rest = carried(specification);
  return Object.keys(rest).filter((k) => rest[k as keyof typeof rest] !== undefined);
}
