import * as actions from '@actions/core';
import { type Inputs, readInputs } from './inputs.js';

/**
 * Each mode is loaded when it runs, so plan mode never loads the engine, the AWS SDK clients or what only deploy
 * mode needs: the bundle splits at these imports into one chunk per mode (ARCHITECTURE.md, "Invariants"). A new
 * mode is one row here and one value of the `mode` input.
 */
const modes: Record<Inputs['mode'], () => Promise<(inputs: Inputs) => Promise<void>>> = {
  plan: async () => (await import('./plan/plan-mode.js')).planMode,
  deploy: async () => (await import('./deploy/deploy-mode.js')).deployMode,
  promote: async () => (await import('./deploy/deploy-mode.js')).promoteMode,
  abort: async () => (await import('./deploy/deploy-mode.js')).abortMode,
};

/**
 * The action: reads the inputs and runs one mode. Anything thrown (a bad input, an API failure) fails the step
 * once, with its message; findings in rollout files and deploy outcomes set the exit code inside the modes.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const mode = await modes[inputs.mode]();
    await mode(inputs);
  } catch (error) {
    // The stack, in TypeScript lines through the bundle's source map, shows in a re-run with debug logging.
    if (error instanceof Error && error.stack) actions.debug(error.stack);
    actions.setFailed(error instanceof Error ? error.message : String(error));
  }
}
