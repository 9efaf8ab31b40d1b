// `accredit login` and `accredit logout` against a deployed stage: Cognito managed login in the
// browser with the authorisation-code flow and PKCE, the code received on a loopback redirect, the
// tokens kept under the user's config directory (credentials.ts). After it, every command sends the
// ID token to that stage's API (bearer-token.ts).
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { authorizeUrl, exchangeCode, revokeRefreshToken } from './cognito-oauth.ts';
import { credentialsPath, readCredentials, removeCredentials, writeCredentials } from './credentials.ts';
import { awaitRedirect } from './loopback-redirect.ts';
import { newPkce } from './pkce.ts';
import type { Output } from './program.ts';
import { stageSignIn } from './stage-sign-in.ts';

/** The CLI's callback registered on the app client: lib/config/stage-config.ts, context cliCallbackPort. */
const DEFAULT_CALLBACK_PORT = 8976;
const DEFAULT_TIMEOUT_SECONDS = 300;

const portArgument = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new InvalidArgumentError('a port from 1024 to 65535');
  return port;
};

const secondsArgument = (value: string): number => {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1) throw new InvalidArgumentError('a whole number of seconds, 1 or more');
  return seconds;
};

/** Best effort: where there is no desktop (a server, CI) the printed address is enough. */
const openInBrowser = (url: string): void => {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the user follows the printed address.
  }
};

interface LoginOptions {
  stageUrl?: string;
  port: number;
  browser: boolean;
  timeout: number;
  clientId?: string;
  signInOrigin?: string;
  apiUrl?: string;
}

const addLoginCommands = (program: Command, { output }: { output: Output }): void => {
  program
    .command('login')
    .description("sign in to a deployed stage (Cognito managed login in the browser, code + PKCE); later commands then call that stage's API with your ID token")
    .option('--stage-url <url>', "the web app's URL (the AppUrl output); its /config.json names the app client, managed login and the API")
    .option('--port <port>', "the loopback redirect's port: the stage's cliCallbackPort", portArgument, DEFAULT_CALLBACK_PORT)
    .option('--no-browser', 'only print the sign-in address, do not try to open a browser')
    .option('--timeout <seconds>', 'how long to wait for the sign-in', secondsArgument, DEFAULT_TIMEOUT_SECONDS)
    .option('--client-id <id>', 'the app client id (UserPoolClientId output), instead of config.json')
    .option('--sign-in-origin <url>', 'managed login, https://<prefix>.auth.<region>.amazoncognito.com (SignInDomain), instead of config.json')
    .option('--api-url <url>', "the API's base URL, instead of <stage-url>/api")
    .action(async (options: LoginOptions) => {
      const signIn = await stageSignIn(options.stageUrl, options);
      const pkce = newPkce();
      const redirect = await awaitRedirect({ port: options.port, state: pkce.state, timeoutMs: options.timeout * 1000 });
      try {
        const url = authorizeUrl(signIn, redirect.redirectUri, pkce);
        output.err(`Sign in in your browser. If it does not open, go to:\n\n  ${url}\n`);
        if (options.browser) openInBrowser(url);
        const code = await redirect.code;
        const tokens = await exchangeCode(signIn, code, redirect.redirectUri, pkce.verifier);
        const path = await writeCredentials({ ...signIn, tokens });
        output.out(`Signed in to ${signIn.apiUrl} until ${tokens.expiresAt}${tokens.refreshToken ? ' (renewed automatically)' : ''}. Credentials: ${path}`);
      } finally {
        await redirect.close();
      }
    });

  program
    .command('logout')
    .description('revoke the refresh token at the stage and delete the stored credentials')
    .action(async () => {
      const credentials = await readCredentials();
      if (!credentials) return output.out('Not signed in.');
      if (credentials.tokens.refreshToken) {
        try {
          await revokeRefreshToken(credentials, credentials.tokens.refreshToken);
        } catch (error) {
          // The local copy goes regardless: a revocation that failed leaves tokens that expire on their own.
          output.err(`Warning: the refresh token could not be revoked (${error instanceof Error ? error.message : String(error)}); it expires on its own.`);
        }
      }
      await removeCredentials();
      output.out(`Signed out of ${credentials.apiUrl}; deleted ${credentialsPath()}.`);
    });
};

/** The API a command calls when neither --api nor ACCREDIT_API_URL says: the stage signed in to, if any. */
const signedInApiUrl = async (): Promise<string | undefined> => (await readCredentials())?.apiUrl;

export { DEFAULT_CALLBACK_PORT, addLoginCommands, signedInApiUrl };
