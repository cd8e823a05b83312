import type { FieldContext, StrategyType } from '@shiftwise/core';
import {
  type CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
} from 'vscode-languageserver';

/** A snippet tab stop with a default: `stop(1, '10%')` → `${1:10%}`. */
function stop(n: number, text: string): string {
  return `\${${n}:${text}}`;
}

/** The body of `strategy:` for each type, with tab stops on the values a user changes (YAML). */
const bodies: Record<StrategyType, readonly string[]> = {
  'all-at-once': ['type: all-at-once'],
  canary: ['type: canary', `size: ${stop(1, '10%')}`, `bake: ${stop(2, '10m')}`],
  linear: ['type: linear', `step: ${stop(1, '20%')}`, `bake: ${stop(2, '5m')}`],
  rolling: ['type: rolling', `batch: ${stop(1, '25%')}`, `bake: ${stop(2, '5m')}`],
  retain: ['type: retain'],
  steps: [
    'type: steps',
    'steps:',
    `  - traffic: ${stop(1, '10%')}`,
    `    bake: ${stop(2, '10m')}`,
    '  - pause: manual',
    '  - traffic: 100%',
    `    bake: ${stop(3, '10m')}`,
  ],
};

const vertexBody = ['type: rolling', `maxSurge: ${stop(1, '1')}`, `maxUnavailable: ${stop(2, '0')}`];

/**
 * One `strategy:` snippet per strategy type that fits the provider and target: `strategy (canary)` inserts
 * `strategy:\n  type: canary\n  size: 10%\n  bake: 10m`, indented under the cursor's line. An inference
 * component and Vertex AI get only `rolling`.
 */
export function strategySnippets(
  context: FieldContext,
  indent: string,
): (Omit<CompletionItem, 'textEdit'> & { textEdit: string })[] {
  const choices: [string, readonly string[]][] =
    context.provider === 'vertex-ai'
      ? [['rolling', vertexBody]]
      : context.target === 'inference-component'
        ? [['rolling', bodies.rolling]]
        : (Object.entries(bodies) as [string, readonly string[]][]);
  return choices.map(([type, body]) => ({
    label: `strategy (${type})`,
    kind: CompletionItemKind.Snippet,
    detail: `${/^[aeiou]/.test(type) ? 'An' : 'A'} ${type} strategy with its fields`,
    filterText: 'strategy',
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    sortText: `0strategy-${type}`,
    textEdit: ['strategy:', ...body.map((line) => `${indent}  ${line}`)].join('\n'),
  }));
}

/**
 * What a SageMaker file names to update an inference component instead of the endpoint, as one snippet at the root
 * (offered while the file names neither an endpoint config nor a model): `inferenceComponent`, the new `model` and
 * the `copies`, each a tab stop.
 *
 *   inferenceComponent: ${1:my-component}
 *   model: ${2:my-model-v2}
 *   copies: ${3:4}
 */
export function componentSnippet(indent: string): Omit<CompletionItem, 'textEdit'> & { textEdit: string } {
  const lines = [
    `inferenceComponent: ${stop(1, 'my-component')}`,
    `model: ${stop(2, 'my-model-v2')}`,
    `copies: ${stop(3, '4')}`,
  ];
  return {
    label: 'inferenceComponent (with model and copies)',
    kind: CompletionItemKind.Snippet,
    detail: 'Update an inference component on the endpoint (UpdateInferenceComponent)',
    filterText: 'inferenceComponent',
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    sortText: '1inferenceComponent-snippet',
    textEdit: lines.join(`\n${indent}`),
  };
}
