import { report } from '../diagnostics/report.js';
import { valueAt } from './helpers.js';
import type { Rule } from './rule.js';

/**
 * A Vertex AI canary on an endpoint the file says serves several models (`otherDeployedModels`) must say which one
 * it replaces: with two or more deployed, "the one model on the endpoint" is no answer. Also, the replaced model is
 * not one of the others.
 *
 *   otherDeployedModels: ['7'], no previousDeployedModel → error on otherDeployedModels
 */
export const vertexPrevious: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider !== 'vertex-ai' || rollout.strategy.type !== 'steps') return [];
  const others = rollout.otherDeployedModels ?? [];
  const range = valueAt(context, 'otherDeployedModels');
  if (others.length === 0 || range === undefined) return [];
  if (rollout.previousDeployedModel === undefined)
    return [
      report(
        'vertex-previous',
        `the endpoint serves ${others.length + 1} or more models (otherDeployedModels names ${others.length}), so the one this canary replaces must be named: add previousDeployedModel with its DeployedModel ID`,
        range,
      ),
    ];
  const index = others.indexOf(rollout.previousDeployedModel);
  if (index < 0) return [];
  const item = valueAt(context, `otherDeployedModels.${index}`) ?? range;
  return [
    report(
      'vertex-previous',
      `DeployedModel ${rollout.previousDeployedModel} is the one replaced (previousDeployedModel), so it cannot also keep its share: remove it from otherDeployedModels`,
      item,
    ),
  ];
};
