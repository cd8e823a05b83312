import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  AddTagsCommand,
  CreateEndpointConfigCommand,
  type CreateEndpointConfigCommandInput,
  DeleteTagsCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  type DescribeEndpointConfigCommandOutput,
  DescribeModelCommand,
  ListTagsCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import type { AnalysisCheck } from '../../model.js';
import { analysisQueries, resultId } from '../../plan/analysis-queries.js';
import type { ProviderRequest } from '../../plan/request-types.js';
import { newVariantName, oldVariantName } from '../../plan/run-steps.js';
import type { CurrentEndpointConfig } from '../../plan/sagemaker-api.js';
import {
  clearStateTagsRequest,
  finalConfigName,
  finalConfigRequest,
  rollbackWeightsRequest,
  type StepsPhase,
  type StepsRollout,
  type StepsState,
  stateFromTags,
  stateTagsRequest,
  stepsConfigName,
  stepsDigest,
  switchConfigRequest,
  weightsRequest,
} from '../../plan/steps-request.js';
import type { Observation, Phase, Preflight, Provider } from '../provider.js';
import { checkAlarms, orMissing, regionOf } from '../sagemaker/checks.js';
import { type SageMakerClients, serverDateOf } from '../sagemaker/clients.js';
import { alignDown, type CheckVerdict, judge, verdictWords } from './judge.js';

/** What a process asks of a Shiftwise-run rollout: run it (to its end or a gate), pass the gate it waits at, or undo it. */
export type StepsMode = 'deploy' | 'promote' | 'abort';

