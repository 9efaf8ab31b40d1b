// What the deploy writes as config.json is what the web app reads: lib/ builds it, the app's own
// parser reads it, and sign-in returns to a callback URL the Cognito app client allows.
import { describe, expect, it } from 'vitest';
import { stageConfig } from '../../../lib/config/stage-config.ts';
import { webRuntimeConfig } from '../../../lib/web/web-hosting.ts';
import { parseConfig } from '../../../web/src/config.ts';

describe('config.json as deployed', () => {
  const config = stageConfig({ stage: 'dev', emailDomain: 'example.org', appBaseUrl: 'https://accredit.example.org' });
  const deployed = webRuntimeConfig(
    {
      authority: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_example',
      clientId: 'client-id',
      signInOrigin: 'https://accredit-dev.auth.eu-west-2.amazoncognito.com',
      callbackPath: config.signIn.appCallbackPath,
    },
    '/api',
  );

  it('parses with the web app parser, completed by the page origin', () => {
    // Act: a JSON round trip, as CloudFront serves it.
    const parsed = parseConfig(JSON.parse(JSON.stringify(deployed)), 'https://d111111abcdef8.cloudfront.net');

    // Assess
    expect(parsed).toEqual({
      apiBase: '/api',
      auth: {
        kind: 'oidc',
        authority: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_example',
        clientId: 'client-id',
        redirectUri: 'https://d111111abcdef8.cloudfront.net/auth/callback',
        postLogoutRedirectUri: 'https://d111111abcdef8.cloudfront.net/',
        endSessionEndpoint: 'https://accredit-dev.auth.eu-west-2.amazoncognito.com/logout',
        scope: 'openid email profile',
        apiToken: 'id_token',
      },
    });
  });

  it('returns to the path the app client allows on the stage app URL', () => {
    // Act
    const parsed = parseConfig(deployed, 'https://accredit.example.org');

    // Assess: the Cognito client's callback URLs are <origin><appCallbackPath> (lib/api/user-directory.ts).
    expect(parsed.auth.kind === 'oidc' && parsed.auth.redirectUri).toBe(`${new URL(config.appBaseUrl).origin}${config.signIn.appCallbackPath}`);
  });
});
