// Who is calling: the identity on a request. On AWS the HTTP API's Cognito JWT authoriser has
// verified the token; its claims arrive in `requestContext.authorizer.jwt.claims`: the groups
// (`cognito:groups`: staff, service, reviewer, committee), `custom:organisationId` (the caller's
// trust), for reviewers `custom:reviewerId`, and `email` (verified by Cognito: it tells the service
// lead from colleagues at the same service). Locally the HTTP adapter supplies the same
// claims. The handler never looks anywhere else.
import { GROUPS } from '#core/vocabulary';
import type { Group } from '#core/vocabulary';
import { httpError } from './http.ts';
import type { HttpApiEvent } from './http.ts';

interface Caller {
  subject: string;
  groups: ReadonlySet<Group>;
  organisationId?: string;
  reviewerId?: string;
  email?: string;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/** API Gateway passes a list claim as the string `[staff reviewer]`; an ID token parsed elsewhere gives an array. */
const groupsClaim = (value: Claims[string]): Group[] => {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  return names.filter((name): name is Group => (GROUPS as string[]).includes(name));
};

const claimsOf = (event: HttpApiEvent): Claims | undefined =>
  (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;

const optionalClaim = (claims: Claims, name: string): string | undefined => {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

const callerOf = (event: HttpApiEvent): Caller => {
  const claims = claimsOf(event);
  if (!claims) throw httpError(401, 'Unauthorized', 'No verified identity on the request (expected a Cognito JWT)');
  return {
    subject: String(claims.sub ?? claims.username ?? 'unknown'),
    groups: new Set(groupsClaim(claims['cognito:groups'])),
    organisationId: optionalClaim(claims, 'custom:organisationId'),
    reviewerId: optionalClaim(claims, 'custom:reviewerId'),
    email: optionalClaim(claims, 'email'),
  };
};

export { callerOf, groupsClaim };
export type { Caller };
