import type { Rule } from './rule.js';
import { timeoutBudget } from './timeout-budget.js';

/** Every semantic rule (DESIGN.md §3), run in this order on a typed rollout. */
export const rules: readonly Rule[] = [timeoutBudget];
