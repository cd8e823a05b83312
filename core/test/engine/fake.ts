import type { Clock, Observation, Preflight, Provider } from '../../src/engine/index.js';

/** A clock that moves only when slept on. */
export function fakeClock(start = 0): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

type Step<T> = T | Error;

/** A provider that answers from scripts: one entry per call, the last repeated. Errors are thrown. */
export function scriptedProvider(script: {
  preflight: Step<Preflight>[];
  start?: Step<void>[];
  observe?: Step<Observation>[];
  revert?: boolean;
}): Provider & { calls: string[] } {
  const calls: string[] = [];
  const next = async <T>(name: string, list: Step<T>[] | undefined): Promise<T> => {
    calls.push(name);
    const item = (list && (list.length > 1 ? list.shift() : list[0])) as Step<T>;
    if (item instanceof Error) throw item;
    return item;
  };
  return {
    name: 'Fake',
    calls,
    preflight: () => next('preflight', script.preflight),
    start: () => next('start', script.start ?? [undefined]),
    observe: () => next('observe', script.observe),
    ...(script.revert && {
      revert: async () => {
        calls.push('revert');
      },
    }),
  };
}

/** An error the runner must retry (a throttle, as the SDK reports it). */
export function throttle(): Error {
  return Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 400 },
  });
}
