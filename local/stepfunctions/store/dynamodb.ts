// Durable store in one DynamoDB table (DynamoDB Local for `npm start`). Item layout:
//   pk STATE_MACHINES          sk <state machine ARN>   the state machine
//   pk EXECUTIONS#<sm ARN>     sk <execution ARN>       the execution (list by machine = Query)
//   pk DEFINITIONS             sk <sha256 of the ASL>   a definition, written once, named by its
//                                                       executions (an ASL is tens of KB: kept on each
//                                                       execution it made every status change cost as
//                                                       many write units)
//   pk RUNNING                 sk <execution ARN>       present while RUNNING (resume = Query)
//   pk EVENTS#<execution ARN>  sk <first event id>      a page of history events, brotli-compressed
//                                                       JSON (a Pass/Choice loop's history shrinks
//                                                       ~25x, and it is billed by the KB)
//   pk TOKEN#<token>           sk TOKEN                 a task token and its outcome
//   pk TOKENS#<execution ARN>  sk <token>               the execution's tokens (to close them)
//   pk CLOCK                   sk CLOCK                 the manual clock's time
// State changes that must agree (execution status and the RUNNING marker; token status) are
// transactions or conditional writes.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants as zlibConstants } from 'node:zlib';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  DeleteCommand,
  type BatchWriteCommandInput,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { redrivableStatuses, ExecutionStatus, TokenStatus, type ExecutionRecord, type HistoryEvent, type StateMachineRecord, type Store, type TokenRecord } from './types.ts';

interface DynamoDbStoreOptions {
  endpoint: string;
  tableName: string;
  region?: string;
}

const stateMachinesPk = 'STATE_MACHINES';
const definitionsPk = 'DEFINITIONS';
const runningPk = 'RUNNING';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

// A history page holds events up to this much JSON, so even incompressible payloads keep the item
// under DynamoDB's 400 KB limit (one state's input or output alone may be 256 KB).
const maxPageJsonBytes = 350_000;
// BatchWriteItem takes at most 25 items a request.
const maxBatchItems = 25;
// Quality 4 of 11: at 11 brotli spends ~100x the time for a few percent; 4 is faster than gzip
// and about half its size on history JSON.
const compress = (json: string) =>
  promisify(brotliCompress)(json, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: json.length } });
const decompress = promisify(brotliDecompress);

/** Events as JSON pages of at most maxPageJsonBytes each (one event larger than that is a page alone). */
const historyPages = (events: HistoryEvent[]): { firstId: number; json: string }[] => {
  const pages: { firstId: number; json: string }[] = [];
  let parts: string[] = [];
  let bytes = 0;
  let firstId = 0;
  for (const event of events) {
    const json = JSON.stringify(event);
    if (parts.length > 0 && bytes + json.length > maxPageJsonBytes) {
      pages.push({ firstId, json: `[${parts.join(',')}]` });
      parts = [];
      bytes = 0;
    }
    if (parts.length === 0) firstId = event.id;
    parts.push(json);
    bytes += json.length + 1;
  }
  if (parts.length > 0) pages.push({ firstId, json: `[${parts.join(',')}]` });
  return pages;
};

const machineArnOf = (executionArn: string): string => {
  const [, , , region, account, , machineName] = executionArn.split(':');
  return `arn:aws:states:${region}:${account}:stateMachine:${machineName}`;
};

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'ConditionalCheckFailedException' || error.name === 'TransactionCanceledException');

/** `SET #a = :a, #b = :b` with its names and values, for the defined fields of a patch. */
const setExpression = (patch: Record<string, unknown>) => {
  const fields = Object.entries(patch).filter(([, value]) => value !== undefined);
  return {
    UpdateExpression: `SET ${fields.map(([name]) => `#${name} = :${name}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(fields.map(([name]) => [`#${name}`, name])),
    ExpressionAttributeValues: Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])),
  };
};

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as T;
};

/** An execution as stored: the definition replaced by its hash. */
type StoredExecution = Omit<ExecutionRecord, 'definition'> & { definitionHash?: string; definition?: string };

class DynamoDbStore implements Store {
  /** Definitions by hash: written and read once per process. */
  private readonly definitions = new Map<string, Promise<string>>();

