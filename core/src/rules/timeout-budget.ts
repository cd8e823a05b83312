import type { Rule } from './rule.js';

/**
 * `timeout` must outlast every bake and the termination wait, with margin for provisioning (DESIGN.md §3).
 * Placeholder until the planner lands: the planner's totals decide this rule.
 */
export const timeoutBudget: Rule = () => [];
