import { visibleControls } from '@shiftwise/core';

/**
 * A path as one word of a shell command the user may paste (`shiftwise validate <path>`): as it is when every
 * character is plain, else in single quotes, each `'` written as `'\''`. Control characters are shown, not kept,
 * so a name cannot end the line it is printed on.
 *
 *   rollouts/a.rollout.yaml → rollouts/a.rollout.yaml;  my file.rollout.yaml → 'my file.rollout.yaml'
 *   x $(touch y).rollout.yaml → 'x $(touch y).rollout.yaml';  it's.rollout.yaml → 'it'\''s.rollout.yaml'
 */
export function shellWord(path: string): string {
  const shown = visibleControls(path);
  return /^[\w./@%+=:,-]+$/.test(shown) ? shown : `'${shown.replaceAll("'", "'\\''")}'`;
}