  private constructor(
    private readonly client: DynamoDBClient,
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  static async open(options: DynamoDbStoreOptions): Promise<DynamoDbStore> {
    const client = new DynamoDBClient({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const store = new DynamoDbStore(client, documents, options.tableName);
    await store.ensureTable();
    return store;
  }

  private async ensureTable(): Promise<void> {
    try {
      await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
      return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    try {
      await this.client.send(
        new CreateTableCommand({
          TableName: this.tableName,
          BillingMode: 'PAY_PER_REQUEST',
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
    } catch (error) {
      // Another process created it first.
      if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
    }
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async createStateMachine(record: StateMachineRecord) {
    try {
      await this.documents.send(
        new PutCommand({ TableName: this.tableName, Item: { pk: stateMachinesPk, sk: record.arn, ...record }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return this.getStateMachine(record.arn);
    }
  }

  async putStateMachine(record: StateMachineRecord) {
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { pk: stateMachinesPk, sk: record.arn, ...record } }));
  }

  async getStateMachine(arn: string) {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { pk: stateMachinesPk, sk: arn }, ConsistentRead: true }));
    return strip<StateMachineRecord>(Item);
  }

  async listStateMachines() {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': stateMachinesPk } });
    return items.map((item) => strip<StateMachineRecord>(item) as StateMachineRecord);
  }

  async deleteStateMachine(arn: string) {
    await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: stateMachinesPk, sk: arn } }));
  }

  /** Stores a definition once (by content) and returns its hash. */
  private async saveDefinition(definition: string): Promise<string> {
    const hash = createHash('sha256').update(definition).digest('hex');
    if (!this.definitions.has(hash)) {
      const saved = this.documents.send(new PutCommand({ TableName: this.tableName, Item: { pk: definitionsPk, sk: hash, definition } })).then(() => definition);
      this.definitions.set(hash, saved);
      saved.catch(() => this.definitions.delete(hash));
    }
    await this.definitions.get(hash);
    return hash;
  }

  private async definitionOf(hash: string): Promise<string> {
    if (!this.definitions.has(hash)) {
      const loaded = this.documents.send(new GetCommand({ TableName: this.tableName, Key: { pk: definitionsPk, sk: hash } })).then(({ Item }) => {
        if (typeof Item?.definition !== 'string') throw new Error(`The store has no definition ${hash}`);
        return Item.definition;
      });
      this.definitions.set(hash, loaded);
      loaded.catch(() => this.definitions.delete(hash));
    }
    return this.definitions.get(hash) as Promise<string>;
  }

  /** An execution item as the runtime knows it: with its definition (an item written before the split carries it). */
  private async executionOf(item: Record<string, unknown> | undefined): Promise<ExecutionRecord | undefined> {
    const stored = strip<StoredExecution>(item);
    if (!stored) return undefined;
    const { definitionHash, ...record } = stored;
    if (record.definition !== undefined || definitionHash === undefined) return record as ExecutionRecord;
    return { ...record, definition: await this.definitionOf(definitionHash) };
  }

  async createExecution(record: ExecutionRecord) {
    const { definition, ...rest } = record;
    const definitionHash = await this.saveDefinition(definition);
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: `EXECUTIONS#${record.stateMachineArn}`, sk: record.arn, ...rest, definitionHash },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.tableName, Item: { pk: runningPk, sk: record.arn } } },
          ],
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return this.getExecution(record.arn);
    }
  }

  async getExecution(arn: string) {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `EXECUTIONS#${machineArnOf(arn)}`, sk: arn }, ConsistentRead: true }),
    );
    return this.executionOf(Item);
  }

  async closeExecution(arn: string, patch: Pick<ExecutionRecord, 'status' | 'stopDate' | 'output' | 'error' | 'cause'>) {
    const update = setExpression(patch);
    return this.moveExecution(arn, {
      ...update,
      ConditionExpression: '#status = :running',
      ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#status': 'status' },
      ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':running': ExecutionStatus.running },
    }, { Delete: { TableName: this.tableName, Key: { pk: runningPk, sk: arn } } });
  }

  async reopenExecution(arn: string, patch: Required<Pick<ExecutionRecord, 'redriveCount' | 'redriveDate'>>) {
    const update = setExpression({ ...patch, status: ExecutionStatus.running });
    const closedFields = ['stopDate', 'output', 'error', 'cause'];
    return this.moveExecution(arn, {
      ...update,
      UpdateExpression: `${update.UpdateExpression} REMOVE ${closedFields.map((field) => `#${field}`).join(', ')}`,
      ConditionExpression: `#status IN (${redrivableStatuses.map((_status, index) => `:redrivable${index}`).join(', ')})`,
      ExpressionAttributeNames: { ...update.ExpressionAttributeNames, ...Object.fromEntries(closedFields.map((field) => [`#${field}`, field])) },
      ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...Object.fromEntries(redrivableStatuses.map((status, index) => [`:redrivable${index}`, status])) },
    }, { Put: { TableName: this.tableName, Item: { pk: runningPk, sk: arn } } });
  }

  /** A conditional update of an execution record, and its entry in the RUNNING index, in one transaction; false when the condition failed. */
  private async moveExecution(arn: string, update: Omit<NonNullable<TransactItem['Update']>, 'TableName' | 'Key'>, runningIndex: TransactItem): Promise<boolean> {
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: [{ Update: { TableName: this.tableName, Key: { pk: `EXECUTIONS#${machineArnOf(arn)}`, sk: arn }, ...update } }, runningIndex],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async listExecutions(stateMachineArn: string) {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `EXECUTIONS#${stateMachineArn}` } });
    return Promise.all(items.map(async (item) => (await this.executionOf(item)) as ExecutionRecord));
  }

  async listRunningExecutions() {
    const markers = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': runningPk } });
    const records = await Promise.all(markers.map((marker) => this.getExecution(marker.sk as string)));
    return records.filter((record): record is ExecutionRecord => record?.status === ExecutionStatus.running);
  }

  /** History pages written together: BatchWriteItem, 25 pages a request, unprocessed ones sent again. */
  async appendEvents(executionArn: string, events: HistoryEvent[]) {
    if (events.length === 0) return;
    const pages = await Promise.all(
      historyPages(events).map(async ({ firstId, json }): Promise<WriteRequest> => ({
        PutRequest: { Item: { pk: `EVENTS#${executionArn}`, sk: String(firstId).padStart(10, '0'), compressed: await compress(json) } },
      })),
    );
    for (let start = 0; start < pages.length; start += maxBatchItems) {
      let requests = pages.slice(start, start + maxBatchItems);
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 25 * 2 ** attempt)));
        const { UnprocessedItems } = await this.documents.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = UnprocessedItems?.[this.tableName] ?? [];
      }
    }
  }

  /** Pages in id order (the sort key); a page written before compression holds its JSON as text. */
  async loadEvents(executionArn: string) {
    const pages = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `EVENTS#${executionArn}` }, ConsistentRead: true });
    const texts = await Promise.all(
      pages.map(async (page) => (page.compressed instanceof Uint8Array ? (await decompress(page.compressed)).toString('utf8') : (page.events as string))),
    );
    return texts.flatMap((text) => JSON.parse(text) as HistoryEvent[]);
  }

  /**
   * The pointer first, then the token: a crash in between leaves a pointer to nothing, which closing
   * skips, never an open token that closing cannot find. Two plain writes rather than a transaction
   * (which bills both items twice).
   */
  async putToken(record: TokenRecord) {
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { pk: `TOKENS#${record.executionArn}`, sk: record.token } }));
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { pk: `TOKEN#${record.token}`, sk: 'TOKEN', ...record } }));
  }

  async getToken(token: string) {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { pk: `TOKEN#${token}`, sk: 'TOKEN' }, ConsistentRead: true }));
    return strip<TokenRecord>(Item);
  }

  async transitionToken(token: string, from: TokenRecord['status'], patch: Partial<TokenRecord>) {
    const update = setExpression(patch);
    let executionArn: unknown;
    try {
      const { Attributes } = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `TOKEN#${token}`, sk: 'TOKEN' },
          ...update,
          ConditionExpression: 'attribute_exists(pk) AND #status = :from',
          ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#status': 'status' },
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':from': from },
          ReturnValues: 'ALL_NEW',
        }),
      );
      executionArn = Attributes?.executionArn;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    // A token that left `open` has nothing left for closeTokens to do: drop its pointer, so closing an
    // execution writes only for the tokens still open (a crash before this delete costs closing one
    // refused conditional write, nothing more).
    if (patch.status !== undefined && patch.status !== TokenStatus.open && typeof executionArn === 'string') {
      await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: `TOKENS#${executionArn}`, sk: token } }));
    }
    return true;
  }

  async closeTokens(executionArn: string) {
    const pointers = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TOKENS#${executionArn}` } });
    await Promise.all(pointers.map((pointer) => this.transitionToken(pointer.sk as string, TokenStatus.open, { status: TokenStatus.closed })));
  }

  async loadClock() {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { pk: 'CLOCK', sk: 'CLOCK' }, ConsistentRead: true }));
    return Item?.now as number | undefined;
  }

  async saveClock(now: number) {
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { pk: 'CLOCK', sk: 'CLOCK', now } }));
  }

  async close() {
    this.client.destroy();
  }
}

export { DynamoDbStore };
export type { DynamoDbStoreOptions };
