// The loopback redirect of `accredit login` (RFC 8252 §7.3): a one-request HTTP server on
// 127.0.0.1 that receives the browser's redirect to http://localhost:<port>/callback with the
// authorisation code. Cognito accepts a plain-HTTP callback only for `localhost`, so that is the
// registered name, while the server listens on the loopback address alone.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { SignInError } from './cognito-oauth.ts';

interface Redirect {
  redirectUri: string;
  /** Resolves with the code of the redirect that carries this login's state. */
  code: Promise<string>;
  close(): Promise<void>;
}

const page = (title: string, text: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

const listen = (server: Server, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new SignInError(`Port ${port} is in use: close what holds it, or sign in with --port <the stage's cliCallbackPort>`, { cause: error }) : error),
    );
    server.listen(port, '127.0.0.1', resolve);
  });

const awaitRedirect = async ({ port, state, timeoutMs }: { port: number; state: string; timeoutMs: number }): Promise<Redirect> => {
  let settle: { resolve(code: string): void; reject(error: Error): void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://localhost:${port}`);
    if (url.pathname !== '/callback') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    // Another tab's or another site's redirect: refused, and the login goes on waiting for its own.
    if (url.searchParams.get('state') !== state) {
      response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page('Sign-in not recognised', 'This answer is not for the sign-in the command line started. Go back to the terminal.'));
      return;
    }
    const error = url.searchParams.get('error');
    const received = url.searchParams.get('code');
    if (error || !received) {
      response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page('Sign-in failed', 'Go back to the terminal for the reason.'));
      settle?.reject(new SignInError(`Sign-in refused: ${error ?? 'no code in the redirect'}${url.searchParams.get('error_description') ? `: ${url.searchParams.get('error_description')}` : ''}`));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Signed in', 'You are signed in to the accredit command line. You can close this tab.'));
    settle?.resolve(received);
  });
  await listen(server, port);
  const timer = setTimeout(() => settle?.reject(new SignInError(`No sign-in within ${Math.round(timeoutMs / 1000)} s: run accredit login again`)), timeoutMs);
  return {
    redirectUri: `http://localhost:${port}/callback`,
    code,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export { awaitRedirect };
export type { Redirect };
