import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  AddTagsCommand,
  CreateEndpointConfigCommand,
  DeleteTagsCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  type DescribeEndpointConfigCommandOutput,
  ListTagsCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { analysisQueries, resultId } from '../../plan/analysis-queries.js';
import { metricLagSeconds } from '../../plan/metric-lag.js';
import { recordedName } from '../../plan/recorded-name.js';
import type { ProviderRequest } from '../../plan/request-types.js';
import { bakesWatched, newVariantName, oldVariantName } from '../../plan/run-steps.js';
import type { CurrentEndpointConfig } from '../../plan/sagemaker-api.js';
import {
  clearStateTagsRequest,
  finalConfigName,
  finalConfigRequest,
  rollbackWeightsRequest,
  type StepsRollout,
  type StepsState,
  stateFromTags,
  stateTagsRequest,
  stepsConfigName,
  stepsDigest,
  switchConfigRequest,
  weightsRequest,
} from '../../plan/steps-request.js';
import type { Preflight, Provider } from '../provider.js';
import { checkAlarms, missingModel, orMissing, regionOf } from '../sagemaker/checks.js';
import { createConfigInput, type SageMakerClients, serverDateOf } from '../sagemaker/clients.js';
import { errorText, isTransient } from '../transient.js';
import { type Progress, type StepsBackend, type StepsLook, stepsDriver } from './driver.js';
import { resumedFrom } from './resumed.js';

/** What a process asks of a Shiftwise-run rollout: run it (to its end or a gate), pass the gate it waits at, or undo it. */
export type StepsMode = 'deploy' | 'promote' | 'abort';

/** One look at the endpoint: its answer, its tags' state, and the service's clock when it answered. */
interface Look extends StepsLook {
  readonly view: DescribeEndpointCommandOutput;
}

/** The two variants' live traffic shares (percent of the new one), current and desired. */
function sharesOf(view: DescribeEndpointCommandOutput): { current?: number; desired?: number } {
  const variants = view.ProductionVariants ?? [];
  const weight = (name: string, which: 'CurrentWeight' | 'DesiredWeight') =>
    variants.find((v) => v.VariantName === name)?.[which];
  const share = (which: 'CurrentWeight' | 'DesiredWeight') => {
    const fresh = weight(newVariantName, which);
    const old = weight(oldVariantName, which);
    if (fresh === undefined || old === undefined || fresh + old <= 0) return undefined;
    return Math.round((fresh / (fresh + old)) * 1000) / 10;
  };
  const current = share('CurrentWeight');
  const desired = share('DesiredWeight');
  return { ...(current !== undefined && { current }), ...(desired !== undefined && { desired }) };
}

const iso = (ms: number) => new Date(ms).toISOString();
const msOf = (text: string) => {
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : undefined;
};

/** The service's words as one sentence, ending with one period: "… ping health check." stays as it is. */
const sentence = (text: string | undefined) => {
  const words = text?.trim() || 'no reason given';
  return /[.!?]$/.test(words) ? words : `${words}.`;
};

/** "Cannot create already existing endpoint configuration …". */
const alreadyExists = (error: unknown) =>
  (error as { name?: string })?.name === 'ValidationException' &&
  /already exist/i.test((error as { message?: string }).message ?? '');

/**
 * An update refused because one already runs ("Cannot update in-progress endpoint"): another process watching the
 * same rollout took the same action a moment before (or a lost answer hid ours). The next look waits for that
 * update and reads where it left the endpoint, so the refusal is no failure.
 */
async function settledOrBusy(sent: Promise<unknown>): Promise<void> {
  try {
    await sent;
  } catch (error) {
    const name = (error as { name?: string })?.name;
    const message = (error as { message?: string })?.message ?? '';
    if (name !== 'ValidationException' || !/Cannot update in-progress endpoint/i.test(message)) throw error;
  }
}

const currentOf = (config: DescribeEndpointConfigCommandOutput): CurrentEndpointConfig => ({
  ProductionVariants: config.ProductionVariants ?? [],
  ...(config.DataCaptureConfig && { DataCaptureConfig: config.DataCaptureConfig }),
  ...(config.KmsKeyId && { KmsKeyId: config.KmsKeyId }),
});

