import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  AddTagsCommandInput,
  CreateEndpointConfigCommandInput,
  DeleteTagsCommandInput,
  DescribeEndpointConfigCommandOutput,
  UpdateEndpointCommandInput,
  UpdateEndpointWeightsAndCapacitiesCommandInput,
  UpdateInferenceComponentCommandInput,
} from '@aws-sdk/client-sagemaker';
import type {
  AddTagsRequest,
  CreateEndpointConfigRequest,
  DataCaptureConfig,
  DeleteTagsRequest,
  ProductionVariant,
  UpdateEndpointRequest,
  UpdateInferenceComponentRequest,
  UpdateWeightsRequest,
} from '../../src/index.js';

// Type-level: core declares SageMaker's request shapes itself (the pure core imports nothing from @aws-sdk), so
// `pnpm typecheck` proves here that each stays assignable to the SDK's input. Rename, drop or retype a field on
// either side and these lines stop compiling.

/** Compiles only when `A` is assignable to `B`. */
type Assignable<A extends B, B> = A;

/** The keys of `A`, at any depth, that `B` does not have: `never` when every field core declares is the SDK's. */
type ExtraKeys<A, B> = A extends readonly (infer U)[]
  ? B extends readonly (infer V)[]
    ? ExtraKeys<U, V>
    : never
  : A extends object
    ? { [K in keyof A]-?: K extends keyof B ? ExtraKeys<A[K], NonNullable<B[K]>> : K }[keyof A]
    : never;

/** Compiles only when core declares no field the SDK lacks (assignability alone lets an optional one be renamed). */
type NoExtraKeys<A, B> = [ExtraKeys<A, B>] extends [never] ? true : false;
type Expect<T extends true> = T;

/**
 * The SDK's type with its closed lists of SageMaker names (instance types, accelerator types, capture modes …) as
 * strings: core carries those from DescribeEndpointConfig unread and cannot list them. Field names, nesting,
 * optionality and every number, boolean and array are still checked exactly.
 */
type NamesAsStrings<T> = T extends string
  ? string
  : T extends (infer U)[]
    ? NamesAsStrings<U>[]
    : T extends object
      ? { [K in keyof T]: NamesAsStrings<T[K]> }
      : T;

// UpdateEndpoint: exact, literals included ('CANARY', 'CAPACITY_PERCENT' …).
export type UpdateEndpointFits = Assignable<UpdateEndpointRequest['input'], UpdateEndpointCommandInput>;
export type UpdateEndpointNames = Expect<
  NoExtraKeys<UpdateEndpointRequest['input'], UpdateEndpointCommandInput>
>;

// UpdateInferenceComponent: exact, literals included ('COPY_COUNT', 'CAPACITY_PERCENT').
export type UpdateInferenceComponentFits = Assignable<
  UpdateInferenceComponentRequest['input'],
  UpdateInferenceComponentCommandInput
>;
export type UpdateInferenceComponentNames = Expect<
  NoExtraKeys<UpdateInferenceComponentRequest['input'], UpdateInferenceComponentCommandInput>
>;

// CreateEndpointConfig: exact but for SageMaker's name lists (the engine narrows those in one place).
export type CreateEndpointConfigFits = Assignable<
  CreateEndpointConfigRequest['input'],
  NamesAsStrings<CreateEndpointConfigCommandInput>
>;

export type CreateEndpointConfigNames = Expect<
  NoExtraKeys<CreateEndpointConfigRequest['input'], CreateEndpointConfigCommandInput>
>;

// The requests of Shiftwise-run steps: the variants' weights, and the tags that keep where a rollout stands.
export type UpdateWeightsFits = Assignable<
  UpdateWeightsRequest['input'],
  UpdateEndpointWeightsAndCapacitiesCommandInput
>;
export type UpdateWeightsNames = Expect<
  NoExtraKeys<UpdateWeightsRequest['input'], UpdateEndpointWeightsAndCapacitiesCommandInput>
>;
export type AddTagsFits = Assignable<AddTagsRequest['input'], AddTagsCommandInput>;
export type AddTagsNames = Expect<NoExtraKeys<AddTagsRequest['input'], AddTagsCommandInput>>;
export type DeleteTagsFits = Assignable<DeleteTagsRequest['input'], DeleteTagsCommandInput>;
export type DeleteTagsNames = Expect<NoExtraKeys<DeleteTagsRequest['input'], DeleteTagsCommandInput>>;

// And what preflight reads (DescribeEndpointConfig) is what the planner takes, with no conversion.
type Described = Required<DescribeEndpointConfigCommandOutput>;
export type VariantFits = Assignable<NonNullable<Described['ProductionVariants']>[number], ProductionVariant>;
export type DataCaptureFits = Assignable<NonNullable<Described['DataCaptureConfig']>, DataCaptureConfig>;

test('SageMaker request types are assignable to the AWS SDK inputs (checked by pnpm typecheck)', () => {
  assert.ok(true);
});
