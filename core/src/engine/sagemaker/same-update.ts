/**
 * Whether an update found running is the one this file would start: the deployment config the file's request
 * sends, against the `LastDeploymentConfig` DescribeEndpoint (or DescribeInferenceComponent) shows for the update
 * in flight. Every member the request sets must be there with the same value; members only the service shows
 * (its defaults) are not compared. Lists compare whole (the alarms, in order).
 *
 *   request { …CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 } }, running Value 25
 *     → ['BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value: 25 running, 10 in this file']
 *   request alarms [a, b], running [a] → ['AutoRollbackConfiguration.Alarms: [{"AlarmName":"a"}] running, … in this file']
 *   the same values → []
 */
export function deploymentConfigDifferences(requested: unknown, running: unknown, path = ''): string[] {
  if (requested === undefined) return [];
  if (isRecord(requested) && isRecord(running))
    return Object.entries(requested).flatMap(([key, value]) =>
      deploymentConfigDifferences(value, running[key], path === '' ? key : `${path}.${key}`),
    );
  if (JSON.stringify(requested) === JSON.stringify(running)) return [];
  const shown = (value: unknown) => (value === undefined ? 'absent' : JSON.stringify(value));
  return [`${path || 'DeploymentConfig'}: ${shown(running)} running, ${shown(requested)} in this file`];
}

/**
 * The refusal when they differ: what is running and how it differs, so the user can wait for it or stop it.
 *
 *   "an update of fraud to fraud-v43 is running with another deployment config than this file's
 *    (…CanarySize.Value: 25 running, 10 in this file): wait for it to end, or stop it, and deploy again"
 */
export function notOurUpdate(what: string, differences: readonly string[]): string {
  const shown =
    differences.slice(0, 3).join('; ') +
    (differences.length > 3 ? `; and ${differences.length - 3} more` : '');
  return `${what} is running with another deployment config than this file's (${shown}): it is not the update this file would start, so it is not attached to; wait for it to end (or stop it) and deploy again`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
