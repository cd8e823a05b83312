import { ServiceError } from '../errors.js';

/**
 * CloudWatch's client errors, each with the awsQuery code the SDK reads from `x-amzn-query-error` (the JSON
 * `__type` is the modelled exception's name where the API models one).
 */
export const invalid = (message: string) =>
  new ServiceError(400, 'InvalidParameterValueException', message, 'InvalidParameterValue');

export const missing = (name: string) =>
  new ServiceError(
    400,
    'MissingRequiredParameterException',
    `The parameter ${name} must be specified.`,
    'MissingParameter',
  );

/** A NextToken the sandbox never gave (awsQuery code and modelled exception `InvalidNextToken`). */
export const invalidToken = () =>
  new ServiceError(400, 'InvalidNextToken', 'The service returned an invalid NextToken.', 'InvalidNextToken');

export const combination = (message: string) =>
  new ServiceError(400, 'InvalidParameterCombinationException', message, 'InvalidParameterCombination');

/**
 * GetMetricData's refusals of a query (an Id, a Stat, an expression): awsQuery code `ValidationError`, which the
 * SDK raises as its modelled `ValidationException`.
 */
export const validationError = (message: string) =>
  new ServiceError(400, 'ValidationException', message, 'ValidationError');
