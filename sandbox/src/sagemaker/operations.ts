import type { Operation } from './context.js';
import { createEndpoint, deleteEndpoint, describe, listEndpoints } from './endpoints.js';
import {
  createInferenceComponent,
  deleteInferenceComponent,
  describeInferenceComponent,
  listInferenceComponents,
} from './inference-components.js';
import {
  createEndpointConfig,
  createModel,
  deleteEndpointConfig,
  deleteModel,
  describeEndpointConfig,
  describeModel,
} from './models-and-configs.js';
import { addTags, deleteTags, listTags } from './tags.js';
import { updateEndpoint } from './update-endpoint.js';
import { updateInferenceComponent } from './update-inference-component.js';
import { updateEndpointWeightsAndCapacities } from './weights.js';

export type { Operation, SageMakerContext } from './context.js';

/** The operations served, by X-Amz-Target suffix. */
export const sageMakerOperations: Record<string, Operation> = {
  CreateModel: createModel,
  DescribeModel: describeModel,
  DeleteModel: deleteModel,
  CreateEndpointConfig: createEndpointConfig,
  DescribeEndpointConfig: describeEndpointConfig,
  DeleteEndpointConfig: deleteEndpointConfig,
  CreateEndpoint: createEndpoint,
  DescribeEndpoint: describe,
  UpdateEndpoint: updateEndpoint,
  UpdateEndpointWeightsAndCapacities: updateEndpointWeightsAndCapacities,
  DeleteEndpoint: deleteEndpoint,
  ListEndpoints: listEndpoints,
  CreateInferenceComponent: createInferenceComponent,
  DescribeInferenceComponent: describeInferenceComponent,
  UpdateInferenceComponent: updateInferenceComponent,
  DeleteInferenceComponent: deleteInferenceComponent,
  ListInferenceComponents: listInferenceComponents,
  AddTags: addTags,
  ListTags: listTags,
  DeleteTags: deleteTags,
};
