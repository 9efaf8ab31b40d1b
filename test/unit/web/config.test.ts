// config.json decides the sign-in (local picker or Cognito); a bad one names the field at start-up.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../web/src/config.ts';

const cognito = {
  apiBase: '/api',
  auth: {
    kind: 'oidc',
    authority: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_example',
    clientId: 'client',
    redirectUri: 'https://app.example.org/auth/callback',
    postLogoutRedirectUri: 'https://app.example.org/signed-out',
    apiToken: 'id_token',
  },
};

describe('Function: parseConfig', () => {
  it('reads the Cognito sign-in with its defaults', () => {
    // Act
    const config = parseConfig(cognito);

    // Assess
    expect(config.auth).toMatchObject({ kind: 'oidc', clientId: 'client', scope: 'openid email profile', apiToken: 'id_token' });
  });

  it('reads the local sign-in', () => {
    // Act
    const config = parseConfig({ apiBase: '/api', auth: { kind: 'local', signInUrl: '/_local/sign-in' }, clockUrl: '/_local/clock' });

    // Assess
    expect(config).toMatchObject({ auth: { kind: 'local', signInUrl: '/_local/sign-in' }, clockUrl: '/_local/clock' });
  });

  it.each([
    { raw: null, field: 'expected a JSON object' },
    { raw: { auth: cognito.auth }, field: 'apiBase' },
    { raw: { apiBase: '/api', auth: { kind: 'saml' } }, field: 'auth.kind' },
    { raw: { ...cognito, auth: { ...cognito.auth, clientId: '' } }, field: 'auth.clientId' },
    { raw: { ...cognito, auth: { ...cognito.auth, apiToken: 'refresh_token' } }, field: 'auth.apiToken' },
    { raw: { apiBase: '/api', auth: { kind: 'local' } }, field: 'auth.signInUrl' },
  ])('refuses a config.json naming $field', ({ raw, field }) => {
    // Act
    const parse = () => parseConfig(raw);

    // Assess
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(field);
  });
});
