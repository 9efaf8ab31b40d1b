// Local sign-in: the local adapter's picker (local/console/sign-in.ts) sends the browser back with
// ?local-user=<group[:organisationId[:reviewerId[:email]]]>&local-name=<label>; the app keeps it for the tab
// and sends it as x-local-user, which the local adapter turns into the claims Cognito would give.
import type { LocalSignIn } from '../config.ts';
import { rolesOf } from './session.ts';
import type { Auth, Session } from './session.ts';

const STORAGE_KEY = 'accredit.local-user';

interface StoredUser {
  header: string;
  name: string;
}

const sessionOf = ({ header, name }: StoredUser): Session => {
  const [group, organisationId, reviewerId, email] = header.split(':');
  return { user: { name, roles: rolesOf([group]), organisationId: organisationId || undefined, reviewerId: reviewerId || undefined, email: email || undefined }, headers: { 'x-local-user': header } };
};

/** Takes the picker's answer out of the address bar (so a copied link does not carry it). */
const takeReturnedUser = (): StoredUser | undefined => {
  const url = new URL(location.href);
  const header = url.searchParams.get('local-user');
  if (!header) return undefined;
  const user = { header, name: url.searchParams.get('local-name') || header };
  url.searchParams.delete('local-user');
  url.searchParams.delete('local-name');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return user;
};

const localSignIn = (config: LocalSignIn): Auth => ({
  session: async () => {
    const returned = takeReturnedUser();
    if (returned) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(returned));
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return stored ? sessionOf(JSON.parse(stored) as StoredUser) : undefined;
  },
  signIn: async (returnTo) => {
    location.assign(`${config.signInUrl}?return=${encodeURIComponent(returnTo)}`);
  },
  signOut: async () => {
    sessionStorage.removeItem(STORAGE_KEY);
    location.assign('/signed-out');
  },
});

export { localSignIn };
