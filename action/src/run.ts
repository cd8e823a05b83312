import * as actions from '@actions/core';
import { deployMode } from './deploy/deploy-mode.js';
import { readInputs } from './inputs.js';
import { planMode } from './plan/plan-mode.js';

/**
 * The action: reads the inputs and runs one mode. Anything thrown (a bad input, an API failure) fails the step
 * once, with its message; findings in rollout files and deploy outcomes set the exit code inside the modes.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    if (inputs.mode === 'plan') await planMode(inputs);
    else await deployMode(inputs);
  } catch (error) {
    // The stack, in TypeScript lines through the bundle's source map, shows in a re-run with debug logging.
    if (error instanceof Error && error.stack) actions.debug(error.stack);
    actions.setFailed(error instanceof Error ? error.message : String(error));
  }
}
