// The runtime's DynamoDB store keeps each definition once, by content, rather than on every
// execution: an ASL is tens of KB, and a status change rewrites the execution item, billed by its size.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDynamoDb, type TestDynamoDb } from '../support/shared-dynamodb.ts';
import { DynamoDbStore } from '../../local/stepfunctions/store/dynamodb.ts';
import type { ExecutionRecord } from '../../local/stepfunctions/store/types.ts';

let dynamo: TestDynamoDb;
let documents: DynamoDBDocumentClient;
let tableName: string;
const machineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:cycle';
const definition = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 10, End: true } }, Comment: 'x'.repeat(40_000) });

const execution = (name: string): ExecutionRecord => ({
  arn: `arn:aws:states:us-east-1:123456789012:execution:cycle:${name}`,
  stateMachineArn: machineArn,
  name,
  status: 'RUNNING',
  input: '{}',
  definition,
  startDate: 1_800_000_000_000,
});

beforeAll(async () => {
  dynamo = await testDynamoDb();
  tableName = `${dynamo.tablePrefix}sfn-store-${Date.now()}`;
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
}, 60_000);
afterAll(async () => dynamo?.stop());

const pointersOf = async (executionArn: string) =>
  (await documents.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TOKENS#${executionArn}` } }))).Items ?? [];

describe('DynamoDbStore: tokens', () => {
  it('keeps a pointer only for open tokens, so closing an execution writes only for those', async () => {
    const store = await DynamoDbStore.open({ endpoint: dynamo.endpoint, tableName });
    const executionArn = execution('tokens').arn;
    for (const token of ['t1', 't2', 't3']) await store.putToken({ token, executionArn, taskKey: `#${token}`, status: 'open', createdAt: 1, lastHeartbeatAt: 1 });
    expect(await store.transitionToken('t1', 'open', { status: 'succeeded', output: '{}' })).toBe(true);
    expect(await store.transitionToken('t2', 'open', { status: 'failed', error: 'E', cause: '' })).toBe(true);
    expect(await store.transitionToken('t3', 'open', { lastHeartbeatAt: 2 })).toBe(true);
    expect((await pointersOf(executionArn)).map((item) => item.sk)).toEqual(['t3']);
    await store.closeTokens(executionArn);
    expect((await Promise.all(['t1', 't2', 't3'].map((token) => store.getToken(token)))).map((record) => record?.status)).toEqual(['succeeded', 'failed', 'closed']);
    expect(await pointersOf(executionArn)).toEqual([]);
    expect(await store.transitionToken('t3', 'open', { status: 'succeeded' })).toBe(false);
    await store.close();
  });
});

describe('DynamoDbStore: definitions', () => {
  it('stores one definition for many executions, and each execution item stays small', async () => {
    const store = await DynamoDbStore.open({ endpoint: dynamo.endpoint, tableName });
    await store.createExecution(execution('a'));
    await store.createExecution(execution('b'));
    const { Items = [] } = await documents.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `EXECUTIONS#${machineArn}` } }));
    expect(Items).toHaveLength(2);
    for (const item of Items) {
      expect(item.definition).toBeUndefined();
      expect(JSON.stringify(item).length).toBeLessThan(1_000);
    }
    const definitions = await documents.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'DEFINITIONS' } }));
    expect(definitions.Items?.map((item) => item.definition)).toEqual([definition]);
    await store.close();
  });

  it('gives every execution back with its definition, to a restarted process too', async () => {
    const restarted = await DynamoDbStore.open({ endpoint: dynamo.endpoint, tableName });
    expect((await restarted.getExecution(execution('a').arn))?.definition).toBe(definition);
    expect((await restarted.listRunningExecutions()).map((record) => [record.name, record.definition === definition])).toEqual(
      expect.arrayContaining([
        ['a', true],
        ['b', true],
      ]),
    );
    expect(await restarted.closeExecution(execution('a').arn, { status: 'SUCCEEDED', stopDate: 1_800_000_001_000, output: '{}' })).toBe(true);
    expect((await restarted.listExecutions(machineArn)).find((record) => record.name === 'a')).toMatchObject({ status: 'SUCCEEDED', definition });
    await restarted.close();
  });

  it('still reads an execution written with its definition inline (a store from before the split)', async () => {
    const legacy = execution('legacy');
    await documents.send(new PutCommand({ TableName: tableName, Item: { pk: `EXECUTIONS#${machineArn}`, sk: legacy.arn, ...legacy } }));
    const store = await DynamoDbStore.open({ endpoint: dynamo.endpoint, tableName });
    expect((await store.getExecution(legacy.arn))?.definition).toBe(definition);
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: `EXECUTIONS#${machineArn}`, sk: legacy.arn } }));
    expect(Item?.definitionHash).toBeUndefined();
    await store.close();
  });
});

