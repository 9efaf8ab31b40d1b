// `accredit login` against a stand-in for a deployed stage (issue 8, "a CLI test"): one node:http
// server on 127.0.0.1 plays the app's /config.json, Cognito managed login (/oauth2/authorize,
// /oauth2/token with the PKCE verifier checked, /oauth2/revoke) and the API, recording the headers
// it receives. The test is the browser: it follows the printed sign-in address and drives the
// loopback redirect itself. Then later commands carry the ID token, a refresh happens after expiry,
// and logout revokes the refresh token and forgets the tokens.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run.ts';
import { freePort } from '../../local/services/dynamodb-local.ts';
import { waitFor } from '../support/local-app.ts';

const CLIENT_ID = 'cli-test-client';

interface Recorded {
  authorize: URLSearchParams[];
  token: URLSearchParams[];
  revoke: URLSearchParams[];
  api: { path: string; authorization?: string }[];
}

let server: Server;
let origin: string;
let configDir: string;
let callbackPort: number;
let issued = 0;
/** A refresh token the stand-in no longer honours (as after a revocation or its expiry). */
const refused = new Set<string>();
const recorded: Recorded = { authorize: [], token: [], revoke: [], api: [] };

/** An unsigned JWT is enough: the CLI reads only `exp`, the API (here the stand-in) checks the rest. */
const idToken = (serial: number, expiresInSeconds: number) =>
  [{ alg: 'none' }, { sub: 'user-1', aud: CLIENT_ID, 'cognito:groups': ['staff'], serial, exp: Math.floor(Date.now() / 1000) + expiresInSeconds }]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.')
    .concat('.');

const bodyOf = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });

/** Cognito's token endpoint, as far as the CLI uses it: the code with its PKCE verifier, then refreshes. */
const tokenAnswer = (form: URLSearchParams) => {
  if (form.has('client_secret')) return json(400, { error: 'invalid_client' });
  if (form.get('client_id') !== CLIENT_ID) return json(400, { error: 'invalid_client' });
  if (form.get('grant_type') === 'authorization_code') {
    const authorize = recorded.authorize.at(-1);
    const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
    if (!authorize || form.get('code') !== `code-for-${authorize.get('state')}`) return json(400, { error: 'invalid_grant', error_description: 'unknown code' });
    if (form.get('redirect_uri') !== authorize.get('redirect_uri')) return json(400, { error: 'invalid_grant', error_description: 'redirect_uri differs' });
    if (challenge !== authorize.get('code_challenge')) return json(400, { error: 'invalid_grant', error_description: 'code_verifier does not match' });
    issued += 1;
    return json(200, { id_token: idToken(issued, 3600), access_token: `access-${issued}`, refresh_token: 'refresh-1', expires_in: 3600, token_type: 'Bearer' });
  }
  if (form.get('grant_type') === 'refresh_token') {
    const refreshToken = form.get('refresh_token') ?? '';
    if (refused.has(refreshToken) || refreshToken !== 'refresh-1') return json(400, { error: 'invalid_grant', error_description: 'Refresh Token has expired' });
    issued += 1;
    return json(200, { id_token: idToken(issued, 3600), access_token: `access-${issued}`, expires_in: 3600, token_type: 'Bearer' });
  }
  return json(400, { error: 'unsupported_grant_type' });
};

const startStandIn = async (): Promise<void> => {
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const body = await bodyOf(request);
    let answer: { status: number; body: string; location?: string };
    if (url.pathname === '/config.json') {
      // The shape the deploy writes (lib/web/web-hosting.ts, WebRuntimeConfig).
      answer = json(200, { authority: `${origin}/pool`, clientId: CLIENT_ID, signInOrigin: origin, redirectPath: '/callback', scopes: 'openid email profile', apiToken: 'id_token', apiBase: '/api' });
    } else if (url.pathname === '/oauth2/authorize') {
      recorded.authorize.push(url.searchParams);
      // Managed login, after the user signed in: back to the app client's callback with a code.
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.search = new URLSearchParams({ code: `code-for-${url.searchParams.get('state')}`, state: url.searchParams.get('state') ?? '' }).toString();
      answer = { status: 302, body: '', location: back.toString() };
    } else if (url.pathname === '/oauth2/token') {
      const form = new URLSearchParams(body);
      recorded.token.push(form);
      answer = tokenAnswer(form);
    } else if (url.pathname === '/oauth2/revoke') {
      const form = new URLSearchParams(body);
      recorded.revoke.push(form);
      refused.add(form.get('token') ?? '');
      answer = json(200, {});
    } else {
      recorded.api.push({ path: url.pathname, ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) });
      answer = json(200, { networks: [{ networkId: 'n1', name: 'Network one' }] });
    }
    response.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.location ? { location: answer.location } : {}) }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
};

