import { DescribeEndpointCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import type { SageMakerRollout } from '../../model.js';
import { newVariantName, oldVariantName } from '../../plan/run-steps.js';
import { type StepsState, stateFromTags } from '../../plan/steps-request.js';
import { orMissing } from '../sagemaker/checks.js';
import { sageMakerClients } from '../sagemaker/clients.js';

/** What the endpoint of a Shiftwise-run rollout shows now (`shiftwise status`). */
export interface StepsStatus {
  readonly endpoint: string;
  /** Undefined when the endpoint does not exist. */
  readonly endpointStatus?: string;
  readonly config?: string;
  /** Each variant's name, model-free: weight now and instances now. */
  readonly variants: readonly {
    readonly name: string;
    readonly weight?: number;
    readonly instances?: number;
  }[];
  /** The share of traffic on the new variant, when the two variants are there. */
  readonly newPercent?: number;
  /** The rollout recorded in the endpoint's tags; undefined when none is. */
  readonly state?: StepsState;
}

/** Reads where a Shiftwise-run rollout stands, from the endpoint alone; sends nothing that changes it. */
export async function stepsStatus(
  rollout: SageMakerRollout,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StepsStatus> {
  const clients = sageMakerClients(rollout.region, env);
  try {
    const view = await orMissing(
      clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: rollout.endpoint })),
    );
    if (!view) return { endpoint: rollout.endpoint, variants: [] };
    const tags = view.EndpointArn
      ? ((
          await clients.sagemaker.send(
            new ListTagsCommand({ ResourceArn: view.EndpointArn, MaxResults: 100 }),
          )
        ).Tags ?? [])
      : [];
    const variants = (view.ProductionVariants ?? []).map((v) => ({
      name: v.VariantName ?? '',
      ...(v.CurrentWeight !== undefined && { weight: v.CurrentWeight }),
      ...(v.CurrentInstanceCount !== undefined && { instances: v.CurrentInstanceCount }),
    }));
    const weightOf = (name: string) => variants.find((v) => v.name === name)?.weight;
    const fresh = weightOf(newVariantName);
    const old = weightOf(oldVariantName);
    const state = stateFromTags(tags);
    return {
      endpoint: rollout.endpoint,
      ...(view.EndpointStatus && { endpointStatus: view.EndpointStatus }),
      ...(view.EndpointConfigName && { config: view.EndpointConfigName }),
      variants,
      ...(fresh !== undefined &&
        old !== undefined &&
        fresh + old > 0 && { newPercent: Math.round((fresh / (fresh + old)) * 1000) / 10 }),
      ...(state && { state }),
    };
  } finally {
    clients.sagemaker.destroy();
    clients.cloudwatch.destroy();
  }
}
