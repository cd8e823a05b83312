import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { namedTimeout, wireSignal } from '../wire-timeouts.js';

/** An OAuth 2 access token for Vertex AI, fetched and renewed on demand. */
export interface TokenSource {
  /** Where the token comes from, for preflight's log: "SHIFTWISE_VERTEX_TOKEN", "service account a@p.iam…". */
  describe(): Promise<string | undefined>;
  /** A bearer token; `undefined` when no source of credentials exists. */
  token(signal?: AbortSignal): Promise<string | undefined>;
}

const scope = 'https://www.googleapis.com/auth/cloud-platform';
const googleTokenUri = 'https://oauth2.googleapis.com/token';

/** A token endpoint's refusal (bad key, revoked grant): not retried, shown as is. HTTP status kept for retries. */
export class GoogleAuthError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GoogleAuthError';
  }
}

interface KeyFile {
  readonly type?: string;
  readonly client_email?: string;
  readonly private_key?: string;
  readonly token_uri?: string;
  readonly client_id?: string;
  readonly client_secret?: string;
  readonly refresh_token?: string;
}

/**
 * Google application default credentials, the small honest subset (docs/engine.md), first found wins:
 *   1. SHIFTWISE_VERTEX_TOKEN: a ready access token (`gcloud auth print-access-token`, google-github-actions/auth).
 *   2. GOOGLE_APPLICATION_CREDENTIALS, else gcloud's `application_default_credentials.json`: a `service_account`
 *      key (a signed JWT exchanged at its `token_uri`) or an `authorized_user` (`gcloud auth application-default
 *      login`; its refresh token exchanged). Other types (`external_account` for workload identity federation,
 *      impersonation) are refused with what to do instead.
 *   3. GCE_METADATA_HOST set (as on Google's runtimes that proxy it): the metadata server's default service account.
 * Tokens are cached until a minute before they expire (wall-clock time: tokens expire in real time).
 */
export function googleTokenSource(env: NodeJS.ProcessEnv): TokenSource {
  let cached: { token: string; expiresAt: number } | undefined;
  const keyPath =
    env.GOOGLE_APPLICATION_CREDENTIALS ??
    join(
      env.CLOUDSDK_CONFIG ??
        (process.platform === 'win32' && env.APPDATA
          ? join(env.APPDATA, 'gcloud')
          : join(homedir(), '.config', 'gcloud')),
      'application_default_credentials.json',
    );
  const keyFile = async (): Promise<KeyFile | undefined> => {
    let text: string;
    try {
      text = await readFile(keyPath, 'utf8');
    } catch (error) {
      if (env.GOOGLE_APPLICATION_CREDENTIALS === undefined) return undefined;
      throw new GoogleAuthError(
        0,
        `GOOGLE_APPLICATION_CREDENTIALS=${keyPath} cannot be read: ${String(error)}`,
      );
    }
    try {
      return JSON.parse(text) as KeyFile;
    } catch {
      throw new GoogleAuthError(0, `${keyPath} is not a JSON credentials file`);
    }
  };

  return {
    async describe() {
      if (env.SHIFTWISE_VERTEX_TOKEN) return 'SHIFTWISE_VERTEX_TOKEN';
      const key = await keyFile();
      if (key?.type === 'service_account') return `service account ${key.client_email} (${keyPath})`;
      if (key?.type === 'authorized_user') return `gcloud user credentials (${keyPath})`;
      if (key) return `${key.type ?? 'unknown'} credentials (${keyPath})`;
      return env.GCE_METADATA_HOST ? `metadata server ${env.GCE_METADATA_HOST}` : undefined;
    },
    async token(signal) {
      if (env.SHIFTWISE_VERTEX_TOKEN) return env.SHIFTWISE_VERTEX_TOKEN;
      if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
      const key = await keyFile();
      const fresh = key
        ? await exchange(key, keyPath, signal)
        : env.GCE_METADATA_HOST
          ? await metadataToken(env.GCE_METADATA_HOST, signal)
          : undefined;
      if (!fresh) return undefined;
      cached = { token: fresh.access_token, expiresAt: Date.now() + (fresh.expires_in ?? 3600) * 1000 };
      return cached.token;
    },
  };
}

interface TokenAnswer {
  readonly access_token: string;
  readonly expires_in?: number;
}

async function exchange(key: KeyFile, path: string, signal?: AbortSignal): Promise<TokenAnswer> {
  if (key.type === 'service_account' && key.client_email && key.private_key) {
    const uri = key.token_uri ?? googleTokenUri;
    return postForm(
      uri,
      { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt(key, uri) },
      signal,
    );
  }
  if (key.type === 'authorized_user' && key.refresh_token && key.client_id && key.client_secret)
    return postForm(
      key.token_uri ?? googleTokenUri,
      {
        grant_type: 'refresh_token',
        refresh_token: key.refresh_token,
        client_id: key.client_id,
        client_secret: key.client_secret,
      },
      signal,
    );
  throw new GoogleAuthError(
    0,
    `${path}: credentials of type '${key.type ?? '?'}' are not read by Shiftwise (service_account and authorized_user are); pass an access token in SHIFTWISE_VERTEX_TOKEN instead (google-github-actions/auth with token_format: access_token)`,
  );
}

/**
 * The signed assertion of a service account (RFC 7523): header `{"alg":"RS256","typ":"JWT"}`, claims
 * `{iss: client_email, scope, aud: token_uri, iat, exp: iat + 3600}`, signed RSA-SHA256 with the key file's key.
 */
export function jwt(key: KeyFile, audience: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({
    iss: key.client_email,
    scope,
    aud: audience,
    iat: nowSeconds,
    exp: nowSeconds + 3600,
  })}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key!, 'base64url');
  return `${unsigned}.${signature}`;
}

async function postForm(
  uri: string,
  form: Record<string, string>,
  signal?: AbortSignal,
): Promise<TokenAnswer> {
  try {
    const response = await fetch(uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      signal: wireSignal(signal),
    });
    return await tokenAnswer(response, uri);
  } catch (error) {
    throw namedTimeout(error, `the token request to ${uri}`);
  }
}

async function metadataToken(host: string, signal?: AbortSignal): Promise<TokenAnswer> {
  const uri = `http://${host}/computeMetadata/v1/instance/service-accounts/default/token`;
  try {
    const response = await fetch(uri, {
      headers: { 'metadata-flavor': 'Google' },
      signal: wireSignal(signal),
    });
    return await tokenAnswer(response, uri);
  } catch (error) {
    throw namedTimeout(error, `the token request to ${uri}`);
  }
}

async function tokenAnswer(response: Response, uri: string): Promise<TokenAnswer> {
  const text = await response.text();
  if (!response.ok)
    throw new GoogleAuthError(
      response.status,
      `token request to ${uri} answered ${response.status}: ${text.slice(0, 200)}`,
    );
  const answer = JSON.parse(text) as Partial<TokenAnswer>;
  if (typeof answer.access_token !== 'string')
    throw new GoogleAuthError(response.status, `token request to ${uri} returned no access_token`);
  return answer as TokenAnswer;
}
