import {
  type FieldContext,
  type FleetTarget,
  fleetTarget,
  type ProviderName,
  type StrategyType,
} from '@shiftwise/core';
import type { Analysis } from './analysis.js';

const providers: readonly string[] = ['sagemaker', 'vertex-ai'];
const strategies: readonly string[] = ['all-at-once', 'canary', 'linear', 'rolling', 'retain'];

/**
 * The file's provider, strategy type and, on SageMaker, what it updates (the endpoint or an inference component),
 * for choosing which fields fit. Taken from the parsed rollout when there is one; while the file is half-typed and
 * does not parse, read from the text (`provider: vertex-ai`, `type: canary`, a root `inferenceComponent:` key).
 * A half-typed file without `inferenceComponent` leaves the target open, so completion offers both kinds of keys.
 *
 *   parsed, inferenceComponent: chat-ic → { provider: 'sagemaker', strategy: 'rolling', target: 'inference-component' }
 *   'version: 1\nprovider: sagemaker\n'  → { provider: 'sagemaker' }
 */
export function fieldContext(analysis: Analysis): FieldContext {
  const value = analysis.validation.value;
  if (value !== undefined) {
    const target = fleetTarget(value);
    return {
      provider: value.provider,
      strategy: value.strategy.type,
      ...(target !== undefined && { target }),
    };
  }
  const provider = scalarAfter(analysis.text, 'provider', providers) as ProviderName | undefined;
  const strategy = scalarAfter(analysis.text, 'type', strategies) as StrategyType | undefined;
  const target = provider === 'vertex-ai' ? undefined : targetOf(analysis.text);
  return {
    ...(provider !== undefined && { provider }),
    ...(strategy !== undefined && { strategy }),
    ...(target !== undefined && { target }),
  };
}

/** The first `key: value` (YAML or JSON) whose value is one of `allowed`. */
function scalarAfter(text: string, key: string, allowed: readonly string[]): string | undefined {
  const pattern = new RegExp(`["']?${key}["']?\\s*:\\s*["']?([a-z-]+)`, 'g');
  for (const match of text.matchAll(pattern)) {
    if (allowed.includes(match[1] as string)) return match[1];
  }
  return undefined;
}

/**
 * An inference component when the text has an `inferenceComponent` key at the root of YAML (column 0) or anywhere
 * in JSON (no other mapping has that key), as the parser decides; otherwise not known yet.
 */
function targetOf(text: string): FleetTarget | undefined {
  return /^["']?inferenceComponent["']?[ \t]*:|"inferenceComponent"\s*:/m.test(text)
    ? 'inference-component'
    : undefined;
}
