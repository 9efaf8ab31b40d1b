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
  /** The app's /auth/callback URL, registered as a callback URL on the app client. */
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
const parseConfig = (raw: unknown): AppConfig => {
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
      redirectUri: requireString(signIn.redirectUri, 'auth.redirectUri'),
      postLogoutRedirectUri: requireString(signIn.postLogoutRedirectUri, 'auth.postLogoutRedirectUri'),
      endSessionEndpoint: signIn.endSessionEndpoint as string | undefined,
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
