import { report } from '../diagnostics/report.js';
import { maxOtherDeployedModels } from '../fields/table.js';
import { valueAt } from './helpers.js';
import { readableEntries } from './holes.js';
import type { Rule } from './rule.js';

/**
 * A Vertex AI canary on an endpoint the file says serves several models (`otherDeployedModels`) must say which one
 * it replaces: with two or more deployed, "the one model on the endpoint" is no answer. Also, the replaced model is
 * not one of the others, and the others are at most 10.
 *
 *   otherDeployedModels: ['7'], no previousDeployedModel → error on otherDeployedModels
 *
 * An ID that did not read (`[7, '8']`: 7 is a number) is one model more, whatever it names, but it names none the
 * rule could compare, and it may be a slip the fix removes: the rule counts the IDs that read (too many already, or
 * at least one), as alarm-count does.
 */
export const vertexPrevious: Rule = (context) => {
  const { rollout } = context;
  if (rollout.provider !== 'vertex-ai' || rollout.strategy.type !== 'steps') return [];
  const entries = readableEntries(rollout.otherDeployedModels ?? []);
  const others = entries.filter((id) => id !== undefined);
  // Where the IDs that read stand in the list.
  const named = entries.flatMap((id, i) => (id === undefined ? [] : [i]));
  const range = valueAt(context, 'otherDeployedModels');
  if (others.length === 0 || range === undefined) return [];
  const thatRead = entries.length > others.length ? ' that read' : '';
  if (others.length > maxOtherDeployedModels) {
    const first = valueAt(context, `otherDeployedModels.${named[maxOtherDeployedModels]}`);
    const last = valueAt(context, `otherDeployedModels.${entries.length - 1}`);
    return [
      report(
        'vertex-previous',
        `otherDeployedModels names ${others.length} DeployedModels${thatRead}; a file names at most ${maxOtherDeployedModels} beside the one it replaces: undeploy the ones that serve no traffic first, or drop the ones after the ${maxOtherDeployedModels}th`,
        first && last ? { start: first.start, end: last.end } : range,
      ),
    ];
  }
  if (rollout.previousDeployedModel === undefined)
    return [
      report(
        'vertex-previous',
        `the endpoint serves ${others.length + 1} or more models (otherDeployedModels names ${others.length}${thatRead}), so the one this canary replaces must be named: add previousDeployedModel with its DeployedModel ID`,
        range,
      ),
    ];
  const index = entries.indexOf(rollout.previousDeployedModel);
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
