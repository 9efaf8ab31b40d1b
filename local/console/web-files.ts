// The web app on the local port: web/dist's files, index.html for any page address (the app
// routes in the browser, as CloudFront's error response does on AWS), and the runtime config.json
// the deploy writes on AWS. The local config names the local sign-in picker and the manual clock.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultDistDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));
/** Tests build the app into their own folder (WEB_DIST_DIR); `npm start` uses web/dist. */
const distDir = (): string => process.env.WEB_DIST_DIR ?? defaultDistDir;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * The headers CloudFront's response headers policy sets on AWS: no inline script or style, no
 * framing, no sniffing. Locally there is no TLS, so no HSTS.
 */
const securityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

interface LocalWebConfig {
  /** The SES inbox and other local tools, linked from the footer; `evidenceStore` is the local S3 the pages upload evidence files to. */
  links: Record<string, string>;
}

/** The pages post evidence files straight to the store (a presigned POST), so its origin joins connect-src, as S3's does on AWS. */
const pageHeaders = ({ links }: LocalWebConfig): Record<string, string> =>
  links.evidenceStore
    ? { 'content-security-policy': securityHeaders['content-security-policy'].replace("connect-src 'self'", `connect-src 'self' ${new URL(links.evidenceStore).origin}`) }
    : {};

const localConfig = ({ links }: LocalWebConfig) => ({
  apiBase: '/api',
  auth: { kind: 'local', signInUrl: '/_local/sign-in' },
  clockUrl: '/_local/clock',
  links: [
    ...(links.sesInbox ? [{ text: 'Local email inbox (SES emulator)', href: links.sesInbox }] : []),
    { text: 'Sign in as someone else', href: '/_local/sign-in' },
  ],
});

const send = (response: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache', ...securityHeaders, ...extra });
  response.end(body);
};

/** A file under the dist folder, or undefined (no path escapes the folder). */
const fileFor = (path: string): string | undefined => {
  const root = distDir();
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const file = normalize(join(root, decoded));
  if (!file.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return undefined;
  return extname(file) && existsSync(file) ? file : undefined;
};

/** A browser asking for a page (not the CLI or fetch asking the API at the same address). */
const wantsPage = (request: IncomingMessage): boolean =>
  request.headers['sec-fetch-mode'] === 'navigate' || (request.headers.accept ?? '').split(',').some((type) => type.trim().startsWith('text/html'));

const notBuilt = (response: ServerResponse) =>
  send(response, 503, '<!doctype html><title>Web app not built</title><p>The web app is not built: run <code>npm run build:web</code>.</p>', 'text/html; charset=utf-8');

/** Answers the request when it is the web app's; false lets the API have it. */
const serveWebApp = async (request: IncomingMessage, response: ServerResponse, config: LocalWebConfig): Promise<boolean> => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/config.json') {
    send(response, 200, JSON.stringify(localConfig(config)), 'application/json');
    return true;
  }
  const file = path === '/' ? undefined : fileFor(path);
  if (file) {
    send(response, 200, await readFile(file), contentTypes[extname(file)] ?? 'application/octet-stream');
    return true;
  }
  if (path === '/' || (!extname(path) && wantsPage(request))) {
    const index = join(distDir(), 'index.html');
    if (!existsSync(index)) notBuilt(response);
    else send(response, 200, await readFile(index), contentTypes['.html'], pageHeaders(config));
    return true;
  }
  return false;
};

export { securityHeaders, serveWebApp };
export type { LocalWebConfig };
