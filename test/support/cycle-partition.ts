// What a cycle's partition holds, as a mocked document client answers for it: the cycle and its
// tasks in the one Query a step opening reads them with (data/cycle.ts cycleWithTasks), and each
// by its key (a retry reads its task again; other readers get the cycle).
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/lib-dynamodb';
import type { AwsStub } from 'aws-sdk-client-mock';
import { cycleKey, taskKey } from '#commons/helpers/table-keys';

type DocumentClientStub = AwsStub<ServiceInputTypes, ServiceOutputTypes, DynamoDBDocumentClient['config']>;

const stageOf = (task: object) => String((task as { stage?: unknown }).stage);

const mockCyclePartition = (dynamo: DocumentClientStub, cycleId: string, cycle: object, ...tasks: object[]): void => {
  const stored = [{ ...cycle, ...cycleKey(cycleId) }, ...tasks.map((task) => ({ ...task, ...taskKey(cycleId, stageOf(task)) }))];
  dynamo.on(QueryCommand, { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :state AND :lastTask' }).resolves({ Items: stored });
  dynamo.on(GetCommand, { Key: cycleKey(cycleId) }).resolves({ Item: cycle });
  for (const task of tasks) dynamo.on(GetCommand, { Key: taskKey(cycleId, stageOf(task)) }).resolves({ Item: task });
};

export { mockCyclePartition };
