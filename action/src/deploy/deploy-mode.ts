import * as actions from '@actions/core';
import { lineIndex, plan, planToJson, validateRollout } from '@shiftwise/core';
import { deploy, providerFor, realClock, type StepsMode } from '@shiftwise/core/engine';
import { annotate } from '../annotations.js';
import { pathMatcher } from '../glob.js';
import type { Inputs } from '../inputs.js';
import { readWorkspaceFile, workspacePaths, workspaceRoot } from '../workspace.js';
import { clockFor } from './clock.js';
import { pausedWords } from './paused.js';
import { progressLogger } from './progress.js';
import { renderDeploySummary } from './summary.js';
import { actionWays } from './ways-on.js';

/**
 * Deploy mode (docs/action.md): the one rollout file `files` matches is validated (errors stop here), then the
 * engine runs it to its true outcome (validating it again with the capacity preflight finds) with grouped logs and progress lines. Sets `outcome`, `plan` and
 * `duration-seconds`, writes the job summary, and fails the step on anything but `succeeded` or `paused` (a
 * Shiftwise-run rollout waiting at a manual gate for the promote job). Promote and abort modes run the same way
 * with the engine told to pass the gate or to roll back. Cloud credentials
 * come from the environment, as the configure-credentials actions leave them.
 */
export const deployMode = (inputs: Inputs) => runMode(inputs, 'deploy');

/** Promote mode: passes the manual gate a Shiftwise-run rollout waits at and runs it on (docs/action.md). */
export const promoteMode = (inputs: Inputs) => runMode(inputs, 'promote');

/** Abort mode: rolls a Shiftwise-run rollout back from wherever it stands. */
export const abortMode = (inputs: Inputs) => runMode(inputs, 'abort');

/**
 * Anything that stops a mode before it has an outcome (no file matches, a bad SHIFTWISE_CLOCK_SPEED) still sets
 * `outcome: failed`, so a later step that reads it is not left with nothing; run() fails the step with the message.
 */
async function runMode(inputs: Inputs, mode: StepsMode): Promise<void> {
  try {
    await runOnce(inputs, mode);
  } catch (error) {
    actions.setOutput('outcome', 'failed');
    throw error;
  }
}

