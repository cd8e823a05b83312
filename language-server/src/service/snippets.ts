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
};

const vertexBody = ['type: rolling', `maxSurge: ${stop(1, '1')}`, `maxUnavailable: ${stop(2, '0')}`];

/**
 * One `strategy:` snippet per strategy type that fits the provider: `strategy (canary)` inserts
 * `strategy:\n  type: canary\n  size: 10%\n  bake: 10m`, indented under the cursor's line.
 */
export function strategySnippets(
  context: FieldContext,
  indent: string,
): (Omit<CompletionItem, 'textEdit'> & { textEdit: string })[] {
  const choices: [string, readonly string[]][] =
    context.provider === 'vertex-ai'
      ? [['rolling', vertexBody]]
      : (Object.entries(bodies) as [string, readonly string[]][]);
  return choices.map(([type, body]) => ({
    label: `strategy (${type})`,
    kind: CompletionItemKind.Snippet,
    detail: `A ${type} strategy with its fields`,
    filterText: 'strategy',
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    sortText: `0strategy-${type}`,
    textEdit: ['strategy:', ...body.map((line) => `${indent}  ${line}`)].join('\n'),
  }));
}