/** One look at the endpoint: its answer, its tags' state, and the service's clock when it answered. */
interface Look {
  readonly view: DescribeEndpointCommandOutput;
  readonly state: StepsState | undefined;
  readonly now: number;
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

/** "Cannot create already existing endpoint configuration …". */
const alreadyExists = (error: unknown) =>
  (error as { name?: string })?.name === 'ValidationException' &&
  /already exist/i.test((error as { message?: string }).message ?? '');

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
 *   baking k     bake (or timed pause): alarms, analysis, timeout checked → step k+1, or rolling-back
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
  /** Promote passes one gate: the first it finds. */
  let gatePassed = false;
  /** How the rollout ended, once its tags are being removed: the answer of every later look. */
  let ended: Observation | undefined;
  /** The state tags still to remove after the end (a lost DeleteTags answer is retried before answering). */
  let uncleared = false;
  const verdicts = new Map<string, CheckVerdict>();

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
    return { view, state: stateFromTags(tags), now: serverDateOf(view) ?? Date.now() };
  }

  /** Sends one planned request as the SDK's command. */
  async function send(request: ProviderRequest, signal?: AbortSignal): Promise<void> {
    const at = { abortSignal: signal };
    switch (request.operation) {
      case 'CreateEndpointConfig':
        try {
          await clients.sagemaker.send(
            new CreateEndpointConfigCommand(request.input as CreateEndpointConfigCommandInput),
            at,
          );
        } catch (error) {
          // A retry after a lost answer finds the config it made.
          if (!alreadyExists(error)) throw error;
        }
        return;
      case 'UpdateEndpoint':
        await clients.sagemaker.send(new UpdateEndpointCommand(request.input), at);
        return;
      case 'UpdateEndpointWeightsAndCapacities':
        await clients.sagemaker.send(new UpdateEndpointWeightsAndCapacitiesCommand(request.input), at);
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

  /** Records the rollout's new state on the endpoint. */
  const record = (state: StepsState, signal?: AbortSignal) =>
    send(stateTagsRequest(arn ?? '', state), signal);

  const base = (look: Look, from: StepsState | undefined) => ({
    rollout: rollout.name,
    digest,
    original: from?.original ?? look.view.EndpointConfigName ?? '',
    stretch: from?.stretch ?? iso(look.now),
  });

  const progress = (
    phase: Phase,
    look: Look,
    message: string,
    extra: Partial<Observation> = {},
  ): Observation => {
    const share = sharesOf(look.view).current;
    const step = look.state?.step;
    return {
      kind: 'progress',
      phase,
      ...(share !== undefined && { trafficPercent: share }),
      ...(step !== undefined && step > 0 && { step }),
      message,
      observedAt: look.now,
      ...extra,
    } as Observation;
  };

  /** Moves to step `k` (1-based), or to finishing after the last: records it, then takes its first action. */
  async function enter(k: number, look: Look, state: StepsState, signal?: AbortSignal, stretch?: number) {
    const next = { ...base(look, state), ...(stretch !== undefined && { stretch: iso(stretch) }) };
    const entry = steps[k - 1];
    if (entry === undefined) {
      await record({ ...next, step: steps.length, state: 'finishing', since: iso(look.now) }, signal);
      return progress('terminating', look, `leaving only ${rollout.target.name} on ${endpoint}`, {
        step: steps.length,
      });
    }
    if (entry.kind === 'traffic') {
      await record({ ...next, step: k, state: 'shifting', since: iso(look.now) }, signal);
      await send(weightsRequest(endpoint, entry.percent, capacity), signal);
      return progress(
        'shifting',
        look,
        `step ${k} of ${steps.length}: ${entry.percent}% of traffic to the new model`,
        { step: k },
      );
    }
    if (entry.seconds !== undefined) {
      await record({ ...next, step: k, state: 'baking', since: iso(look.now) }, signal);
      return progress('baking', look, `step ${k} of ${steps.length}: pausing ${entry.seconds} s`, {
        bakeEndsAt: look.now + entry.seconds * 1000,
        step: k,
      });
    }
    await record({ ...next, step: k, state: 'paused', since: iso(look.now) }, signal);
    return pausedAt(k);
  }

  function pausedAt(k: number): Observation {
    return {
      kind: 'paused',
      step: k,
      reason: `paused at step ${k} of ${steps.length} (a manual gate); run shiftwise promote FILE to continue, shiftwise abort FILE to roll back`,
    };
  }

  /** Starts a rollback: records why, then puts all traffic back on the old variant. */
  async function rollBack(look: Look, state: StepsState, reason: string, signal?: AbortSignal) {
    await record(
      { ...base(look, state), step: state.step, state: 'rolling-back', since: iso(look.now), reason },
      signal,
    );
    if (look.view.EndpointConfigName === twoVariants) await send(rollbackWeightsRequest(endpoint), signal);
    return progress('rolling-back', look, `rolling back: ${reason}`);
  }

  /** The first rollback alarm in ALARM, if any. */
  async function firingAlarm(signal?: AbortSignal): Promise<string | undefined> {
    if (rollout.rollback.alarms.length === 0) return undefined;
    const found = await clients.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: [...rollout.rollback.alarms] }),
      { abortSignal: signal },
    );
    return [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].find(
      (a) => a.StateValue === 'ALARM',
    )?.AlarmName;
  }

  /** Every check over the step's window so far; the first that rolls back, if one does. */
  async function analyse(step: number, since: number, now: number, signal?: AbortSignal) {
    let breached: { check: AnalysisCheck; verdict: CheckVerdict } | undefined;
    for (const check of checks) {
      const period = check.periodSeconds * 1000;
      const start = alignDown(since, period);
      if (start + period > now) continue;
      const answer = await clients.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: analysisQueries(check, endpoint),
          StartTime: new Date(start),
          EndTime: new Date(now),
          ScanBy: 'TimestampAscending',
        }),
        { abortSignal: signal },
      );
      const result = answer.MetricDataResults?.find((r) => r.Id === resultId);
      const verdict = judge(
        check,
        step,
        { start: since, now },
        {
          timestamps: (result?.Timestamps ?? []).map((t) => new Date(t).getTime()),
          values: result?.Values ?? [],
        },
      );
      verdicts.set(`${step}:${check.name}`, verdict);
      if (verdict.rollsBack && !breached) breached = { check, verdict };
    }
    return breached;
  }

  /** A bake (or a timed pause) of step `k`: alarms, analysis, timeout; on by itself when it is over. */
  async function bake(look: Look, state: StepsState, signal?: AbortSignal): Promise<Observation> {
    const k = state.step;
    const entry = steps[k - 1];
    const since = msOf(state.since) ?? look.now;
    const wait = entry?.kind === 'traffic' ? entry.bakeSeconds : (entry?.seconds ?? 0);
    const ends = since + wait * 1000;
    const stretch = msOf(state.stretch) ?? since;
    if (rollout.timeoutSeconds !== undefined && look.now >= stretch + rollout.timeoutSeconds * 1000)
      return rollBack(
        look,
        state,
        `timeout: ${rollout.timeoutSeconds} s passed since ${state.stretch} before the steps ended`,
        signal,
      );
    const alarm = await firingAlarm(signal);
    if (alarm !== undefined) {
      const seen = await rollBack(look, state, `alarm ${alarm} went into ALARM during step ${k}`, signal);
      return seen;
    }
    const breach = await analyse(k, since, look.now, signal);
    if (breach)
      return rollBack(
        look,
        state,
        `analysis check ${breach.check.name} breached: ${verdictWords(breach.verdict, breach.check)}`,
        signal,
      );
    const skipPause = mode === 'promote' && entry?.kind === 'pause' && !gatePassed;
    if (look.now >= ends || skipPause) {
      if (skipPause) gatePassed = true;
      return enter(k + 1, look, state, signal);
    }
    return progress(
      'baking',
      look,
      `step ${k} of ${steps.length}: ${entry?.kind === 'pause' ? 'pausing' : 'baking'}, watched`,
      {
        bakeEndsAt: ends,
      },
    );
  }

  /** Removes the state tags of an ended rollout, then answers how it ended. */
  async function clear(signal?: AbortSignal): Promise<Observation> {
    if (uncleared) {
      await send(clearStateTagsRequest(arn ?? ''), signal);
      uncleared = false;
    }
    return ended!;
  }

  /** The endpoint serves the new model alone: remove the state, report success. */
  async function succeed(look: Look, signal?: AbortSignal): Promise<Observation> {
    ended = {
      kind: 'succeeded',
      message: `endpoint ${endpoint} InService on ${final}: ${rollout.target.name} alone serves all traffic, after ${steps.length} steps run by Shiftwise`,
    };
    uncleared = look.state !== undefined;
    return clear(signal);
  }

  async function finish(look: Look, state: StepsState, signal?: AbortSignal): Promise<Observation> {
    const config = look.view.EndpointConfigName;
    if (config === final) return succeed(look, signal);
    if (config !== twoVariants)
      return {
        kind: 'failed',
        reason: `endpoint ${endpoint} is on ${config} while Shiftwise was finishing on ${twoVariants}: someone else changed it`,
      };
    const since = msOf(state.since) ?? 0;
    const failedAfter = look.view.FailureReason && (look.view.LastModifiedTime?.getTime() ?? 0) > since;
    if (failedAfter)
      return {
        kind: 'failed',
        reason: `the update to ${final} failed: ${look.view.FailureReason}. The endpoint still serves both variants (all traffic on the new one); run shiftwise deploy FILE again to retry, or shiftwise abort FILE`,
      };
    const original = await describeConfig(state.original, signal);
    if (!original)
      return {
        kind: 'failed',
        reason: `the original config ${state.original} cannot be read: the final config is made from it`,
      };
    await send(finalConfigRequest(rollout, currentOf(original), capacity), signal);
    await send(switchConfigRequest(rollout, final), signal);
    return progress(
      'provisioning',
      look,
      `provisioning ${capacity} instance(s) of ${rollout.target.name} alone`,
    );
  }

  async function continueRollback(look: Look, state: StepsState, signal?: AbortSignal): Promise<Observation> {
    const config = look.view.EndpointConfigName;
    const reason = state.reason ?? 'rolled back';
    if (config === state.original) {
      ended = {
        kind: 'rolled-back',
        reason: `${reason}; endpoint ${endpoint} is back on ${state.original}`,
        ...alarmOf(reason),
      };
      uncleared = true;
      return clear(signal);
    }
    if (config !== twoVariants)
      return {
        kind: 'failed',
        reason: `rolling back, but endpoint ${endpoint} is on ${config}, neither ${twoVariants} nor ${state.original}`,
      };
    const shares = sharesOf(look.view);
    if (shares.current !== 0 && shares.desired !== 0) {
      await send(rollbackWeightsRequest(endpoint), signal);
      return progress('rolling-back', look, 'all traffic back to the old variant');
    }
    if (shares.current !== 0) return progress('rolling-back', look, 'all traffic back to the old variant');
    await send(switchConfigRequest(rollout, state.original), signal);
    return progress('rolling-back', look, `returning ${endpoint} to ${state.original}`);
  }

  async function start(look: Look, state: StepsState, signal?: AbortSignal): Promise<Observation> {
    const config = look.view.EndpointConfigName;
    if (config === twoVariants) return enter(1, look, state, signal);
    const since = msOf(state.since) ?? 0;
    if (look.view.FailureReason && (look.view.LastModifiedTime?.getTime() ?? 0) > since) {
      ended = {
        kind: 'failed',
        reason: `adding the new variant failed: ${look.view.FailureReason}. Endpoint ${endpoint} is on ${config}; no traffic reached ${rollout.target.name}`,
      };
      uncleared = true;
      return clear(signal);
    }
    // The update to the two-variant config was lost before SageMaker took it: send it again.
    await send(switchConfigRequest(rollout, twoVariants), signal);
    return progress('provisioning', look, `adding ${rollout.target.name} as a second variant`);
  }

  return {
    name: 'SageMaker (steps run by Shiftwise)',

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
        if (state.rollout !== rollout.name)
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
      const model = await orMissing(
        clients.sagemaker.send(new DescribeModelCommand({ ModelName: rollout.target.name }), {
          abortSignal: signal,
        }),
      );
      if (!model)
        return {
          kind: 'refused',
          reason: `model ${rollout.target.name} not found: create it first (CreateModel)`,
        };
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
      await record(
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
      await send(plan.request, signal);
    },

    async observe(signal): Promise<Observation> {
      if (ended) return clear(signal);
      const seen = await look(signal);
      const state = seen.state;
      if (!state) {
        if (seen.view.EndpointConfigName === final && seen.view.EndpointStatus === 'InService')
          return succeed(seen, signal);
        return {
          kind: 'failed',
          reason: `no Shiftwise rollout is recorded on endpoint ${endpoint} any more (its shiftwise tags are gone); it is ${seen.view.EndpointStatus} on ${seen.view.EndpointConfigName}`,
        };
      }
      const status = seen.view.EndpointStatus;
      if (status === 'Failed')
        return {
          kind: 'failed',
          reason: `endpoint ${endpoint} is Failed: ${seen.view.FailureReason ?? 'no reason given'}`,
        };
      if (status !== 'InService') return progress(waitingPhase(state.state), seen, `endpoint ${status}`);
      if (mode === 'abort' && state.state !== 'rolling-back' && state.state !== 'finishing')
        return rollBack(seen, state, 'aborted by shiftwise abort', signal);
      switch (state.state) {
        case 'starting':
          return start(seen, state, signal);
        case 'shifting': {
          const entry = steps[state.step - 1];
          const want = entry?.kind === 'traffic' ? entry.percent : undefined;
          const shares = sharesOf(seen.view);
          if (want === undefined) return enter(state.step + 1, seen, state, signal);
          if (shares.current === want) {
            await record(
              { ...base(seen, state), step: state.step, state: 'baking', since: iso(seen.now) },
              signal,
            );
            return progress('baking', seen, `step ${state.step} of ${steps.length}: ${want}% baking`, {
              bakeEndsAt: seen.now + (entry?.kind === 'traffic' ? entry.bakeSeconds : 0) * 1000,
            });
          }
          if (shares.desired !== want) await send(weightsRequest(endpoint, want, capacity), signal);
          return progress('shifting', seen, `step ${state.step} of ${steps.length}: moving to ${want}%`);
        }
        case 'baking':
          return bake(seen, state, signal);
        case 'paused':
          if (mode === 'promote' && !gatePassed) {
            gatePassed = true;
            return enter(state.step + 1, seen, state, signal, seen.now);
          }
          return pausedAt(state.step);
        case 'finishing':
          return finish(seen, state, signal);
        case 'rolling-back':
          return continueRollback(seen, state, signal);
      }
    },

    analysis: () => [...verdicts.values()],
  };
}

/** What a busy endpoint is doing, by the rollout's state. */
function waitingPhase(state: StepsPhase): Phase {
  if (state === 'rolling-back') return 'rolling-back';
  if (state === 'starting' || state === 'finishing') return 'provisioning';
  return 'shifting';
}

/** The alarm a rollback reason names ("alarm fraud-5xx went into ALARM …"). */
function alarmOf(reason: string): { alarm?: string } {
  const alarm = /^alarm (\S+) went into ALARM/.exec(reason)?.[1];
  return alarm ? { alarm } : {};
}
