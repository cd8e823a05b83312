/**
 * The AWS/SageMaker metrics an endpoint publishes per production variant (dimensions EndpointName and VariantName),
 * the ones an analysis check may read, with what each counts: for completion, hover and the `analysis-metric` rule.
 */
export const endpointMetrics: Readonly<Record<string, string>> = {
  Invocations: 'InvokeEndpoint requests sent to the variant (use Sum).',
  Invocation4XXErrors: 'Requests the model answered with a 4xx HTTP code.',
  Invocation5XXErrors: 'Requests the model answered with a 5xx HTTP code.',
  InvocationModelErrors: 'Requests that did not get a 2xx answer from the model.',
  InvocationsPerInstance: 'Invocations divided by the variant’s instance count.',
  ModelLatency: 'Microseconds the model took to answer, as SageMaker saw it.',
  OverheadLatency: 'Microseconds SageMaker added to each request.',
  ModelSetupTime: 'Microseconds to launch new compute for a serverless variant.',
};

export const endpointMetricNames: readonly string[] = Object.keys(endpointMetrics);
