// Reads of the sparse open-tasks index (GSI2): only open callback tasks carry its keys, sorted by
// next reminder date, so the sweep reads exactly the tasks it has work for. Never a Scan.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#commons/clients/dynamodb';
import { tableName } from '#commons/env';
import { OPEN_TASKS_PARTITION, TableIndex } from '#commons/helpers/table-keys';

interface OpenTaskRef {
  cycleId: string;
  stage: string;
  dueAt: string;
  nextReminderOn?: string;
}

const queryAll = async (input: QueryCommandInput): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

/** '~' sorts after '#', so `<today>~` includes every key that starts with today's date. */
const tasksDueBy = async (today: string): Promise<OpenTaskRef[]> =>
  (await queryAll({
    TableName: tableName,
    IndexName: TableIndex.openTasks,
    KeyConditionExpression: 'gsi2pk = :open AND gsi2sk <= :through',
    ExpressionAttributeValues: { ':open': OPEN_TASKS_PARTITION, ':through': `${today}~` },
    ProjectionExpression: 'cycleId, stage, dueAt, nextReminderOn',
  })) as unknown as OpenTaskRef[];

export { queryAll, tasksDueBy };
export type { OpenTaskRef };
