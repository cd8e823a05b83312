import type { Rollout } from '../model.js';
import { tagValue } from './steps-request.js';
import { labelValue } from './vertex-labels.js';

/**
 * A rollout's name as the endpoint records it while Shiftwise runs its steps: in SageMaker's tag alphabet
 * (`tagValue`) or Vertex AI's label alphabet (`labelValue`). Each is the same written twice, so a recorded state's
 * `rollout` equals this for the file that started it, whatever characters its name holds; compare with this,
 * never with the name itself.
 *
 *   SageMaker 'fraud (v2)!' → 'fraud  v2  ';  Vertex AI 'Sentiment v7' → 'sentiment-v7'
 */
export function recordedName(rollout: Pick<Rollout, 'provider' | 'name'>): string {
  return rollout.provider === 'sagemaker' ? tagValue(rollout.name) : labelValue(rollout.name);
}
