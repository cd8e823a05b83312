import { readFileSync } from 'node:fs';
import { type FileReport, fileReport, validateRollout } from '../../src/index.js';

/** The SageMaker canary example (canary 25% of 4, bake 10 min, two alarms). */
export const canary = readFileSync(
  new URL('../../../examples/sagemaker-canary.rollout.yaml', import.meta.url),
  'utf8',
);

/** A file pair as the action and `shiftwise plan --base` check it: both texts validated under the head's path. */
export function reportOf(path: string, head: string, base: string | undefined): FileReport {
  return fileReport({
    path,
    text: head,
    head: validateRollout(head, { fileName: path }),
    base: base === undefined ? undefined : validateRollout(base, { fileName: path }).value,
  });
}
