// What `accredit login --stage-url <app URL>` needs to know about a deployed stage, read from the
// app's own /config.json (written by the deploy, lib/web/web-hosting.ts): the app client id, the
// managed login origin and where the API is (apiBase, on the app's origin). Flags override it, so a
// stage whose app is not reachable can still be signed in to.
import { CliInputError } from './errors.ts';
import type { StageSignIn } from './credentials.ts';

interface SignInOverrides {
  clientId?: string;
  signInOrigin?: string;
  apiUrl?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The deploy's config.json, the web app's shape (web/src/config.ts): `auth` names the client and
 * managed login's origin. The flat form of earlier deploys (clientId, signInOrigin at the top) is
 * still understood.
 */
const fromConfigJson = (config: Record<string, unknown>, stageUrl: string): Partial<StageSignIn> => {
  const auth = (typeof config.auth === 'object' && config.auth !== null ? config.auth : {}) as Record<string, unknown>;
  const endSession = text(auth.endSessionEndpoint);
  const apiBase = text(config.apiBase);
  return {
    clientId: text(config.clientId) ?? text(auth.clientId),
    signInOrigin: text(config.signInOrigin) ?? text(auth.signInOrigin) ?? (endSession ? new URL(endSession).origin : undefined),
    apiUrl: apiBase === undefined ? undefined : new URL(apiBase, `${stageUrl.replace(/\/+$/, '')}/`).toString().replace(/\/+$/, ''),
  };
};

const readConfigJson = async (stageUrl: string): Promise<Record<string, unknown>> => {
  const url = `${stageUrl.replace(/\/+$/, '')}/config.json`;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new CliInputError(`Cannot reach ${url}: check --stage-url (the AppUrl output of the Api stack), or give --client-id, --sign-in-origin and --api-url`, { cause: error });
  }
  if (!response.ok) throw new CliInputError(`${url} answered ${response.status}: check --stage-url (the AppUrl output of the Api stack)`);
  return (await response.json()) as Record<string, unknown>;
};

const stageSignIn = async (stageUrl: string | undefined, overrides: SignInOverrides): Promise<StageSignIn> => {
  const complete = overrides.clientId && overrides.signInOrigin && overrides.apiUrl;
  if (!stageUrl && !complete) throw new CliInputError('Give --stage-url <the app URL> (or all of --client-id, --sign-in-origin and --api-url)');
  const discovered = complete || !stageUrl ? {} : fromConfigJson(await readConfigJson(stageUrl), stageUrl);
  const merged = { ...discovered, ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) } as Partial<StageSignIn>;
  const missing = (['clientId', 'signInOrigin', 'apiUrl'] as const).filter((field) => !merged[field]);
  if (missing.length > 0) throw new CliInputError(`The stage's config.json does not say ${missing.join(', ')}: give ${missing.map((field) => `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`).join(', ')}`);
  return merged as StageSignIn;
};

export { stageSignIn };
export type { SignInOverrides };