describe('DynamoDbStore: history', () => {
  const eventsOf = async (executionArn: string) =>
    (await documents.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `EVENTS#${executionArn}` } }))).Items ?? [];
  /** About what DynamoDB bills: names, strings and binary values by their bytes. */
  const itemBytes = (item: Record<string, unknown>) =>
    Object.entries(item).reduce(
      (total, [name, value]) => total + name.length + (value instanceof Uint8Array ? value.byteLength : typeof value === 'string' ? Buffer.byteLength(value) : JSON.stringify(value).length),
      0,
    );
  const loopEvent = (id: number) => ({
    id,
    previousEventId: id - 1,
    timestamp: 1_800_000_000_000 + id,
    type: id % 2 === 0 ? 'PassStateExited' : 'ChoiceStateEntered',
    key: `#${id}`,
    details: { name: id % 2 === 0 ? 'Increment' : 'Loop', input: '{}', inputDetails: { truncated: false }, assignedVariables: { i: String(id) } },
  });

  it('keeps a batch whose payloads together pass the 400 KB item limit (each state may carry 256 KB)', async () => {
    // Prepare: six events of 200 KB each, as a loop over a large payload would flush them
    const store = await DynamoDbStore.open({ endpoint: dynamo.endpoint, tableName });
    const executionArn = execution('large-payloads').arn;
    const payload = JSON.stringify({ blob: Array.from({ length: 200_000 / 16 }, (_unused, index) => (index * 2_654_435_761).toString(16).padStart(16, '0')).join('') });
    const events = Array.from({ length: 6 }, (_unused, index) => ({ ...loopEvent(index + 1), details: { name: 'Big', output: payload } }));

    // Act
    await store.appendEvents(executionArn, events);

    // Assess
    expect(await store.loadEvents(executionArn)).toEqual(events);
    await store.close();
  });

  it('writes a long stretch of loop events in a few small items, and reads them back in order', async () => {
    // Prepare
    const store = await DynamoDbStore.open({ endpoint: dynamo.endpoint, tableName });
    const executionArn = execution('loop').arn;
    const events = Array.from({ length: 2_000 }, (_unused, index) => loopEvent(index + 1));

    // Act
    await store.appendEvents(executionArn, events.slice(0, 1_000));
    await store.appendEvents(executionArn, events.slice(1_000));

    // Assess: about 300 KB of JSON, billed by the KB
    const items = await eventsOf(executionArn);
    expect(items.length).toBeLessThanOrEqual(2);
    expect(items.reduce((total, item) => total + itemBytes(item), 0)).toBeLessThan(40_000);
    expect(await store.loadEvents(executionArn)).toEqual(events);
    await store.close();
  });

  it('still reads history pages written as JSON text (a store from before compression)', async () => {
    // Prepare
    const executionArn = execution('legacy-history').arn;
    const events = [loopEvent(1), loopEvent(2), loopEvent(3)];
    await documents.send(new PutCommand({ TableName: tableName, Item: { pk: `EVENTS#${executionArn}`, sk: '0000000001', events: JSON.stringify(events.slice(0, 2)) } }));
    const store = await DynamoDbStore.open({ endpoint: dynamo.endpoint, tableName });

    // Act
    await store.appendEvents(executionArn, events.slice(2));

    // Assess
    expect(await store.loadEvents(executionArn)).toEqual(events);
    await store.close();
  });
});
