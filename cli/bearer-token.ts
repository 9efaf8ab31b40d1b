// The `Authorization: Bearer` header of a request to the stage `accredit login` signed in to: the
// ID token (the token the API's JWT authoriser and handlers read, docs/deploy-to-aws.md), renewed
// with the refresh token shortly before it expires. A request to any other URL (the local stack,
// the local clock) carries no token: a stage's credential never leaves for somewhere else.
import { SignInError, refreshTokens } from './cognito-oauth.ts';
import { readCredentials, writeCredentials } from './credentials.ts';

/** Renew a little early: a token that expires between the check and the API's own check is a 401 for nothing. */
const REFRESH_MARGIN_MS = 60_000;

const sameBase = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

const bearerHeaders = async (baseUrl: string, now: Date = new Date()): Promise<Record<string, string>> => {
  const credentials = await readCredentials();
  if (!credentials || !sameBase(credentials.apiUrl, baseUrl)) return {};
  if (Date.parse(credentials.tokens.expiresAt) - REFRESH_MARGIN_MS > now.getTime()) return { authorization: `Bearer ${credentials.tokens.idToken}` };
  const again = `run accredit login --stage-url <the app's URL> again`;
  if (!credentials.tokens.refreshToken) throw new SignInError(`The sign-in to ${credentials.apiUrl} has expired: ${again}`);
  let tokens;
  try {
    tokens = await refreshTokens(credentials, credentials.tokens.refreshToken, now);
  } catch (error) {
    throw new SignInError(`The sign-in to ${credentials.apiUrl} could not be renewed (${error instanceof Error ? error.message : String(error)}): ${again}`, { cause: error });
  }
  await writeCredentials({ ...credentials, tokens });
  return { authorization: `Bearer ${tokens.idToken}` };
};

export { REFRESH_MARGIN_MS, bearerHeaders };
