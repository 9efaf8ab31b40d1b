// The sign-in used on AWS, in a browser: config.json names an OpenID Connect provider (Cognito's
// managed login on AWS; here a stand-in answered by the test on the app's own origin, so the page's
// CSP stays as strict as deployed). The app must use the authorisation-code flow with PKCE (S256),
// send no client secret, send the configured token as a bearer to the API, and sign out through the
// provider's logout endpoint with Cognito's parameters.
import { createHash } from 'node:crypto';
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { axeViolations, buildWebForTest, launchChromium } from './support/browser.ts';

const CLIENT_ID = 'web-client';
const CODE = 'code-123';

let env: TestApp;
let browser: Browser;
let appUrl: string;

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
/** An ID token as Cognito shapes it (the app reads its claims; the API's authoriser checks the signature). */
const idTokenFor = (issuer: string): string =>
  [
    base64url(JSON.stringify({ alg: 'RS256', kid: 'test' })),
    base64url(
      JSON.stringify({
        iss: issuer,
        aud: CLIENT_ID,
        sub: 'user-1',
        email: 'coordinator@network.example.org',
        name: 'Jo Coordinator',
        'cognito:groups': ['staff'],
        token_use: 'id',
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
    ),
    base64url('signature'),
  ].join('.');

interface ProviderLog {
  authorize?: URLSearchParams;
  token?: URLSearchParams;
  logout?: URLSearchParams;
  idToken?: string;
}

/** The stand-in provider: discovery, authorize (signs straight in), token and logout. */
const standInProvider = (issuer: string, log: ProviderLog) => async (route: Route) => {
  const url = new URL(route.request().url());
  const path = url.pathname.slice(new URL(issuer).pathname.length);
  if (path === '/.well-known/openid-configuration') {
    return route.fulfill({
      json: { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, response_types_supported: ['code'] },
    });
  }
  if (path === '/authorize') {
    log.authorize = url.searchParams;
    const back = new URL(url.searchParams.get('redirect_uri') ?? '');
    back.searchParams.set('code', CODE);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    return route.fulfill({ status: 302, headers: { location: back.toString() } });
  }
  if (path === '/token') {
    log.token = new URLSearchParams(route.request().postData() ?? '');
    log.idToken = idTokenFor(issuer);
    return route.fulfill({ json: { id_token: log.idToken, access_token: 'access-token', refresh_token: 'refresh-token', token_type: 'Bearer', expires_in: 3600 } });
  }
  if (path === '/logout') {
    log.logout = url.searchParams;
    return route.fulfill({ status: 302, headers: { location: url.searchParams.get('logout_uri') ?? '/' } });
  }
  return route.fulfill({ status: 404, body: 'not found' });
};

describe('Browser: sign-in with an OpenID Connect provider (Cognito on AWS)', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    appUrl = env.app.urls.api;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it('signs in with the code flow and PKCE, calls the API with the ID token, and signs out at the provider', async () => {
    // Prepare
    const issuer = `${appUrl}/_stand-in-idp`;
    const log: ProviderLog = {};
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route('**/config.json', (route) =>
      route.fulfill({
        json: {
          apiBase: '/api',
          auth: {
            kind: 'oidc',
            authority: issuer,
            clientId: CLIENT_ID,
            redirectUri: `${appUrl}/auth/callback`,
            postLogoutRedirectUri: `${appUrl}/signed-out`,
            endSessionEndpoint: `${issuer}/logout`,
            apiToken: 'id_token',
          },
        },
      }),
    );
    await page.route(`${issuer}/**`, standInProvider(issuer, log));
    const apiAuthorisations: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiAuthorisations.push(request.headers().authorization);
    });

    // Act
    await page.goto(`${appUrl}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Cohort board' }).waitFor();
    const signedInAt = new URL(page.url()).pathname;
    const header = await page.getByRole('navigation', { name: 'Account' }).innerText();
    const violations = await axeViolations(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();

    // Assess: the authorisation request
    expect(log.authorize?.get('response_type')).toBe('code');
    expect(log.authorize?.get('client_id')).toBe(CLIENT_ID);
    expect(log.authorize?.get('redirect_uri')).toBe(`${appUrl}/auth/callback`);
    expect(log.authorize?.get('code_challenge_method')).toBe('S256');
    // Assess: the token request proves the PKCE verifier and carries no secret
    expect(log.token?.get('grant_type')).toBe('authorization_code');
    expect(log.token?.get('code')).toBe(CODE);
    const verifier = log.token?.get('code_verifier') ?? '';
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(log.authorize?.get('code_challenge'));
    expect(log.token?.has('client_secret')).toBe(false);
    // Assess: back at the page signed in, the API called with the ID token, signed out at Cognito's /logout
    expect(signedInAt).toBe('/');
    expect(header).toContain('Jo Coordinator');
    expect(apiAuthorisations.length).toBeGreaterThan(0);
    expect(new Set(apiAuthorisations)).toEqual(new Set([`Bearer ${log.idToken}`]));
    expect(log.logout?.get('client_id')).toBe(CLIENT_ID);
    expect(log.logout?.get('logout_uri')).toBe(`${appUrl}/signed-out`);
    expect(violations).toEqual([]);
    await context.close();
  });
});
