// The planner's public surface (DESIGN.md §4): schedules, provider requests, renderers and plan diffs.
export { effectivePercent, instancesFor, surgeReplicas, unavailableReplicas } from './size.js';
