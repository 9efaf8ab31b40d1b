// The runtime configuration, /config.json, written by whoever serves the files: the local adapter
// answers it (local sign-in picker, the manual clock), the deploy writes it for CloudFront (Cognito).
// One build serves both: which sign-in is used comes from here, never from an `if (local)`.

interface LocalSignIn {
  kind: 'local';
  /** The local adapter's "sign in as" picker; it returns to the app with ?local-user=<group[:org[:reviewer]]>. */
  signInUrl: string;
}

interface OidcSignIn {
  kind: 'oidc';
  /** The issuer, e.g. https://cognito-idp.<region>.amazonaws.com/<userPoolId>. */
  authority: string;
  clientId: string;
  /**
   * The app's /auth/callback URL, registered as a callback URL on the app client. The deploy writes
   * `redirectPath` and the page's own origin completes it: the same files answer on the CloudFront
   * URL and on the stage's app URL.
   */
  redirectUri: string;
  /** Where the identity provider sends the browser after signing out (registered as a sign-out URL). */
  postLogoutRedirectUri: string;
  /** Cognito's discovery document has no end_session_endpoint: its managed login's /logout URL. */
  endSessionEndpoint?: string;
  scope?: string;
  /** Which token the API's authoriser reads; the claims it needs must be in that one. */
  apiToken: 'id_token' | 'access_token';
}

interface AppConfig {
  /** Prefix of every API path, e.g. "/api" (same origin through CloudFront, or locally). */
  apiBase: string;
  auth: LocalSignIn | OidcSignIn;
  /** Where the workflow's clock is read (the local runtime's manual clock); absent: the browser's clock. */
  clockUrl?: string;
  /** Extra links for the footer (the local SES inbox). */
  links?: { text: string; href: string }[];
}

class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(`config.json: ${message}`, options);
    this.name = 'ConfigError';
  }
}

const requireString = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw new ConfigError(`${field} must be a non-empty string`);
  return value;
};

/** Checked once at start-up: a bad deploy shows what is wrong instead of failing on the first click. */
/** The page's origin (the root tsconfig, which also checks this file for the tests, has no DOM). */
const pageOrigin = (): string => (globalThis as { location?: { origin: string } }).location?.origin ?? 'http://localhost';

const parseConfig = (raw: unknown, origin: string = pageOrigin()): AppConfig => {
  if (typeof raw !== 'object' || raw === null) throw new ConfigError('expected a JSON object');
  const { apiBase, auth, clockUrl, links } = raw as Record<string, unknown>;
  if (typeof apiBase !== 'string') throw new ConfigError('apiBase must be a string ("" or "/api")');
  const signIn = (auth ?? {}) as Record<string, unknown>;
  if (signIn.kind === 'local') {
    return { apiBase, clockUrl: clockUrl as string | undefined, links: links as AppConfig['links'], auth: { kind: 'local', signInUrl: requireString(signIn.signInUrl, 'auth.signInUrl') } };
  }
  if (signIn.kind !== 'oidc') throw new ConfigError('auth.kind must be "oidc" or "local"');
  const apiToken = signIn.apiToken ?? 'id_token';
  if (apiToken !== 'id_token' && apiToken !== 'access_token') throw new ConfigError('auth.apiToken must be "id_token" or "access_token"');
  return {
    apiBase,
    clockUrl: clockUrl as string | undefined,
    links: links as AppConfig['links'],
    auth: {
      kind: 'oidc',
      authority: requireString(signIn.authority, 'auth.authority'),
      clientId: requireString(signIn.clientId, 'auth.clientId'),
      redirectUri: signIn.redirectPath !== undefined ? new URL(requireString(signIn.redirectPath, 'auth.redirectPath'), origin).href : requireString(signIn.redirectUri, 'auth.redirectUri'),
      postLogoutRedirectUri: signIn.postLogoutRedirectUri !== undefined ? requireString(signIn.postLogoutRedirectUri, 'auth.postLogoutRedirectUri') : `${origin}/`,
      // Cognito's discovery document names no end_session_endpoint: managed login's is <origin>/logout.
      endSessionEndpoint: (signIn.endSessionEndpoint as string | undefined) ?? (typeof signIn.signInOrigin === 'string' ? new URL('/logout', signIn.signInOrigin).href : undefined),
      scope: (signIn.scope as string | undefined) ?? 'openid email profile',
      apiToken,
    },
  };
};

const loadConfig = async (): Promise<AppConfig> => {
  const response = await fetch('/config.json');
  if (!response.ok) throw new ConfigError(`could not be read (HTTP ${response.status})`);
  return parseConfig(await response.json());
};

export { ConfigError, loadConfig, parseConfig };
export type { AppConfig, LocalSignIn, OidcSignIn };