/** Runs one `accredit` command in this process, with what it prints. */
const accredit = (...args: string[]) => {
  const lines = { out: [] as string[], err: [] as string[] };
  const done = runCli(['node', 'accredit', ...args], { out: (text) => lines.out.push(text), err: (text) => lines.err.push(text) });
  return { lines, done };
};

const credentialsFile = () => join(configDir, 'accredit', 'credentials.json');
const storedCredentials = async () => JSON.parse(await readFile(credentialsFile(), 'utf8')) as { apiUrl: string; tokens: { idToken: string; refreshToken?: string; expiresAt: string } };
const serialOf = (bearer: string | undefined) => (JSON.parse(Buffer.from((bearer ?? '').replace(/^Bearer /, '').split('.')[1] ?? '', 'base64url').toString()) as { serial: number }).serial;

/** Signs in as a person would, the test playing the browser: the printed address, managed login, the redirect. */
const signIn = async () => {
  const login = accredit('login', '--stage-url', origin, '--port', String(callbackPort), '--no-browser', '--timeout', '30');
  const address = await waitFor('the sign-in address', async () => login.lines.err.join('\n').match(/https?:\/\/\S+\/oauth2\/authorize\S+/)?.[0]);
  const atManagedLogin = await fetch(address, { redirect: 'manual' });
  const callback = atManagedLogin.headers.get('location') ?? '';
  const atLoopback = await fetch(callback);
  return { login, address: new URL(address), callback: new URL(callback), atLoopback, code: await login.done };
};

