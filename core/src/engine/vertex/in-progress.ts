import type { VertexRollout } from '../../model.js';
import type { ListedModel } from './client.js';

/**
 * Preflight's refusal when the endpoint shows a rollout or revert in progress that this file's deploy must not
 * cross: a rolling deployment replacing the file's model with another (Shiftwise's own revert after a watch timeout,
 * still running after an interrupt, or another process's rollout), or — when the endpoint does not say what
 * replaces what — the file's model deployed beside two or more others. `undefined` when neither shows.
 *
 *   [1 m@1, 7 m@2, 9 m@1 replacing 7], file m@2 → "… is replacing DeployedModel 7 (m@2, this file's model) with DeployedModel 9 (m@1) …"
 *   [7 m@2, 9 m@1 replacing 7], file m@2        → the same
 *   [1 m@1, 7 m@2 replacing 1], file m@2        → undefined (the file's own rollout, attached to)
 *   [1 a@1, 3 b@1, 7 m@2], file m@2             → "… m@2 is deployed beside 2 other models: a rollout or revert is probably in progress …"
 *   [1 a@1, 3 b@1], file m@2                    → undefined (the file names which to replace: previousDeployedModel)
 */
export function rolloutInProgress(
  models: readonly ListedModel[],
  rollout: VertexRollout,
): string | undefined {
  const ours = models.filter((m) => m.model === rollout.model);
  if (ours.length === 0) return undefined;
  const replacing = models.find(
    (m) => m.model !== rollout.model && ours.some((o) => o.id === m.rolloutOptions?.previousDeployedModel),
  );
  const wait = `Nothing was sent. Wait for it to end (\`gcloud ai endpoints describe ${rollout.endpoint} --region ${rollout.location} --project ${rollout.project}\` shows the deployed models and traffic split), then run shiftwise deploy FILE again if ${rollout.model} should still roll out`;
  if (replacing)
    return `a rolling deployment on endpoint ${rollout.endpoint} is replacing DeployedModel ${replacing.rolloutOptions?.previousDeployedModel} (${rollout.model}, this file's model) with DeployedModel ${replacing.id} (${replacing.model}): a revert (Shiftwise reverts past the watch timeout, and the revert runs on after an interrupt) or another rollout is in progress. ${wait}`;
  const others = models.length - ours.length;
  if (others < 2 || rollout.previousDeployedModel !== undefined) return undefined;
  return `on endpoint ${rollout.endpoint}, ${rollout.model} is deployed beside ${others} other models: a rollout or revert is probably in progress (while Shiftwise reverts past the watch timeout, the previous model is deployed twice). ${wait}; if nothing is in progress, name the DeployedModel to replace in \`previousDeployedModel\``;
}
