import { type DescribeEndpointCommandOutput, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import { stateFromTags } from '../../plan/steps-request.js';
import type { SageMakerClients } from './clients.js';

/**
 * Why an endpoint cannot take a SageMaker-run update while a Shiftwise-run rollout (`type: steps`) stands on it, in
 * words that name that rollout and the way out, from the `shiftwise:*` tags; undefined when none is recorded, or
 * when the tags cannot be read (the caller's own refusal then stands). Read only on a refusal's path, so the
 * preflight of a free endpoint makes no extra call.
 *
 *   rollout fraud-detector-steps at step 3, paused → "endpoint fraud-detector-prod is in the middle of rollout
 *   fraud-detector-steps, which Shiftwise runs (step 3, paused): finish it with shiftwise promote, or roll it back
 *   with shiftwise abort, on that rollout's own file, then deploy this one"
 */
export async function stepsRolloutOn(
  clients: SageMakerClients,
  view: DescribeEndpointCommandOutput,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (!view.EndpointArn) return undefined;
  try {
    const answer = await clients.sagemaker.send(
      new ListTagsCommand({ ResourceArn: view.EndpointArn, MaxResults: 100 }),
      { abortSignal: signal },
    );
    const state = stateFromTags(answer.Tags ?? []);
    return (
      state &&
      `endpoint ${view.EndpointName} is in the middle of rollout ${state.rollout}, which Shiftwise runs (step ${state.step}, ${state.state}): finish it with shiftwise promote, or roll it back with shiftwise abort, on that rollout's own file, then deploy this one`
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}
