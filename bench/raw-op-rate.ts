// DynamoDB Local's raw request rate for a given mix of operations: the floor a workload's achieved
// rate is judged against (issue 14). Each operation is sent in the mix's proportions, on items of
// about 1 KB in a table of its own, by `concurrency` workers, for at most `maxMs`.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';

const TABLE = 'bench-raw-op-rate';
const PARTITIONS = 200;
const payload = 'x'.repeat(1_000);

const measureRawRate = async (endpoint: string, mix: ReadonlyMap<string, number>, { concurrency, maxMs }: { concurrency: number; maxMs: number }) => {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const documents = DynamoDBDocumentClient.from(client);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
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
    const item = (n: number, k = 0) => ({ pk: `P${n % PARTITIONS}`, sk: `S${k}`, payload, n });
    for (let n = 0; n < PARTITIONS; n += 25) {
      await documents.send(new BatchWriteCommand({ RequestItems: { [TABLE]: Array.from({ length: 25 }, (_unused, i) => ({ PutRequest: { Item: item(n + i) } })) } }));
    }
    const send: Record<string, (n: number) => Promise<unknown>> = {
      GetItem: (n) => documents.send(new GetCommand({ TableName: TABLE, Key: { pk: `P${n % PARTITIONS}`, sk: 'S0' } })),
      PutItem: (n) => documents.send(new PutCommand({ TableName: TABLE, Item: item(n, n % 5) })),
      UpdateItem: (n) => documents.send(new UpdateCommand({ TableName: TABLE, Key: { pk: `P${n % PARTITIONS}`, sk: 'S0' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': n } })),
      DeleteItem: (n) => documents.send(new DeleteCommand({ TableName: TABLE, Key: { pk: `P${n % PARTITIONS}`, sk: 'S4' } })),
      Query: (n) => documents.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `P${n % PARTITIONS}` } })),
      TransactWriteItems: (n) =>
        documents.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: item(n, 1) } }, { Put: { TableName: TABLE, Item: item(n + 1, 2) } }] })),
      BatchWriteItem: (n) => documents.send(new BatchWriteCommand({ RequestItems: { [TABLE]: [{ PutRequest: { Item: item(n, 3) } }] } })),
    };
    // The mix as a repeating schedule, each operation in proportion (anything else counts as a Query).
    const total = [...mix.values()].reduce((sum, n) => sum + n, 0);
    const schedule = [...mix].flatMap(([operation, n]) => Array.from({ length: Math.max(1, Math.round((n / Math.max(total, 1)) * 100)) }, () => send[operation] ?? send.Query));
    let next = 0;
    let done = 0;
    const started = performance.now();
    const worker = async () => {
      while (performance.now() - started < maxMs && next < 20_000) {
        const n = next++;
        await schedule[n % schedule.length](n);
        done += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { requests: done, rate: done / ((performance.now() - started) / 1000) };
  } finally {
    client.destroy();
  }
};

export { measureRawRate };
