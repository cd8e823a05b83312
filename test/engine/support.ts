import { readFileSync } from 'node:fs';
import { type Rollout, validateRollout } from '@shiftwise/core';
import { type DeployOptions, type DeployReport, deploy, providerFor } from '@shiftwise/core/engine';
import { type Sandbox, type SandboxControl, seedRollout, startSandbox } from '@shiftwise/sandbox';

/** A rollout file of examples/, parsed; `edit` changes its text first. */
export function example(name: string, edit: (text: string) => string = (t) => t): Rollout {
  const text = edit(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  const { value, diagnostics } = validateRollout(text, { fileName: name });
  if (!value || diagnostics.some((d) => d.severity === 'error'))
    throw new Error(`${name}: ${diagnostics.map((d) => d.message).join('; ')}`);
  return value;
}

export interface Run {
  readonly report: DeployReport;
  readonly sandbox: Sandbox;
}

/**
 * Deploys `rollout` with the real SDK clients (configured from the sandbox's environment) against a fresh
 * sandbox on a virtual clock: `setup` seeds or breaks things first (default: what the file expects).
 */
export async function deployOnSandbox(
  rollout: Rollout,
  setup: (control: SandboxControl, rollout: Rollout) => void = (c, r) => void seedRollout(c, r),
  options: Omit<DeployOptions, 'clock'> = {},
): Promise<Run & { stop: () => Promise<void> }> {
  const sandbox = await startSandbox({ clock: 'virtual' });
  try {
    setup(sandbox.control, rollout);
    const report = await deploy(rollout, providerFor(rollout, { env: sandbox.env }), {
      ...options,
      clock: sandbox.clock,
    });
    return { report, sandbox, stop: () => sandbox.stop() };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/** A short Shiftwise-run rollout (no gate, so it runs to its end): 10% for 5 min, then 100% for 2 min. */
export const shortSteps = (text: string) =>
  text
    .replace(/ {4}- traffic: 5%\n {6}bake: 10m\n/, '')
    .replace(/ {4}- traffic: 25%\n {6}bake: 30m\n {4}- pause: manual\n/, '')
    .replace('- traffic: 50%\n      bake: 30m', '- traffic: 10%\n      bake: 5m')
    .replace('- traffic: 100%\n      bake: 10m', '- traffic: 100%\n      bake: 2m');

/** A short Vertex AI canary (no gate, so it runs to its end): 10%, 50%, 100%, 2 minutes each. */
export const shortVertexSteps = (text: string) =>
  text.replace('    - pause: manual\n', '').replace(/bake: 1[05]m/g, 'bake: 2m');
