import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliInputError } from '../../../cli/errors.ts';
import { stageSignIn } from '../../../cli/stage-sign-in.ts';

const answering = (body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status: 200 }));

describe('Function: stageSignIn', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    [
      'the flat form the deploy writes (lib/web/web-hosting.ts)',
      { authority: 'https://cognito-idp.eu-west-2.amazonaws.com/pool', clientId: 'client-1', signInOrigin: 'https://accredit-dev.auth.eu-west-2.amazoncognito.com', apiBase: '/api' },
    ],
    [
      "the web app's auth object (web/src/config.ts)",
      { apiBase: '/api', auth: { kind: 'oidc', clientId: 'client-1', endSessionEndpoint: 'https://accredit-dev.auth.eu-west-2.amazoncognito.com/logout' } },
    ],
  ])("reads the stage from the app's config.json: %s", async (_label, config) => {
    // Prepare
    const fetch = answering(config);
    vi.stubGlobal('fetch', fetch);
    // Act
    const signIn = await stageSignIn('https://app.example.nhs.uk/', {});
    // Assess
    expect(fetch).toHaveBeenCalledWith('https://app.example.nhs.uk/config.json');
    expect(signIn).toEqual({ clientId: 'client-1', signInOrigin: 'https://accredit-dev.auth.eu-west-2.amazoncognito.com', apiUrl: 'https://app.example.nhs.uk/api' });
  });

  it('names the flags to give when config.json leaves something out', async () => {
    // Prepare
    vi.stubGlobal('fetch', answering({ apiBase: '/api' }));
    // Act
    const signIn = stageSignIn('https://app.example.nhs.uk', {});
    // Assess
    await expect(signIn).rejects.toThrow(CliInputError);
    await expect(signIn).rejects.toThrow(/--client-id, --sign-in-origin/);
  });

  it('reads nothing when the flags say it all, and asks for --stage-url when they do not', async () => {
    // Prepare
    const fetch = answering({});
    vi.stubGlobal('fetch', fetch);
    const overrides = { clientId: 'c', signInOrigin: 'https://login.example', apiUrl: 'https://api.example' };
    // Act
    const signIn = await stageSignIn(undefined, overrides);
    // Assess
    expect(signIn).toEqual(overrides);
    expect(fetch).not.toHaveBeenCalled();
    await expect(stageSignIn(undefined, { clientId: 'c' })).rejects.toThrow(/--stage-url/);
  });
});