describe('CLI: accredit login against a deployed stage', () => {
  beforeAll(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'accredit-config-'));
    process.env.XDG_CONFIG_HOME = configDir;
    delete process.env.ACCREDIT_API_URL;
    callbackPort = await freePort();
    await startStandIn();
  });

  afterAll(async () => {
    delete process.env.XDG_CONFIG_HOME;
    await new Promise((resolve) => server?.close(resolve));
  });

  beforeEach(() => {
    recorded.api.length = 0;
  });

  it('signs in with the code flow and PKCE on a loopback redirect, and stores the tokens for the user alone', async () => {
    // Act
    const { login, address, callback, atLoopback, code } = await signIn();

    // Assess: the request managed login saw, and the token exchange the stand-in accepted (verifier checked)
    expect(code).toBe(0);
    expect(Object.fromEntries(address.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `http://localhost:${callbackPort}/callback`,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    expect(callback.origin).toBe(`http://localhost:${callbackPort}`);
    expect(atLoopback.status).toBe(200);
    expect(recorded.token.at(-1)?.get('grant_type')).toBe('authorization_code');
    expect(recorded.token.at(-1)?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(login.lines.out.join('\n')).toContain(`Signed in to ${origin}/api`);
    const stored = await storedCredentials();
    expect(stored).toMatchObject({ apiUrl: `${origin}/api`, clientId: CLIENT_ID, signInOrigin: origin, tokens: { refreshToken: 'refresh-1' } });
    expect(serialOf(stored.tokens.idToken)).toBe(issued);
    expect((await stat(credentialsFile())).mode & 0o777).toBe(0o600);
  });

  it("refuses a redirect that does not carry this login's state, and goes on waiting for its own", async () => {
    // Prepare
    const login = accredit('login', '--stage-url', origin, '--port', String(callbackPort), '--no-browser', '--timeout', '30');
    const address = new URL(await waitFor('the sign-in address', async () => login.lines.err.join('\n').match(/https?:\/\/\S+\/oauth2\/authorize\S+/)?.[0]));

    // Act
    const forged = await fetch(`http://127.0.0.1:${callbackPort}/callback?code=stolen&state=not-this-one`);
    const genuine = await fetch((await fetch(address, { redirect: 'manual' })).headers.get('location') ?? '');

    // Assess
    expect(forged.status).toBe(400);
    expect(genuine.status).toBe(200);
    await expect(login.done).resolves.toBe(0);
    expect(recorded.token.map((form) => form.get('code'))).not.toContain('stolen');
  });

  it("sends the ID token as the bearer to the stage's API on later commands, and to nowhere else", async () => {
    // Prepare
    const { idToken: stored } = (await storedCredentials()).tokens;

    // Act
    const toStage = await accredit('networks').done;
    const elsewhere = await accredit('--api', `${origin}/elsewhere`, 'networks').done;

    // Assess
    expect([toStage, elsewhere]).toEqual([0, 0]);
    expect(recorded.api).toEqual([
      { path: '/api/networks', authorization: `Bearer ${stored}` },
      { path: '/elsewhere/networks' },
    ]);
  });

  it('renews the tokens with the refresh token once the ID token has expired, and keeps the refresh token', async () => {
    // Prepare: the stored ID token expired a minute ago
    const credentials = await storedCredentials();
    await writeFile(credentialsFile(), JSON.stringify({ ...credentials, tokens: { ...credentials.tokens, expiresAt: new Date(Date.now() - 60_000).toISOString() } }));
    const refreshesBefore = recorded.token.filter((form) => form.get('grant_type') === 'refresh_token').length;

    // Act
    const run = accredit('networks');

    // Assess
    await expect(run.done).resolves.toBe(0);
    const refreshes = recorded.token.filter((form) => form.get('grant_type') === 'refresh_token');
    expect(refreshes).toHaveLength(refreshesBefore + 1);
    expect(refreshes.at(-1)?.get('refresh_token')).toBe('refresh-1');
    const renewed = await storedCredentials();
    expect(renewed.tokens.idToken).not.toBe(credentials.tokens.idToken);
    expect(renewed.tokens.refreshToken).toBe('refresh-1');
    expect(Date.parse(renewed.tokens.expiresAt)).toBeGreaterThan(Date.now());
    expect(recorded.api).toEqual([{ path: '/api/networks', authorization: `Bearer ${renewed.tokens.idToken}` }]);
    expect((await stat(credentialsFile())).mode & 0o777).toBe(0o600);
  });

  it('logs out: the refresh token is revoked at the stage and the stored tokens are gone', async () => {
    // Act
    const logout = accredit('logout');

    // Assess
    await expect(logout.done).resolves.toBe(0);
    expect(recorded.revoke.at(-1)?.get('token')).toBe('refresh-1');
    expect(recorded.revoke.at(-1)?.get('client_id')).toBe(CLIENT_ID);
    await expect(stat(credentialsFile())).rejects.toThrow(/ENOENT/);
    const after = accredit('--api', `${origin}/api`, 'networks');
    await expect(after.done).resolves.toBe(0);
    expect(recorded.api).toEqual([{ path: '/api/networks' }]);
  });

  it('says to sign in again when the refresh token is refused after expiry, and sends nothing to the API', async () => {
    // Prepare: signed in, then the refresh token revoked behind the CLI's back and the ID token expired
    await signIn();
    const credentials = await storedCredentials();
    refused.add('refresh-1');
    await writeFile(credentialsFile(), JSON.stringify({ ...credentials, tokens: { ...credentials.tokens, expiresAt: new Date(Date.now() - 1000).toISOString() } }));

    // Act
    const run = accredit('networks');

    // Assess
    await expect(run.done).resolves.toBe(1);
    expect(run.lines.err.join('\n')).toMatch(/could not be renewed.*invalid_grant.*accredit login/s);
    expect(recorded.api).toEqual([]);
  });
});
