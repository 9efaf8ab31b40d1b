// Cognito managed login's OAuth 2.0 endpoints, as `accredit login` uses them: /oauth2/authorize (in
// the browser), /oauth2/token (code + verifier, and refresh) and /oauth2/revoke (logout). The
// paths are fixed by Cognito, so the CLI needs only the domain and the app client id.
import type { Pkce } from './pkce.ts';
import type { StageSignIn, Tokens } from './credentials.ts';

const SCOPES = 'openid email profile';

/** The sign-in failed at the identity provider (a refused code, an expired refresh token). */
class SignInError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SignInError';
  }
}

const endpoint = (signIn: StageSignIn, path: string): string => new URL(path, signIn.signInOrigin).toString();

const authorizeUrl = (signIn: StageSignIn, redirectUri: string, pkce: Pkce): string => {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: signIn.clientId,
    redirect_uri: redirectUri,
    scope: SCOPES,
    state: pkce.state,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  });
  return `${endpoint(signIn, '/oauth2/authorize')}?${query}`;
};

/** The `exp` claim of a JWT, without checking its signature: only to know when to refresh (the API checks the token). */
const expiryOf = (jwt: string): Date | undefined => {
  try {
    const exp = (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
};

const postForm = async (url: string, form: Record<string, string>): Promise<Record<string, unknown>> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { error_description: text.slice(0, 200) };
  }
  if (!response.ok) throw new SignInError(`${url} answered ${response.status} ${String(body.error ?? '')}${body.error_description ? `: ${String(body.error_description)}` : ''}`.trim());
  return body;
};

/** A token response as stored; a refresh answer has no refresh token of its own, so the one used is kept. */
const tokensOf = (body: Record<string, unknown>, now: Date, previousRefreshToken?: string): Tokens => {
  if (typeof body.id_token !== 'string') throw new SignInError('The token endpoint sent no id_token (is the openid scope allowed on the app client?)');
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 3600;
  const expiresAt = expiryOf(body.id_token) ?? new Date(now.getTime() + expiresIn * 1000);
  const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : previousRefreshToken;
  return {
    idToken: body.id_token,
    ...(typeof body.access_token === 'string' ? { accessToken: body.access_token } : {}),
    ...(refreshToken ? { refreshToken } : {}),
    expiresAt: expiresAt.toISOString(),
  };
};

const exchangeCode = async (signIn: StageSignIn, code: string, redirectUri: string, verifier: string, now = new Date()): Promise<Tokens> =>
  tokensOf(
    await postForm(endpoint(signIn, '/oauth2/token'), { grant_type: 'authorization_code', client_id: signIn.clientId, code, redirect_uri: redirectUri, code_verifier: verifier }),
    now,
  );

const refreshTokens = async (signIn: StageSignIn, refreshToken: string, now = new Date()): Promise<Tokens> =>
  tokensOf(await postForm(endpoint(signIn, '/oauth2/token'), { grant_type: 'refresh_token', client_id: signIn.clientId, refresh_token: refreshToken }), now, refreshToken);

/** Revoking the refresh token also ends the access and ID tokens issued with it (Cognito token revocation). */
const revokeRefreshToken = async (signIn: StageSignIn, refreshToken: string): Promise<void> => {
  await postForm(endpoint(signIn, '/oauth2/revoke'), { token: refreshToken, client_id: signIn.clientId });
};

export { SCOPES, SignInError, authorizeUrl, exchangeCode, expiryOf, refreshTokens, revokeRefreshToken };
