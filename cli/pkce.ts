// Proof Key for Code Exchange (RFC 7636) for `accredit login`: a public client has no secret, so the
// code the browser brings back is worth nothing without the verifier only this process knows.
import { createHash, randomBytes } from 'node:crypto';

interface Pkce {
  verifier: string;
  /** S256: base64url(sha256(verifier)); Cognito accepts only S256 for managed login. */
  challenge: string;
  /** Ties the redirect to this login: a callback with another state is refused (RFC 6749 §10.12). */
  state: string;
}

// 32 random bytes give a 43-character verifier, the shortest RFC 7636 allows, with 256 bits of entropy.
const randomToken = (): string => randomBytes(32).toString('base64url');

const newPkce = (): Pkce => {
  const verifier = randomToken();
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), state: randomToken() };
};

export { newPkce };
export type { Pkce };
