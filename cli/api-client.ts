// The CLI talks to the same endpoints a user would: the HTTP API, and (locally) the runtime's clock.
import { bearerHeaders } from './bearer-token.ts';

class ApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>, options?: ErrorOptions) {
    super(`${status} ${String(body.error ?? 'Error')}: ${String(body.message ?? JSON.stringify(body))}`, options);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/** Where the CLI finds each part of the app: the option and the environment variable that set it. */
const ENDPOINT_SETTINGS = {
  api: '--api or ACCREDIT_API_URL',
  sfn: '--sfn or ACCREDIT_SFN_URL',
  ses: '--ses or ACCREDIT_SES_URL',
} as const;

class UnreachableError extends Error {
  constructor(url: string, setting: string = `${ENDPOINT_SETTINGS.api}, ${ENDPOINT_SETTINGS.sfn}`, options?: ErrorOptions) {
    super(`Cannot reach ${url} (is \`npm start\` running? set ${setting})`, options);
    this.name = 'Unreachable';
  }
}

/**
 * The identity a local call acts as (`accredit --as service:trust-a ...`): the local API adapter
 * turns it into the claims Cognito would give that user. AWS ignores the header; there the caller
 * is whoever signed the token.
 */
const LOCAL_USER_HEADER = 'x-local-user';
const identityHeaders = (): Record<string, string> => (process.env.ACCREDIT_AS ? { [LOCAL_USER_HEADER]: process.env.ACCREDIT_AS } : {});

const request = async (baseUrl: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
  const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
  // After `accredit login`, requests to that stage's API carry its ID token (bearer-token.ts).
  const authorisation = await bearerHeaders(baseUrl);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...identityHeaders(), ...authorisation },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new UnreachableError(url, undefined, { cause: error });
  }
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { message: text };
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
};

export { ApiError, ENDPOINT_SETTINGS, UnreachableError, request };
