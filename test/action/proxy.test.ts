import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { test } from 'node:test';
import { exampleText } from '../../core/test/support/examples.js';
import { startGitHubDouble } from '../support/github-double.js';
import { pullRequestEvent, runAction } from './run-action.js';

// The bundle loads undici only for a request through a proxy (action/src/undici-on-demand.ts): with http_proxy
// set, plan mode's calls to GitHub go through the proxy's CONNECT tunnels, as a self-hosted runner behind a
// proxy needs. The API's host is not loopback (the client would bypass the proxy for loopback); the proxy
// tunnels every CONNECT to the GitHub double.

test('plan mode through an HTTP proxy: every GitHub call goes through its tunnels, and the comment is written', async () => {
  const github = await startGitHubDouble({ files: [{ filename: 'rollouts/canary.rollout.yaml' }] });
  const port = Number(new URL(github.url).port);
  const tunnels: string[] = [];
  const proxy = createServer();
  proxy.on('connect', (request, client, head) => {
    tunnels.push(request.url ?? '');
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const run = await runAction({
      inputs: { mode: 'plan', 'github-token': 'ghs_test' },
      workspace: { 'rollouts/canary.rollout.yaml': exampleText('sagemaker-canary.rollout.yaml') },
      event: pullRequestEvent(7),
      env: {
        GITHUB_API_URL: `http://api.github.test:${port}`,
        http_proxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      },
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(github.comments.length, 1, run.stdout);
    assert.ok(tunnels.length > 0, 'no request went through the proxy');
    assert.deepEqual(new Set(tunnels), new Set([`api.github.test:${port}`]));
  } finally {
    proxy.closeAllConnections();
    proxy.close();
    await github.stop();
  }
});
