import type { AlarmState } from './cloudwatch/alarms.js';
import { putAlarm } from './cloudwatch/operations.js';
import type { ControlDeps } from './control.js';
import { validation } from './errors.js';
import { arn } from './sagemaker/state.js';
import { routesOf } from './sagemaker/traffic.js';

export interface SeedEndpointConfig {
  /** EndpointConfigName. */
  name: string;
  /** Instances of the single variant (default 1), ignored when `variants` is given. */
  instances?: number;
  /** Model of the single variant; created when missing. Default `<name>-model`. */
  model?: string;
  /** Default `AllTraffic`. */
  variantName?: string;
  /** Default `ml.m5.large`. */
  instanceType?: string;
  variants?: {
    VariantName: string;
    ModelName: string;
    InitialInstanceCount: number;
    InstanceType?: string;
    /** Default 1. */
    InitialVariantWeight?: number;
  }[];
}

export interface SeedEndpoint {
  /** EndpointName. */
  name: string;
  /** Its EndpointConfigName; created (as by `seedEndpointConfig`) when missing. */
  config: string;
  instances?: number;
  /** Of the created config; default ml.m5.large. */
  instanceType?: string;
  /** Of the created config's single variant; default `<config>-model` (created when missing). */
  model?: string;
  /** Of the created config's single variant; default `AllTraffic`. */
  variantName?: string;
  /** Tags of the endpoint (what ListTags answers). */
  tags?: Record<string, string>;
  /** Stored as the endpoint's LastDeploymentConfig (what RetainDeploymentConfig reuses). */
  deploymentConfig?: Record<string, unknown>;
}

export interface SeedInferenceComponent {
  /** InferenceComponentName. */
  name: string;
  /** The EndpointName it runs on; the endpoint must exist (seed it first). */
  endpoint: string;
  /** Specification.ModelName; created when missing. */
  model: string;
  /** RuntimeConfig.CopyCount; default 1. */
  copies?: number;
  /** Default `AllTraffic`. */
  variantName?: string;
}

/**
 * Seeding for the control API: resources created directly in their final state (an endpoint already
 * InService, an alarm already OK), so a test or a demo starts where a rollout starts.
 */
export function seeders(deps: Pick<ControlDeps, 'clock' | 'sageMaker' | 'cloudWatch'>) {
  const { clock, sageMaker, cloudWatch } = deps;
  const seedModel = ({ name, image }: { name: string; image?: string }) => {
    const modelArn = arn(sageMaker, 'model', name);
    const input = {
      ModelName: name,
      PrimaryContainer: {
        Image: image ?? `123456789012.dkr.ecr.${sageMaker.region}.amazonaws.com/${name}:latest`,
      },
      ExecutionRoleArn: `arn:aws:iam::123456789012:role/sandbox-sagemaker`,
    };
    sageMaker.models.set(name, { name, arn: modelArn, createdAt: clock.now(), input });
    return { arn: modelArn };
  };
  const seedEndpointConfig = (input: SeedEndpointConfig) => {
    const configArn = arn(sageMaker, 'endpoint-config', input.name);
    const model = input.model ?? `${input.name}-model`;
    const variants = (
      input.variants ?? [
        {
          VariantName: input.variantName ?? 'AllTraffic',
          ModelName: model,
          InitialInstanceCount: input.instances ?? 1,
          InstanceType: input.instanceType ?? 'ml.m5.large',
        },
      ]
    ).map((v) => ({ InstanceType: 'ml.m5.large', InitialVariantWeight: 1, ...v }));
    for (const v of variants) if (!sageMaker.models.has(v.ModelName)) seedModel({ name: v.ModelName });
    const raw = { EndpointConfigName: input.name, ProductionVariants: variants };
    sageMaker.configs.set(input.name, {
      name: input.name,
      arn: configArn,
      createdAt: clock.now(),
      variants,
      input: raw,
    });
    return { arn: configArn };
  };
  return {
    seedModel,
    seedEndpointConfig,
    seedEndpoint(input: SeedEndpoint): { arn: string } {
      const { name, config, instances, instanceType, deploymentConfig, model, variantName, tags } = input;
      if (!sageMaker.configs.has(config))
        seedEndpointConfig({
          name: config,
          ...(instances ? { instances } : {}),
          ...(instanceType ? { instanceType } : {}),
          ...(model ? { model } : {}),
          ...(variantName ? { variantName } : {}),
        });
      const now = clock.now();
      const endpointArn = arn(sageMaker, 'endpoint', name);
      sageMaker.endpoints.set(name, {
        name,
        arn: endpointArn,
        createdAt: now,
        lastModifiedAt: now,
        configName: config,
        status: 'InService',
        ...(deploymentConfig ? { lastDeploymentConfig: deploymentConfig } : {}),
        history: [{ at: now, endpointStatus: 'InService' }],
        served: [{ at: now, routes: routesOf(sageMaker.configs.get(config)!.variants) }],
      });
      sageMaker.tags.set(endpointArn, new Map(Object.entries(tags ?? {})));
      return { arn: endpointArn };
    },
    seedInferenceComponent(input: SeedInferenceComponent): { arn: string } {
      const endpoint = sageMaker.endpoints.get(input.endpoint);
      if (!endpoint) throw validation(`No endpoint named ${input.endpoint}; seed it first.`);
      if (!sageMaker.models.has(input.model)) seedModel({ name: input.model });
      const now = clock.now();
      const componentArn = arn(sageMaker, 'inference-component', input.name);
      const specification = {
        ModelName: input.model,
        ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, MinMemoryRequiredInMb: 1024 },
      };
      sageMaker.components.set(input.name, {
        name: input.name,
        arn: componentArn,
        endpointName: endpoint.name,
        variantName: input.variantName ?? 'AllTraffic',
        createdAt: now,
        lastModifiedAt: now,
        status: 'InService',
        current: { name: input.model, specification, copies: input.copies ?? 1 },
      });
      return { arn: componentArn };
    },
    seedAlarm({ name, state }: { name: string; state?: AlarmState }): { arn: string } {
      const alarm = putAlarm(
        { state: cloudWatch, now: clock.now },
        {
          AlarmName: name,
          MetricName: 'Invocation5XXErrors',
          Namespace: 'AWS/SageMaker',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        },
        state ?? 'OK',
      );
      return { arn: alarm.arn };
    },
  };
}
