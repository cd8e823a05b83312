import type { Plan } from '../../src/index.js';

/** Plans shaped like the planner's (docs/plan.md), written out by hand: these tests exercise the editor's views only. */
export const canaryPlan: Plan = {
  file: 'fraud.rollout.yaml',
  name: 'fraud-detector',
  provider: 'sagemaker',
  strategy: 'canary',
  capacity: 4,
  capacityKnown: true,
  steps: [
    {
      index: 1,
      startsAt: 0,
      trafficPercent: 25,
      greenActive: 1,
      blueActive: 3,
      bakeSeconds: 600,
      bake: 'wait-interval',
    },
    {
      index: 2,
      startsAt: 600,
      trafficPercent: 100,
      greenActive: 4,
      blueActive: 0,
      bakeSeconds: 600,
      bake: 'termination-wait',
    },
  ],
  totalSeconds: 1200,
  timeoutSeconds: 3600,
  peakInstances: 8,
  request: {
    provider: 'sagemaker',
    operation: 'UpdateEndpoint',
    input: { EndpointName: 'e', EndpointConfigName: 'c' },
  },
  assumptions: ['Provisioning the new fleet takes an unknown time and is not in the totals.'],
};

export const allAtOncePlan: Plan = {
  name: '<script>alert(1)</script>',
  provider: 'sagemaker',
  strategy: 'all-at-once',
  capacity: 2,
  capacityKnown: false,
  steps: [
    {
      index: 1,
      startsAt: 0,
      trafficPercent: 100,
      greenActive: 2,
      blueActive: 0,
      bakeSeconds: 0,
      bake: 'none',
    },
  ],
  totalSeconds: 0,
  peakInstances: 4,
  request: {
    provider: 'sagemaker',
    operation: 'UpdateEndpoint',
    input: { EndpointName: 'e', EndpointConfigName: 'c' },
  },
  assumptions: [],
};

/** Ten linear steps: bars narrower than the long labels. */
export const linearPlan: Plan = {
  ...canaryPlan,
  strategy: 'linear',
  capacity: 10,
  steps: Array.from({ length: 10 }, (_, i) => ({
    index: i + 1,
    startsAt: i * 300,
    trafficPercent: (i + 1) * 10,
    greenActive: i + 1,
    blueActive: 9 - i,
    bakeSeconds: 300,
    bake: i === 9 ? ('termination-wait' as const) : ('wait-interval' as const),
  })),
  totalSeconds: 3000,
};

/** Vertex AI, 4 replicas, surge 1 and unavailable 1: two waves, no bakes, so no planned time. */
export const vertexPlan: Plan = {
  name: 'ranker',
  provider: 'vertex-ai',
  strategy: 'rolling',
  capacity: 4,
  capacityKnown: true,
  steps: [
    {
      index: 1,
      startsAt: 0,
      trafficPercent: 50,
      greenActive: 2,
      blueActive: 2,
      bakeSeconds: 0,
      bake: 'none',
    },
    {
      index: 2,
      startsAt: 0,
      trafficPercent: 100,
      greenActive: 4,
      blueActive: 0,
      bakeSeconds: 0,
      bake: 'none',
    },
  ],
  totalSeconds: 0,
  peakInstances: 5,
  request: canaryPlan.request,
  assumptions: [],
};
