// Starts the whole local application for an integration test: the SES emulator, the local Step
// Functions runtime on a manual clock, and the HTTP API, all on free ports on 127.0.0.1 (other
// suites run on the same machine at the same time), on the vitest worker's in-memory DynamoDB
// Local with tables of the test file's own (test/support/shared-dynamodb.ts).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { startLocalApp } from '../../local/app.ts';
import type { LocalApp } from '../../local/app.ts';
import { enteredStates, executionHistory } from './execution-history.ts';
import { sharedDynamoDb } from './shared-dynamodb.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

interface TestApp {
  app: LocalApp;
  sfn: SFNClient;
  table: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

const startTestApp = async (clockStartAt = new Date('2025-01-06T09:00:00.000Z')): Promise<TestApp> => {
  const app = await startLocalApp({ clock: 'manual', clockStartAt, logLevel: 'SILENT', dynamodb: await sharedDynamoDb() });
  const sfn = new SFNClient({ endpoint: app.urls.stepFunctions, region: 'us-east-1', credentials });
  const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: app.urls.dynamodb, region: 'us-east-1', credentials }));
  return {
    app,
    sfn,
    table,
    stop: async () => {
      sfn.destroy();
      table.destroy();
      await app.stop();
    },
  };
};

interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

const callApi = async <T = Record<string, unknown>>(app: LocalApp, method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
  const response = await fetch(`${app.urls.api}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
};

/** Polls `probe` until it returns a value other than undefined, or fails at the deadline. No fixed sleeps. */
const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Polls the execution until it has finished (any terminal status), returning its history. */
const waitForExecutionEnd = (sfn: SFNClient, executionArn: string, timeoutMs?: number) =>
  waitFor(
    `execution ${executionArn} to finish`,
    async () => {
      const history = await executionHistory(sfn, executionArn);
      const last = history.at(-1)?.type ?? '';
      return /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(last) ? history : undefined;
    },
    timeoutMs,
  );

/** Asserts the execution ended in the state named `name` (works on local and AWS histories). */
const expectTerminalState = (history: readonly HistoryEvent[], name: string): void => {
  const end = history.at(-1);
  if (!end || !/^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(end.type ?? '')) {
    throw new Error(`The execution has not finished (last event: ${end?.type ?? 'none'})`);
  }
  const states = enteredStates(history);
  const last = states.at(-1);
  if (last !== name) throw new Error(`Expected the execution to end in ${name}, but it ended in ${last} (states: ${states.join(' > ')})`);
};

/** Every item of a cycle's partition (state, tasks, audit events), read straight from the table. */
const cycleItems = async (table: DynamoDBDocumentClient, tableName: string, cycleId: string) => {
  const { Items } = await table.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CYCLE#${cycleId}` } }),
  );
  return Items ?? [];
};

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
}

const sesEmails = async (app: LocalApp): Promise<StoredEmail[]> => {
  const response = await fetch(app.urls.sesStore);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
};

export { callApi, cycleItems, enteredStates, executionHistory, expectTerminalState, sesEmails, startTestApp, waitFor, waitForExecutionEnd };
export type { ApiResponse, StoredEmail, TestApp };
