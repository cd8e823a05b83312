import type { FieldContext, ProviderName, StrategyType } from '@shiftwise/core';
import type { Analysis } from './analysis.js';

const providers: readonly string[] = ['sagemaker', 'vertex-ai'];
const strategies: readonly string[] = ['all-at-once', 'canary', 'linear', 'rolling', 'retain'];

/**
 * The file's provider and strategy type, for choosing which fields fit. Taken from the parsed rollout when there is
 * one; while the file is half-typed and does not parse, read from the text (`provider: vertex-ai`, `type: canary`).
 */
export function fieldContext(analysis: Analysis): FieldContext {
  const value = analysis.validation.value;
  if (value !== undefined) return { provider: value.provider, strategy: value.strategy.type };
  const provider = scalarAfter(analysis.text, 'provider', providers) as ProviderName | undefined;
  const strategy = scalarAfter(analysis.text, 'type', strategies) as StrategyType | undefined;
  return {
    ...(provider !== undefined && { provider }),
    ...(strategy !== undefined && { strategy }),
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
