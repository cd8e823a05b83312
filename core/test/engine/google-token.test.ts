import assert from 'node:assert/strict';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GoogleAuthError, googleTokenSource, vertexProvider } from '../../src/engine/index.js';
import { validateRollout } from '../../src/index.js';

// Google application default credentials, the subset Shiftwise reads, against a token endpoint on 127.0.0.1.

interface Seen {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly form: URLSearchParams;
}

async function tokenServer(status = 200) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, form: new URLSearchParams(body) });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        status === 200
          ? JSON.stringify({ access_token: `t${seen.length}`, expires_in: 3600 })
          : '{"error":"invalid_grant"}',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, host, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const dir = mkdtempSync(join(tmpdir(), 'shiftwise-adc-'));
const keyFile = (name: string, content: object) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};
// No gcloud folder of the machine's user leaks into these tests.
const none = { CLOUDSDK_CONFIG: join(dir, 'no-gcloud') };

test('SHIFTWISE_VERTEX_TOKEN wins and is used as is', async () => {
  const source = googleTokenSource({ ...none, SHIFTWISE_VERTEX_TOKEN: 'abc' });
  assert.equal(await source.token(), 'abc');
  assert.equal(await source.describe(), 'SHIFTWISE_VERTEX_TOKEN');
});

test('no credentials anywhere: no token, and Vertex preflight refuses saying what to set', async () => {
  assert.equal(await googleTokenSource(none).token(), undefined);
  const rollout = validateRollout(
    'version: 1\nprovider: vertex-ai\nproject: p\nlocation: us-central1\nendpoint: "1"\nmodel: projects/p/locations/us-central1/models/m@2\ncapacity: 2\nstrategy:\n  type: rolling\n  maxSurge: 1\n  maxUnavailable: 0\ntimeout: 1h\n',
  ).value!;
  assert.equal(rollout.provider, 'vertex-ai');
  if (rollout.provider !== 'vertex-ai') return;
  const verdict = await vertexProvider(rollout, { env: none }).preflight();
  assert.equal(verdict.kind, 'refused');
  assert.match(
    verdict.kind === 'refused' ? verdict.reason : '',
    /set SHIFTWISE_VERTEX_TOKEN.*GOOGLE_APPLICATION_CREDENTIALS/,
  );
});

test('a service-account key: a signed JWT is exchanged at its token_uri, and the token is cached', async () => {
  const server = await tokenServer();
  try {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const uri = `http://${server.host}/token`;
    const path = keyFile('sa.json', {
      type: 'service_account',
      client_email: 'deployer@p.iam.gserviceaccount.com',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      token_uri: uri,
    });
    const source = googleTokenSource({ ...none, GOOGLE_APPLICATION_CREDENTIALS: path });
    assert.equal(await source.token(), 't1');
    assert.equal(await source.token(), 't1');
    assert.equal(server.seen.length, 1);
    const form = server.seen[0]!.form;
    assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, claims, signature] = form.get('assertion')!.split('.');
    const verified = createVerify('RSA-SHA256')
      .update(`${header}.${claims}`)
      .verify(publicKey, signature!, 'base64url');
    assert.ok(verified, "the assertion is signed with the key file's key");
    const body = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as Record<string, unknown>;
    assert.deepEqual(
      [body.iss, body.aud, body.scope, (body.exp as number) - (body.iat as number)],
      ['deployer@p.iam.gserviceaccount.com', uri, 'https://www.googleapis.com/auth/cloud-platform', 3600],
    );
    assert.match((await source.describe())!, /service account deployer@/);
  } finally {
    await server.close();
  }
});

test("gcloud's authorized_user file: the refresh token is exchanged", async () => {
  const server = await tokenServer();
  try {
    const gcloud = join(dir, 'gcloud');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(gcloud, { recursive: true });
    writeFileSync(
      join(gcloud, 'application_default_credentials.json'),
      JSON.stringify({
        type: 'authorized_user',
        client_id: 'id',
        client_secret: 'secret',
        refresh_token: 'r',
        token_uri: `http://${server.host}/token`,
      }),
    );
    assert.equal(await googleTokenSource({ CLOUDSDK_CONFIG: gcloud }).token(), 't1');
    assert.deepEqual(
      [...server.seen[0]!.form.entries()],
      [
        ['grant_type', 'refresh_token'],
        ['refresh_token', 'r'],
        ['client_id', 'id'],
        ['client_secret', 'secret'],
      ],
    );
  } finally {
    await server.close();
  }
});

test('the metadata server, when GCE_METADATA_HOST names it', async () => {
  const server = await tokenServer();
  try {
    assert.equal(await googleTokenSource({ ...none, GCE_METADATA_HOST: server.host }).token(), 't1');
    assert.equal(server.seen[0]!.path, '/computeMetadata/v1/instance/service-accounts/default/token');
    assert.equal(server.seen[0]!.headers['metadata-flavor'], 'Google');
  } finally {
    await server.close();
  }
});

test('a refused grant is a GoogleAuthError with its status (not retried); other key types say what to do', async () => {
  const server = await tokenServer(400);
  try {
    const path = keyFile('user.json', {
      type: 'authorized_user',
      client_id: 'id',
      client_secret: 's',
      refresh_token: 'revoked',
      token_uri: `http://${server.host}/token`,
    });
    await assert.rejects(
      googleTokenSource({ ...none, GOOGLE_APPLICATION_CREDENTIALS: path }).token(),
      (e) => e instanceof GoogleAuthError && e.status === 400 && /invalid_grant/.test(e.message),
    );
  } finally {
    await server.close();
  }
  const federated = keyFile('wif.json', { type: 'external_account' });
  await assert.rejects(
    googleTokenSource({ ...none, GOOGLE_APPLICATION_CREDENTIALS: federated }).token(),
    /'external_account' are not read by Shiftwise.*SHIFTWISE_VERTEX_TOKEN/,
  );
});
