// What every page needs: the API with the session's headers, the configuration and the session.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api/client.ts';
import type { Session } from './auth/session.ts';
import type { AppConfig } from './config.ts';

interface AppContextValue {
  api: Api;
  config: AppConfig;
  session: Session;
}

const AppContext = createContext<AppContextValue | undefined>(undefined);

const useApp = (): AppContextValue => {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
};

export { AppContext, useApp };
export type { AppContextValue };
