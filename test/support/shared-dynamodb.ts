// The DynamoDB Local of this vitest worker (started once per worker by
// test/support/dynamodb-global-setup.ts), and a table-name prefix of this test file's own.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { startDynamoDbLocal } from '../../local/services/dynamodb-local.ts';

interface SharedDynamoDb {
  endpoint: string;
  /** Prefix for every table this test file creates: other files use the same DynamoDB Local. */
  tablePrefix: string;
}

/** This worker's DynamoDB Local, or undefined outside a vitest run with the global setup (start your own then). */
const sharedDynamoDb = async (): Promise<SharedDynamoDb | undefined> => {
  const broker = inject('dynamoDbBroker');
  if (!broker) return undefined;
  const slot = process.env.VITEST_POOL_ID ?? '1';
  const response = await fetch(`${broker}/dynamodb/${slot}`, { method: 'POST' });
  if (!response.ok) throw new Error(`DynamoDB Local for worker ${slot} did not start: ${await response.text()}`);
  const { endpoint } = (await response.json()) as { endpoint: string };
  return { endpoint, tablePrefix: `t${randomUUID().slice(0, 8)}-` };
};

interface TestDynamoDb extends SharedDynamoDb {
  /** Stops the DynamoDB Local if this file started its own; leaves a shared one running. */
  stop(): Promise<void>;
}

/** This worker's DynamoDB Local, or one of this file's own when there is none to share. */
const testDynamoDb = async (): Promise<TestDynamoDb> => {
  const shared = await sharedDynamoDb();
  if (shared) return { ...shared, stop: async () => undefined };
  const own = await startDynamoDbLocal();
  return { endpoint: own.endpoint, tablePrefix: '', stop: () => own.stop() };
};

export { sharedDynamoDb, testDynamoDb };
export type { SharedDynamoDb, TestDynamoDb };
