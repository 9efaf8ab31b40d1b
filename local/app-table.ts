// Creates the application table as the CDK data stack defines it (docs/data-model.md):
// pk/sk, GSI "by-network" (gsi1pk/gsi1sk) and the sparse GSI "open-tasks" (gsi2pk/gsi2sk), each
// projecting only what its queries read. A table kept from before (ALL) keeps its projections.
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, ResourceNotFoundException, UpdateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { INDEX_PROJECTIONS } from '#contracts/index-projections';
import { TableIndex } from '#commons/helpers/table-keys';

const stringKeys = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];

/** The stream the hand-over relay reads (new images, as the CDK data stack configures it). */
const STREAM = { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } as const;

/** Whether the table exists, and whether its stream is on (a table kept from before the relay has none). */
const describe = async (client: DynamoDBClient, tableName: string): Promise<{ exists: boolean; streaming: boolean }> => {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return { exists: true, streaming: Table?.StreamSpecification?.StreamEnabled === true };
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return { exists: false, streaming: false };
    throw error;
  }
};

const ensureAppTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const current = await describe(client, tableName);
  if (current.exists && !current.streaming) await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: STREAM }));
  if (current.exists) return;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: STREAM,
        AttributeDefinitions: stringKeys.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: TableIndex.byNetwork,
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INDEX_PROJECTIONS[TableIndex.byNetwork]] },
          },
          {
            IndexName: TableIndex.openTasks,
            KeySchema: [
              { AttributeName: 'gsi2pk', KeyType: 'HASH' },
              { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INDEX_PROJECTIONS[TableIndex.openTasks]] },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
};

/** Deletes every table whose name starts with `prefix` (an app's tables in a DynamoDB Local it shares). */
const deleteTablesNamed = async (endpoint: string, prefix: string): Promise<void> => {
  if (!prefix) throw new Error('deleteTablesNamed needs a table-name prefix');
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    let ExclusiveStartTableName: string | undefined;
    const names: string[] = [];
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName }));
      names.push(...(page.TableNames ?? []).filter((name) => name.startsWith(prefix)));
      ExclusiveStartTableName = page.LastEvaluatedTableName;
    } while (ExclusiveStartTableName);
    for (const TableName of names) await client.send(new DeleteTableCommand({ TableName }));
  } finally {
    client.destroy();
  }
};

export { deleteTablesNamed, ensureAppTable };
