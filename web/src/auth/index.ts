// Picks the sign-in that config.json names. The OIDC library is loaded only when it is used.
import type { AppConfig } from '../config.ts';
import { localSignIn } from './local-sign-in.ts';
import type { Auth } from './session.ts';

const createAuth = async (config: AppConfig): Promise<Auth> => {
  if (config.auth.kind === 'local') return localSignIn(config.auth);
  const { oidcSignIn } = await import('./oidc-sign-in.ts');
  return oidcSignIn(config.auth);
};

export { createAuth };
