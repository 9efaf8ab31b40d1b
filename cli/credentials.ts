// Where `accredit login` keeps a stage's tokens: <XDG_CONFIG_HOME or ~/.config>/accredit/credentials.json,
// readable by the user alone (0600 in a 0700 folder), as the AWS CLI and gh keep theirs. Tokens are
// bearer credentials: whoever reads the file acts as the user until they expire.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

interface StageSignIn {
  /** The API's base URL: a request to it carries the ID token, a request anywhere else does not. */
  apiUrl: string;
  /** Cognito managed login's origin: /oauth2/authorize, /oauth2/token, /oauth2/revoke. */
  signInOrigin: string;
  clientId: string;
}

interface Tokens {
  idToken: string;
  accessToken?: string;
  refreshToken?: string;
  /** ISO instant the ID token stops being accepted. */
  expiresAt: string;
}

interface Credentials extends StageSignIn {
  tokens: Tokens;
}

const configDir = (): string => join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'accredit');
const credentialsPath = (): string => join(configDir(), 'credentials.json');

const readCredentials = async (): Promise<Credentials | undefined> => {
  let text: string;
  try {
    text = await readFile(credentialsPath(), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as Credentials;
};

/** Written whole to a new file (created 0600) and renamed over the old: a crash never leaves half a file, and no moment is world-readable. */
const writeCredentials = async (credentials: Credentials): Promise<string> => {
  const path = credentialsPath();
  await mkdir(configDir(), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // The umask cannot widen a mode, but a file left from an older version might be wider: set it plainly.
  await chmod(temporary, 0o600);
  await rename(temporary, path);
  return path;
};

const removeCredentials = async (): Promise<void> => rm(credentialsPath(), { force: true });

export { credentialsPath, readCredentials, removeCredentials, writeCredentials };
export type { Credentials, StageSignIn, Tokens };
