// Sign-in on AWS: Cognito managed login, authorisation code with PKCE (oidc-client-ts does the
// PKCE and state checks). Tokens stay in sessionStorage for the tab; a refresh token renews them.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { User } from 'oidc-client-ts';
import type { OidcSignIn } from '../config.ts';
import { rolesOf } from './session.ts';
import type { Auth, Session } from './session.ts';

const sessionOf = (user: User, config: OidcSignIn): Session => {
  const claims = user.profile as Record<string, unknown>;
  const token = config.apiToken === 'access_token' ? user.access_token : user.id_token;
  return {
    user: {
      name: String(claims.name ?? claims.email ?? claims['cognito:username'] ?? claims.sub),
      roles: rolesOf(claims['cognito:groups']),
      organisationId: claims['custom:organisationId'] as string | undefined,
      reviewerId: claims['custom:reviewerId'] as string | undefined,
      email: claims.email as string | undefined,
    },
    headers: { authorization: `Bearer ${token}` },
  };
};

const oidcSignIn = (config: OidcSignIn): Auth => {
  const manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    post_logout_redirect_uri: config.postLogoutRedirectUri,
    response_type: 'code',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    // No iframe renewal (Cognito's managed login refuses to be framed): the refresh token renews.
    automaticSilentRenew: true,
    ...(config.endSessionEndpoint ? { metadataSeed: { end_session_endpoint: config.endSessionEndpoint } } : {}),
  });
  return {
    session: async () => {
      if (location.pathname === new URL(config.redirectUri).pathname) {
        const user = await manager.signinRedirectCallback();
        const returnTo = typeof user.state === 'string' ? user.state : '/';
        history.replaceState(null, '', returnTo);
        return sessionOf(user, config);
      }
      let user = await manager.getUser();
      if (user?.expired && user.refresh_token) user = await manager.signinSilent().catch(() => null);
      return user && !user.expired ? sessionOf(user, config) : undefined;
    },
    signIn: (returnTo) => manager.signinRedirect({ state: returnTo }),
    signOut: async () => {
      await manager.removeUser();
      // Cognito's /logout takes client_id and logout_uri rather than the OIDC parameters.
      await manager.signoutRedirect({ extraQueryParams: { client_id: config.clientId, logout_uri: config.postLogoutRedirectUri } });
    },
  };
};

export { oidcSignIn };