/**
 * A rollout Shiftwise runs itself (docs/engine.md, "Shiftwise-run steps") behind the Provider interface. Where it
 * stands lives on the endpoint — its config, its variants' weights and the `shiftwise:*` tags — so every `observe`
 * reads them, takes the one next action they call for, and says what it did:
 *
 *   starting     the endpoint moves to the two-variant config             → step 1
 *   shifting k   weights of step k sent, until they hold                  → baking k
 *   baking k     bake (or timed pause): alarms, analysis, timeout checked → step k+1 once its last metrics
 *                                                                          settle, or rolling-back
 *   paused k     a manual gate: `deploy` reports paused; `promote` passes → step k+1
 *   finishing    the endpoint moves to the new model alone                → succeeded
 *   rolling-back all weight to the old variant, then the original config → rolled-back
 *
 * Any process can pick a rollout up where another left it; `abort` rolls back from wherever it stands.
 */
export function stepsProvider(
  rollout: StepsRollout,
  clients: SageMakerClients,
  options: { readonly mode?: StepsMode } = {},
): Provider {
  const mode = options.mode ?? 'deploy';
  const endpoint = rollout.endpoint;
  const steps = rollout.strategy.type === 'steps' ? rollout.strategy.steps : [];
  const checks = rollout.analysis ?? [];
  const capacity = rollout.capacity ?? 1;
  const digest = stepsDigest(rollout, checks);
  const twoVariants = stepsConfigName(rollout);
  const final = finalConfigName(rollout);
  let arn: string | undefined;
  /** A refused start's state is dealt with (removed, or its removal failed and the ending says so): not cleared again. */
  let refusalCleared = false;

  const describe = (signal?: AbortSignal) =>
    clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }), { abortSignal: signal });
  const describeConfig = (name: string, signal?: AbortSignal) =>
    orMissing(
      clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }), {
        abortSignal: signal,
      }),
    );

  async function look(signal?: AbortSignal): Promise<Look> {
    const view = await describe(signal);
    arn = view.EndpointArn ?? arn;
    const tags = arn
      ? ((
          await clients.sagemaker.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 100 }), {
            abortSignal: signal,
          })
        ).Tags ?? [])
      : [];
    const status = view.EndpointStatus;
    return {
      view,
      state: stateFromTags(tags),
      now: serverDateOf(view) ?? Date.now(),
      share: sharesOf(view),
      ...(status !== 'InService' && status !== 'Failed' && { busy: `endpoint ${status}` }),
      ...(status === 'Failed' && {
        broken: `endpoint ${endpoint} is Failed: ${view.FailureReason ?? 'no reason given'}`,
      }),
    };
  }

  /** Sends one planned request as the SDK's command. */
  async function send(request: ProviderRequest, signal?: AbortSignal): Promise<void> {
    const at = { abortSignal: signal };
    switch (request.operation) {
      case 'CreateEndpointConfig':
        try {
          await clients.sagemaker.send(new CreateEndpointConfigCommand(createConfigInput(request)), at);
        } catch (error) {
          // A retry after a lost answer finds the config it made.
          if (!alreadyExists(error)) throw error;
        }
        return;
      case 'UpdateEndpoint':
        await settledOrBusy(clients.sagemaker.send(new UpdateEndpointCommand(request.input), at));
        return;
      case 'UpdateEndpointWeightsAndCapacities':
        await settledOrBusy(
          clients.sagemaker.send(new UpdateEndpointWeightsAndCapacitiesCommand(request.input), at),
        );
        return;
      case 'AddTags':
        await clients.sagemaker.send(new AddTagsCommand(request.input), at);
        return;
      case 'DeleteTags':
        await clients.sagemaker.send(new DeleteTagsCommand(request.input), at);
        return;
      default:
        throw new Error(`a Shiftwise-run rollout sends no ${request.operation}`);
    }
  }

  const backend: StepsBackend<Look> = {
    look,
    record: (_look, state, signal) => send(stateTagsRequest(arn ?? '', state), signal),
    clear: (signal) => (refusalCleared ? Promise.resolve() : send(clearStateTagsRequest(arn ?? ''), signal)),
    shift: (_look, percent, signal) => send(weightsRequest(endpoint, percent, capacity), signal),

    // SageMaker rolled the update to the two-variant config back: the endpoint is where it was, with its reason.
    startFailed: (seen, state) =>
      seen.view.EndpointConfigName !== twoVariants && failedSince(seen, state)
        ? `adding the new variant failed: ${sentence(seen.view.FailureReason)} Endpoint ${endpoint} is on ${seen.view.EndpointConfigName}; no traffic reached ${rollout.target.name}`
        : undefined,

    // Past `startFailed` (the driver reads it first).
    async started(seen, state, signal) {
      const config = seen.view.EndpointConfigName;
      if (config === twoVariants) return { kind: 'done' };
      // The update to the two-variant config was lost before SageMaker took it, or SageMaker refused it and the
      // state outlived the refusal (its removal failed): send it again. Refused again on the original config, the
      // start never began: the state goes and the rollout fails in the start's words.
      try {
        await send(switchConfigRequest(rollout, twoVariants), signal);
      } catch (error) {
        if (isTransient(error) || config !== state.original) throw error;
        return refusedStart(error, signal);
      }
      return {
        kind: 'working',
        phase: 'provisioning',
        message: `adding ${rollout.target.name} as a second variant`,
      };
    },

    async finished(seen, state, signal) {
      const config = seen.view.EndpointConfigName;
      if (config === final) return { kind: 'done' };
      if (config !== twoVariants)
        return {
          kind: 'failed',
          reason: `endpoint ${endpoint} is on ${config} while Shiftwise was finishing on ${twoVariants}: someone else changed it`,
        };
      if (failedSince(seen, state))
        return failedHere(
          seen,
          state,
          `the update to ${final} failed: ${sentence(seen.view.FailureReason)} The endpoint still serves both variants (all traffic on the new one); run shiftwise deploy FILE again to retry, or shiftwise abort FILE to roll back`,
          signal,
        );
      const original = await describeConfig(state.original, signal);
      if (!original)
        return {
          kind: 'failed',
          reason: `the original config ${state.original} cannot be read: the final config is made from it`,
        };
      await send(finalConfigRequest(rollout, currentOf(original), capacity), signal);
      await send(switchConfigRequest(rollout, final), signal);
      return {
        kind: 'working',
        phase: 'provisioning',
        message: `provisioning ${capacity} ${capacity === 1 ? 'instance' : 'instances'} of ${rollout.target.name} alone`,
      };
    },

    // The final UpdateEndpoint not sent yet, or rolled back by SageMaker: the old variant still has its instances.
    oldModelStays: (seen) => seen.view.EndpointConfigName === twoVariants,

    async reverted(seen, state, signal) {
      const config = seen.view.EndpointConfigName;
      if (config === state.original) return { kind: 'done' };
      if (config !== twoVariants)
        return {
          kind: 'failed',
          reason: `rolling back, but endpoint ${endpoint} is on ${config}, neither ${twoVariants} nor ${state.original}`,
        };
      if (failedSince(seen, state))
        return failedHere(
          seen,
          state,
          `returning endpoint ${endpoint} to ${state.original} failed: ${sentence(seen.view.FailureReason)} The endpoint is still on ${twoVariants}, ${seen.share.current ?? '?'}% of traffic on ${rollout.target.name}; run shiftwise abort FILE to try again`,
          signal,
        );
      const shares = seen.share;
      if (shares.current !== 0 && shares.desired !== 0) {
        await send(rollbackWeightsRequest(endpoint), signal);
        return { kind: 'working', phase: 'rolling-back', message: 'all traffic back to the old variant' };
      }
      if (shares.current !== 0)
        return { kind: 'working', phase: 'rolling-back', message: 'all traffic back to the old variant' };
      await send(switchConfigRequest(rollout, state.original), signal);
      return {
        kind: 'working',
        phase: 'rolling-back',
        message: `returning ${endpoint} to ${state.original}`,
      };
    },

    backOnOriginal: (seen, state) => seen.view.EndpointConfigName === state.original,

    async firingAlarm(signal) {
      if (rollout.rollback.alarms.length === 0) return undefined;
      const found = await clients.cloudwatch.send(
        new DescribeAlarmsCommand({ AlarmNames: [...rollout.rollback.alarms] }),
        { abortSignal: signal },
      );
      return [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].find(
        (a) => a.StateValue === 'ALARM',
      )?.AlarmName;
    },

    async series(check, window, signal) {
      const answer = await clients.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: analysisQueries(check, endpoint),
          StartTime: new Date(window.start),
          EndTime: new Date(window.now),
          ScanBy: 'TimestampAscending',
        }),
        { abortSignal: signal },
      );
      const result = answer.MetricDataResults?.find((r) => r.Id === resultId);
      return {
        timestamps: (result?.Timestamps ?? []).map((t) => new Date(t).getTime()),
        values: result?.Values ?? [],
        lagSeconds: metricLagSeconds(check, 'sagemaker'),
      };
    },

    succeeded: () =>
      `endpoint ${endpoint} InService on ${final}: ${rollout.target.name} alone serves all traffic, after ${steps.length} steps run by Shiftwise`,
    rolledBack: (_look, state) =>
      `${state.reason ?? 'rolled back'}; endpoint ${endpoint} is back on ${state.original}`,
  };

  /**
   * A start SageMaker refused: its state is removed (a transient fault is thrown, so the look is taken again), and
   * the rollout fails in the refusal's words, saying so when the state could not be removed.
   */
  async function refusedStart(refusal: unknown, signal?: AbortSignal): Promise<Progress> {
    const reason = `SageMaker refused the update: ${errorText(refusal)}`;
    try {
      await backend.clear(signal);
    } catch (error) {
      if (isTransient(error)) throw error;
      refusalCleared = true;
      return { kind: 'failed', reason: `${sentence(reason)} ${stateLeft(error)}` };
    }
    refusalCleared = true;
    return { kind: 'failed', reason };
  }

  const stateLeft = (error: unknown) =>
    `Its shiftwise:* tags could not be removed from endpoint ${endpoint} (${errorText(error)}), so the next deploy would attach to it: run shiftwise abort FILE to remove them`;

  /** The endpoint's last update failed after `state` began: its FailureReason is this rollout's. */
  const failedSince = (seen: Look, state: StepsState) =>
    seen.view.FailureReason !== undefined &&
    (seen.view.LastModifiedTime?.getTime() ?? 0) > (msOf(state.since) ?? 0);

  /**
   * A phase's update failed (SageMaker rolled it back): the rollout fails in the service's words, and `since` moves
   * past the failure in the tags, so that the next `shiftwise deploy` or `abort` sends the update again instead of
   * reading the same failure.
   */
  async function failedHere(
    seen: Look,
    state: StepsState,
    reason: string,
    signal?: AbortSignal,
  ): Promise<Progress> {
    const failedAt = seen.view.LastModifiedTime?.getTime() ?? seen.now;
    await backend.record(seen, { ...state, since: iso(Math.max(seen.now, failedAt)) }, signal);
    return { kind: 'failed', reason };
  }

  const driver = stepsDriver(backend, {
    steps,
    watched: bakesWatched(rollout),
    checks,
    mode,
    ...(rollout.timeoutSeconds !== undefined && { timeoutSeconds: rollout.timeoutSeconds }),
  });

  return {
    name: 'SageMaker',

    async preflight(signal): Promise<Preflight> {
      const where = await regionOf(clients);
      if ('refused' in where) return { kind: 'refused', reason: where.refused };
      const view = await orMissing(describe(signal));
      if (!view)
        return {
          kind: 'refused',
          reason: `endpoint ${endpoint} not found in region ${where.region}: check endpoint and region (or AWS_REGION)`,
        };
      const seen = await look(signal);
      const state = seen.state;
      if (state) {
        if (state.rollout !== recordedName(rollout))
          return {
            kind: 'refused',
            reason: `endpoint ${endpoint} is in the middle of rollout ${state.rollout} (step ${state.step}, ${state.state}); finish it with shiftwise promote or abort on its own file first`,
          };
        if (state.digest !== digest && mode !== 'abort')
          return {
            kind: 'refused',
            reason: `the file changed since rollout ${state.rollout} started on ${endpoint} (now at step ${state.step}, ${state.state}): restore the file to go on, or run shiftwise abort FILE`,
          };
        return {
          kind: 'in-flight',
          detail: `rollout ${state.rollout} stands at step ${state.step} of ${steps.length} (${state.state}): ${mode === 'abort' ? 'rolling it back' : 'going on from there'}`,
          capacity,
          resumed: resumedFrom(state),
        };
      }
      if (mode !== 'deploy')
        return {
          kind: 'refused',
          reason: `no Shiftwise rollout is in progress on endpoint ${endpoint}: nothing to ${mode}`,
        };
      if (view.EndpointStatus === 'InService' && view.EndpointConfigName === final)
        return {
          kind: 'already-done',
          detail: `endpoint ${endpoint} already serves ${rollout.target.name} alone (${final}): nothing to do`,
        };
      if (view.EndpointStatus !== 'InService')
        return {
          kind: 'refused',
          reason: `endpoint ${endpoint} is ${view.EndpointStatus}, not InService: wait for it to settle`,
        };
      const current = await describeConfig(view.EndpointConfigName ?? '', signal);
      const variants = current?.ProductionVariants ?? [];
      if (!current || variants.length !== 1 || variants[0]?.InstanceType === undefined)
        return {
          kind: 'refused',
          reason: `type: steps moves traffic from one instance-based production variant to the new model; ${view.EndpointConfigName} has ${variants.length} variant(s)${variants[0]?.ServerlessConfig ? ' (serverless)' : ''}`,
        };
      const noModel = await missingModel(clients, rollout.target.name, signal);
      if (noModel) return { kind: 'refused', reason: noModel };
      const alarms = await checkAlarms(clients, rollout.rollback.alarms, where.region, signal);
      if ('refused' in alarms) return { kind: 'refused', reason: alarms.refused };
      return {
        kind: 'ready',
        capacity,
        checks: [
          `endpoint ${endpoint} InService on ${view.EndpointConfigName} (${variants[0]?.VariantName}, ${variants[0]?.InitialInstanceCount} × ${variants[0]?.InstanceType})`,
          `model ${rollout.target.name} exists`,
          ...(alarms.check ? [alarms.check] : []),
        ],
        found: {
          provider: 'sagemaker',
          currentConfig: currentOf(current),
          currentConfigName: view.EndpointConfigName ?? '',
        },
      };
    },

    async start(plan, signal) {
      const seen = await look(signal);
      if (seen.state) return; // a retry after a lost answer: the rollout is recorded, observe goes on from it
      if (plan.prepare) await send(plan.prepare, signal);
      const at = iso(seen.now);
      await backend.record(
        seen,
        {
          rollout: rollout.name,
          digest,
          original: seen.view.EndpointConfigName ?? '',
          step: 0,
          state: 'starting',
          since: at,
          stretch: at,
        },
        signal,
      );
      try {
        await send(plan.request, signal);
      } catch (error) {
        // Refused (a limit, a bad config): nothing runs, so nothing may stay recorded, or every later deploy would
        // attach to a rollout that never began. A lost answer is retried: the start finds the state and goes on.
        // The refusal is what the user needs to read, even if removing the state failed too.
        if (!isTransient(error)) await send(clearStateTagsRequest(arn ?? ''), signal).catch(() => undefined);
        throw error;
      }
    },

    observe: (signal) => driver.observe(signal),
    analysis: () => driver.analysis(),
  };
}