async function runOnce(inputs: Inputs, mode: StepsMode): Promise<void> {
  const root = workspaceRoot();
  const path = await theOneFile(root, inputs.files, mode);
  const file = await readWorkspaceFile(root, path);
  if (file.kind === 'refused') {
    actions.error(`${path} was not read: ${file.reason}. Commit the rollout file itself. [not-a-file]`, {
      title: 'Shiftwise not-a-file',
      file: path,
    });
    actions.setOutput('outcome', 'failed');
    actions.setFailed(`${path} was not read: ${file.reason}; nothing was deployed`);
    return;
  }
  if (file.kind === 'absent')
    throw new Error(`cannot read ${path} in the checkout: is there an actions/checkout step?`);
  const text = file.text;
  const validation = validateRollout(text, { fileName: path, notUtf8: file.notUtf8 });
  annotate({ path, diagnostics: validation.diagnostics, lines: lineIndex(text) });
  const errors = validation.diagnostics.filter((d) => d.severity === 'error').length;
  if (validation.value === undefined || errors > 0) {
    actions.setOutput('outcome', 'failed');
    actions.setFailed(
      `${path} has ${errors} ${errors === 1 ? 'error' : 'errors'} (see the annotations): nothing was deployed`,
    );
    return;
  }
  const rollout = validation.value;
  if (mode !== 'deploy' && rollout.strategy.type !== 'steps') {
    actions.setOutput('outcome', 'failed');
    actions.setFailed(
      `mode: ${mode} acts on a rollout Shiftwise runs itself (strategy type: steps); ${path} is ${rollout.provider} ${rollout.strategy.type}, which the provider runs: use mode: deploy`,
    );
    return;
  }
  const clock = clockFor(process.env);
  const cancel = new AbortController();
  const onSignal = () => cancel.abort(new Error('the workflow run was cancelled'));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  // A dry run against a sandbox at --speed X runs on a scaled clock: its heartbeat names no wall-clock time.
  const log = progressLogger(clock.now, { cancelled: cancel.signal, path, wallClock: clock === realClock });
  let stage: Stage = 'preflight';
  let attached = false;
  let underWay: boolean | undefined;
  const report = await deploy(rollout, providerFor(rollout, { env: process.env, mode }), {
    clock,
    signal: cancel.signal,
    onEvent: (event) => {
      if (event.type === 'planned') stage = 'starting';
      if (event.type === 'started' || event.type === 'attached') stage = 'running';
      if (event.type === 'attached') {
        attached = true;
        // A Shiftwise-run rollout says whether a step was under way; a provider's update always is.
        underWay = event.resumed === undefined || event.resumed.stepUnderWay !== undefined;
      }
      log(event);
    },
    text,
  }).catch((error: unknown) => {
    if (!cancel.signal.aborted) throw error;
    return undefined;
  });
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  // Aborted mid-sleep the engine throws; mid-request it may report a failure that is only our own abort.
  if (report === undefined || cancel.signal.aborted) {
    cancelled(path, rollout.name, mode, stage);
    return;
  }
  // Errors at the capacity preflight found refused the rollout: annotated on the file like the first check's.
  if (report.diagnostics) annotate({ path, diagnostics: report.diagnostics, lines: lineIndex(text) });
  const planned = report.plan ?? plan(rollout);
  actions.setOutput('outcome', report.outcome);
  actions.setOutput('plan', JSON.stringify(planToJson(planned)));
  actions.setOutput('duration-seconds', String(report.durationSeconds));
  if (process.env.GITHUB_STEP_SUMMARY)
    await actions.summary
      .addRaw(
        renderDeploySummary(path, planned, report, {
          mode,
          attached,
          ...(underWay !== undefined && { underWay }),
        }),
      )
      .write();
  // A rollout paused at a manual gate is waiting for its promote job, not failing; the engine's reason names the
  // CLI's commands, so the notice says the action's way on, as the failure does (`ways-on.ts`).
  if (report.outcome === 'paused')
    actions.notice(`${rollout.name} ${pausedWords(path, planned, report)}`, { title: 'Shiftwise paused' });
  else if (report.outcome !== 'succeeded')
    actions.setFailed(`${rollout.name} ${report.outcome}: ${actionWays(report.reason, path)}`);
}

/** How far the engine got: preflight only reads; the start request goes out after the plan; then it runs. */
type Stage = 'preflight' | 'starting' | 'running';

/**
 * The runner's SIGINT/SIGTERM of a cancelled workflow run: what became of the rollout, and how to pick it up. During
 * preflight nothing was sent; once the start request may have gone out, the update may run, and once it runs it
 * goes on at the provider, where `deploy` (or `abort` again, for an abort) attaches to it.
 */
function cancelled(path: string, name: string, mode: StepsMode, stage: Stage): void {
  const again = `Run mode: ${mode === 'abort' ? 'abort' : 'deploy'} again to attach to it`;
  const words: Record<Stage, [warning: string, failure: string]> = {
    preflight: [
      `Cancelled before any update of ${path} was sent: nothing changed.`,
      'cancelled before any update was sent',
    ],
    starting: [
      `Cancelled while the update of ${path} was being started: it may be running in the cloud. ${again} if it is.`,
      'cancelled while the update was being started; it was not watched',
    ],
    running: [
      `Cancelled while watching ${path}: the ${mode === 'abort' ? 'rollback' : 'update'} itself goes on in the cloud. ${again}.`,
      'cancelled while the update was in flight; it was not watched to its end',
    ],
  };
  const [warning, failure] = words[stage];
  actions.warning(warning);
  actions.setOutput('outcome', 'failed');
  actions.setFailed(`${name}: ${failure}`);
}

/** The single rollout file deploy, promote or abort mode acts on; anything else is an error that lists what matched. */
async function theOneFile(root: string, files: string, mode: StepsMode): Promise<string> {
  const paths = await workspacePaths(root, pathMatcher(files));
  if (paths.length === 1) return paths[0] as string;
  if (paths.length === 0)
    throw new Error(`${mode} mode: no rollout file in the checkout matches files: '${files}'`);
  throw new Error(
    `${mode} mode acts on one rollout file, but files: '${files}' matches ${paths.length}: ${paths.slice(0, 10).join(', ')}` +
      `${paths.length > 10 ? ', …' : ''}. Set files to the one to ${mode}.`,
  );
}
