// The local target: the local app (started here, in-memory with a manual clock, unless --api names
// one already running), acted on with the x-local-user header, its clock moved with POST
// /_local/clock on the API port, and its emails read from the SES emulator's GET /store.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_USER_HEADER } from '../local/http-api-event.ts';
import type { Identity, SmokeTarget } from './target.ts';

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const DEFAULT_TABLE = 'accreditation-local';

interface LocalLinks {
  dynamodb: string;
  stepFunctions: string;
  sesStore: string;
}

/** `group[:organisationId[:reviewerId[:email]]]`, as local/http-api-event.ts reads it. */
const localUser = (who: Identity): string => [who.group, who.organisationId ?? '', who.reviewerId ?? '', who.email ?? ''].join(':').replace(/:+$/, '');

const json = async <T>(url: string, init?: RequestInit): Promise<T> => {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

const localTarget = async (options: { api?: string; tableName?: string } = {}): Promise<SmokeTarget> => {
  let api = options.api;
  let stopApp: () => Promise<void> = async () => undefined;
  let tableName = options.tableName ?? DEFAULT_TABLE;
  if (!api) {
    // Imported only here: the app sets the handlers' environment for this process.
    const { startLocalApp } = await import('../local/app.ts');
    const app = await startLocalApp({ clock: 'manual', logLevel: 'SILENT' });
    api = app.urls.api;
    tableName = app.tableName;
    stopApp = () => app.stop();
  }
  const apiUrl = api.replace(/\/$/, '');
  const links = await json<LocalLinks>(`${apiUrl}/_local/config`);
  const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: links.dynamodb, region: REGION, credentials }));
  const sfn = new SFNClient({ endpoint: links.stepFunctions, region: REGION, credentials });
  return {
    name: 'local',
    api: apiUrl,
    headersFor: async (who) => ({ [LOCAL_USER_HEADER]: localUser(who) }),
    clock: {
      now: async () => new Date((await json<{ now: string }>(`${apiUrl}/_local/clock`)).now),
      advanceBy: async (seconds) => {
        await json(`${apiUrl}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceBySeconds: seconds }) });
      },
    },
    organisationId: 'org-smoke',
    table: { client: table, name: tableName },
    sfn,
    checkEmails: async (recipients) => {
      const { emails } = await json<{ emails: { destination: { to: string[] }; subject: string }[] }>(links.sesStore);
      const sent = emails.filter((email) => email.destination.to.some((to) => recipients.includes(to)));
      const toLead = sent.filter((email) => email.destination.to.includes(recipients[0]));
      return { name: 'emails (SES emulator GET /store)', ok: toLead.length > 0, detail: `${sent.length} to the smoke service and its team, ${toLead.length} to the service lead` };
    },
    stop: async () => {
      table.destroy();
      sfn.destroy();
      await stopApp();
    },
  };
};

export { localTarget };
