import { alarmCount } from './alarm-count.js';
import { alarmDuplicate } from './alarm-duplicate.js';
import { alarmName } from './alarm-name.js';
import {
  analysisExpression,
  analysisLag,
  analysisMetric,
  analysisName,
  analysisPeriod,
  analysisThreshold,
} from './analysis.js';
import { bakeRange } from './bake-range.js';
import { canarySize } from './canary-size.js';
import { capacityRange } from './capacity-range.js';
import { linearStep } from './linear-step.js';
import { noAlarms } from './no-alarms.js';
import { resourceNames } from './resource-name.js';
import { rollbackBatch } from './rollback-batch.js';
import { rollingBatch } from './rolling-batch.js';
import { rounding } from './rounding.js';
import type { Rule } from './rule.js';
import { stepsGate, stepsOrder, stepsWait } from './run-steps.js';
import { terminationWait } from './termination-wait.js';
import { timeoutBudget } from './timeout-budget.js';
import { timeoutRange } from './timeout-range.js';
import { vertexOutage } from './vertex-outage.js';
import { vertexPrevious } from './vertex-previous.js';
import { vertexSurge } from './vertex-surge.js';

/**
 * Every semantic rule of docs/rules.md, run on a typed rollout. Structural rules (unknown keys, types,
 * misplaced fields, provider fit) run while the file is read: see core/src/parse/.
 */
export const rules: readonly Rule[] = [
  capacityRange,
  canarySize,
  linearStep,
  rollingBatch,
  rollbackBatch,
  bakeRange,
  terminationWait,
  timeoutRange,
  timeoutBudget,
  alarmCount,
  alarmName,
  alarmDuplicate,
  noAlarms,
  ...resourceNames,
  rounding,
  vertexSurge,
  vertexOutage,
  vertexPrevious,
  stepsOrder,
  stepsGate,
  stepsWait,
  analysisMetric,
  analysisExpression,
  analysisName,
  analysisThreshold,
  analysisPeriod,
  analysisLag,
];
