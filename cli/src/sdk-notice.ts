/**
 * Silences the AWS SDK's one notice about Node versions (`NodeVersionSupportWarning`: "versions published after the
 * first week of January 2027 will require node >=22"), nine lines on stderr from every command that builds SDK
 * clients (deploy, promote, abort, status, demo). Shiftwise supports Node 20 (README.md); the notice is about SDK
 * versions not yet published, so it tells the user nothing to act on in each run.
 *
 * It uses the SDK's own switch, `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED`, which the SDK reads from
 * `process.env` when a client is built: every other warning still shows. A value the user set is kept (set it to
 * `false` to see the notice).
 */
export function quietSdkNodeVersionNotice(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
