// CloudWatch's GetMetricData query shapes, declared here so the pure core imports nothing from @aws-sdk
// (core/test/engine/request-types.test.ts checks them against the SDK's input, as for SageMaker's).

export interface MetricDataQuery {
  readonly Id: string;
  readonly MetricStat?: {
    readonly Metric: {
      readonly Namespace: string;
      readonly MetricName: string;
      readonly Dimensions: { readonly Name: string; readonly Value: string }[];
    };
    readonly Period: number;
    readonly Stat: string;
  };
  readonly Expression?: string;
  readonly Label?: string;
  readonly ReturnData?: boolean;
}
