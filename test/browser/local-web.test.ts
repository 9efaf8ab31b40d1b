// The local adapter's side of the web app: the built files with the security headers, index.html
// for page addresses (the app routes in the browser), the API under /api/ as well as at / (the
// CLI), the runtime config.json naming the local sign-in, and the sign-in picker's redirects.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/local-app.ts';
import type { TestApp } from '../support/local-app.ts';
import { buildWebForTest } from './support/browser.ts';

let env: TestApp;
let baseUrl: string;

/** A raw GET, so a path such as /%2e%2e/ reaches the server as written (fetch would normalise it). */
const rawGet = (path: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    const outgoing = request({ host: url.hostname, port: url.port, path, method: 'GET', headers: { accept: 'text/html' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });

describe('Local adapter: the web app', () => {
  beforeAll(async () => {
    await buildWebForTest();
    env = await startTestApp();
    baseUrl = env.app.urls.api;
  }, 180_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('answers config.json with the local sign-in, the API base and the workflow clock', async () => {
    // Act
    const response = await fetch(`${baseUrl}/config.json`);

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ apiBase: '/api', auth: { kind: 'local', signInUrl: '/_local/sign-in' }, clockUrl: '/_local/clock' });
  });

  it.each([
    { path: '/', accept: 'text/html' },
    { path: '/cycles/2025-spring--hill-ward', accept: 'text/html,application/xhtml+xml' },
    { path: '/cycles/2025-spring--hill-ward/tasks/self-review', accept: 'text/html' },
  ])('serves index.html for the page address $path, with a CSP that allows no inline script', async ({ path, accept }) => {
    // Act
    const response = await fetch(`${baseUrl}${path}`, { headers: { accept } });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<script type="module" src="/app.js">');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    { path: '/app.js', type: 'text/javascript' },
    { path: '/app.css', type: 'text/css' },
    { path: '/assets/images/nhsuk-icon-arrow-up-down.svg', type: 'image/svg+xml' },
  ])('serves the built file $path', async ({ path, type }) => {
    // Act
    const response = await fetch(`${baseUrl}${path}`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(type);
  });

  it('keeps the API at / for the CLI and serves it under /api/ for the app, with the same answers', async () => {
    // Act
    const [atRoot, underApi] = await Promise.all([fetch(`${baseUrl}/networks`), fetch(`${baseUrl}/api/networks`)]);

    // Assess
    expect(atRoot.status).toBe(200);
    expect(underApi.status).toBe(200);
    expect(await underApi.json()).toEqual(await atRoot.json());
  });

  it('gives an unknown API path under /api/ the API\'s 404, not the app', async () => {
    // Act
    const response = await fetch(`${baseUrl}/api/nowhere`, { headers: { accept: 'text/html' } });

    // Assess
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'NotFound' });
  });

  it('serves no file from outside the build folder', async () => {
    // Act
    const response = await rawGet('/%2e%2e/%2e%2e/package.json');

    // Assess
    expect(response.body).not.toContain('"devDependencies"');
  });

  it.each([
    { returnTo: '/cycles/abc', location: '/cycles/abc?local-user=staff&local-name=Network+staff' },
    { returnTo: '//elsewhere.example/steal', location: '/?local-user=staff&local-name=Network+staff' },
    { returnTo: 'https://elsewhere.example/', location: '/?local-user=staff&local-name=Network+staff' },
  ])('the sign-in picker returns to $returnTo only when it is a path on this site', async ({ returnTo, location }) => {
    // Act
    const response = await fetch(`${baseUrl}/_local/sign-in?as=staff&return=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });

    // Assess
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(location);
  });

  it('the sign-in picker refuses an identity it does not offer', async () => {
    // Act
    const response = await fetch(`${baseUrl}/_local/sign-in?as=${encodeURIComponent('staff:forged')}`, { redirect: 'manual' });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Sign in as');
  });
});
