// The local stream reader (local/table-stream.ts) against DynamoDB Local itself: two stream-enabled
// tables written at once, each read from the moment its shard is empty, every wanted record
// delivered exactly once and in order per key, as a Lambda event source mapping delivers them.
// DynamoDB Local numbers stream records across all its tables, and answers
// TrimmedDataAccessException to an iterator taken from an empty shard once another table's writes
// moved the numbering on; the reader must get a new iterator and lose nothing.
import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDbLocal } from '../../local/services/dynamodb-local.ts';
import { startTableStream, type TableStreamReader } from '../../local/table-stream.ts';
import { sharedDynamoDb } from '../support/shared-dynamodb.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const filter = { eventName: 'INSERT', sortKeyPrefix: 'HANDOVER#' };
const KEYS = 6;
const VERSIONS = 4;

let own: RunningDynamoDbLocal | undefined;
let endpoint: string;
/** The test worker's DynamoDB Local is shared with other test files: table names of this file's own. */
let prefix = '';
let db: DynamoDBClient;

beforeAll(async () => {
  const shared = await sharedDynamoDb();
  if (shared) ({ endpoint, tablePrefix: prefix } = shared);
  else ({ endpoint } = own = await startDynamoDbLocal());
  db = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
}, 120_000);
afterAll(async () => {
  db?.destroy();
  await own?.stop();
});

const createTable = (name: string) =>
  db.send(
    new CreateTableCommand({
      TableName: prefix + name,
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );

/** Each key inserted VERSIONS times (deleted in between, so each put is an INSERT), plus records the filter drops. */
const writeTable = async (name: string) => {
  const TableName = prefix + name;
  await Promise.all(
    Array.from({ length: KEYS }, async (_, key) => {
      const Key = { pk: { S: `CYCLE#${key}` }, sk: { S: `HANDOVER#${key}` } };
      for (let version = 0; version < VERSIONS; version += 1) {
        await db.send(new PutItemCommand({ TableName, Item: { ...Key, version: { N: String(version) } } }));
        await db.send(new PutItemCommand({ TableName, Item: { pk: Key.pk, sk: { S: `TASK#${key}-${version}` } } }));
        if (version < VERSIONS - 1) await db.send(new DeleteItemCommand({ TableName, Key }));
      }
    }),
  );
};

interface Delivered {
  sequence: string;
  key: string;
  version: number;
}

const reader = async (name: string, delivered: Delivered[], log: string[]): Promise<TableStreamReader> =>
  startTableStream({
    endpoint,
    region: 'us-east-1',
    tableName: prefix + name,
    filter,
    pollMs: 20,
    // Small pages, so reading goes over many GetRecords calls.
    pageSize: 5,
    log: (message, error) => log.push(`${message} ${error instanceof Error ? error.name : ''}`),
    invoke: async (event) => {
      for (const record of event.Records as { dynamodb: { SequenceNumber: string; NewImage: { sk: { S: string }; version: { N: string } } } }[]) {
        delivered.push({ sequence: record.dynamodb.SequenceNumber, key: record.dynamodb.NewImage.sk.S, version: Number(record.dynamodb.NewImage.version.N) });
      }
      return { batchItemFailures: [] };
    },
  });

const expectExactlyOnceInOrder = (delivered: Delivered[]) => {
  const sequences = delivered.map((record) => record.sequence);
  expect(new Set(sequences).size).toBe(sequences.length);
  expect(delivered).toHaveLength(KEYS * VERSIONS);
  for (let key = 0; key < KEYS; key += 1) {
    expect(delivered.filter((record) => record.key === `HANDOVER#${key}`).map((record) => record.version)).toEqual([0, 1, 2, 3]);
  }
  // In order per shard: ascending sequence numbers (compared as numbers, they are zero-padded digits).
  expect([...sequences].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))).toEqual(sequences);
};

describe('local table stream on DynamoDB Local', () => {
  it('delivers every record of two tables written at once exactly once, in order per key, from readers started on empty shards', async () => {
    const names = ['stream-a', 'stream-b'];
    for (const name of [...names, 'stream-other']) await createTable(name);
    const delivered = names.map((): Delivered[] => []);
    const logs: string[] = [];
    const readers = await Promise.all(names.map((name, index) => reader(name, delivered[index], logs)));
    try {
      // Another table written first moves DynamoDB Local's record numbering past the new shards' start.
      await db.send(new PutItemCommand({ TableName: `${prefix}stream-other`, Item: { pk: { S: 'x' }, sk: { S: 'y' } } }));
      await Promise.all(names.map((name) => writeTable(name)));
      await Promise.all(readers.map((one) => one.drain()));
      for (const records of delivered) expectExactlyOnceInOrder(records);
      expect(logs).toEqual([]);
    } finally {
      await Promise.all(readers.map((one) => one.stop()));
    }
  });

  it('delivers the records already on the stream when it starts (a restart), once each', async () => {
    await createTable('stream-c');
    await writeTable('stream-c');
    const delivered: Delivered[] = [];
    const logs: string[] = [];
    const late = await reader('stream-c', delivered, logs);
    try {
      await late.drain();
      expectExactlyOnceInOrder(delivered);
      expect(logs).toEqual([]);
    } finally {
      await late.stop();
    }
  });
});
