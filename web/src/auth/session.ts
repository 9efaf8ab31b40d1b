// What the app knows about the signed-in person, whichever sign-in produced it.

const Role = {
  staff: 'staff',
  service: 'service',
  reviewer: 'reviewer',
  committee: 'committee',
} as const;
type Role = (typeof Role)[keyof typeof Role];

interface SignedInUser {
  /** What the header shows. */
  name: string;
  roles: Role[];
  organisationId?: string;
  reviewerId?: string;
  /** Tells the service lead (who submits the self-review) from colleagues. */
  email?: string;
}

interface Session {
  user: SignedInUser;
  /** The headers every API call carries: a bearer token on AWS, x-local-user locally. */
  headers: Record<string, string>;
}

interface Auth {
  /** The session, after finishing a sign-in that returned to this page; undefined when signed out. */
  session(): Promise<Session | undefined>;
  signIn(returnTo: string): Promise<void>;
  signOut(): Promise<void>;
}

const ROLES: readonly string[] = Object.values(Role);
const rolesOf = (groups: unknown): Role[] => {
  const names = Array.isArray(groups) ? groups : typeof groups === 'string' ? groups.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  return names.filter((name): name is Role => ROLES.includes(String(name)));
};

export { Role, rolesOf };
export type { Auth, Session, SignedInUser };
