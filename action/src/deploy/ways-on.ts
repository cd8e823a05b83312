import { escapeMarkdown } from '@shiftwise/core';

/**
 * The engine names the command to run next with a placeholder (`run shiftwise abort FILE`), since only a face knows
 * how the user goes on; an action user has a workflow, not a terminal, so each command becomes the workflow run
 * with that mode for this file (as `paused.ts` words the gate). The first names the workflow and the file, later
 * ones say "run it"; `shiftwise status FILE`, which no mode runs, keeps the CLI command with the path put in.
 *
 *   ("…, or run shiftwise abort FILE", "r/s.rollout.yaml") → "…, or run the workflow with mode: abort (files: r/s.rollout.yaml)"
 *   ("run shiftwise promote FILE to continue, shiftwise abort FILE to roll back", "r/s.rollout.yaml")
 *     → "run the workflow with mode: promote (files: r/s.rollout.yaml) to continue, run it with mode: abort to roll back"
 */
export function actionWays(text: string, path: string): string {
  return waysOn(text, { code: (words) => words, path });
}

/** `actionWays` for the job summary, over a reason already escaped: the inputs as code, the path escaped. */
export function actionWaysMarkdown(escapedText: string, path: string): string {
  return waysOn(escapedText, { code: (words) => `\`${words}\``, path: escapeMarkdown(path) });
}

function waysOn(text: string, how: { code: (words: string) => string; path: string }): string {
  let named = false;
  return text.replace(
    /\b(?:run )?shiftwise (deploy|promote|abort|status) FILE\b/g,
    (whole: string, command: string) => {
      if (command === 'status') return whole.replace('FILE', how.path);
      const mode = how.code(`mode: ${command}`);
      if (named) return `run it with ${mode}`;
      named = true;
      return `run the workflow with ${mode} (files: ${how.path})`;
    },
  );
}
