// Durability of the manual clock (issue 12, defect 4): the runtime is SIGKILLed in the middle of
// an advance, after one step has already dated an effect. On restart the clock must not be
// earlier than that effect, and the resumed execution's history must never go backwards.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDbLocal } from '../../local/services/dynamodb-local.ts';
import { executionHistory } from '../support/execution-history.ts';
import { startStallingRuntime, type StallingRuntime } from '../support/stalling-runtime.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const effectsTable = 'effects';
const day = 24 * 3600;
const started: StallingRuntime[] = [];
let dynamo: RunningDynamoDbLocal;
let documents: DynamoDBDocumentClient;

const task = (step: string, next: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: step, Payload: { step, execution: '{% $states.context.Execution.Name %}', at: '{% $states.context.State.EnteredTime %}' } },
  ...next,
});

// Day 1 dates an effect; day 2's task is still running when the process dies.
const definition = {
  QueryLanguage: 'JSONata',
  StartAt: 'FirstWait',
  States: {
    FirstWait: { Type: 'Wait', Seconds: day, Next: 'Dated' },
    Dated: task('dated', { Next: 'SecondWait' }),
    SecondWait: { Type: 'Wait', Seconds: day, Next: 'InFlight' },
    InFlight: task('in-flight', { End: true }),
  },
};

const clockOf = async (runtime: StallingRuntime) => Date.parse(((await (await fetch(`${runtime.endpoint}/_local/clock`)).json()) as { now: string }).now);

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
  documents = DynamoDBDocumentClient.from(client);
  await client.send(
    new CreateTableCommand({
      TableName: effectsTable,
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
});
afterAll(async () => {
  for (const runtime of started) await runtime.kill();
  documents?.destroy();
  await dynamo?.stop();
});

describe('Runtime: the manual clock across a crash mid-advance', () => {
  it('restarts no earlier than the last step it dated, and the history never goes backwards', { timeout: 60_000 }, async () => {
    // Prepare
    const options = { dynamodbEndpoint: dynamo.endpoint, sfnTable: 'sfn-clock', effectsTable, clockStartAt: '2026-01-05T09:00:00.000Z' };
    const first = await startStallingRuntime({ ...options, stallFunctions: ['in-flight'] });
    started.push(first);
    const machine = await first.sfn.send(new CreateStateMachineCommand({ name: 'dated', definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/r' }));
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, name: 'run-1', input: '{}' }));
    const startedAt = await clockOf(first);

    // Act: a 10-day advance stops at day 2, where the in-flight task never returns; kill it there.
    void fetch(`${first.endpoint}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceBySeconds: 10 * day }) }).catch(() => undefined);
    await expect
      .poll(async () => (await executionHistory(first.sfn, executionArn as string)).some((event) => event.type === 'TaskStarted' && event.timestamp && event.timestamp.getTime() >= startedAt + 2 * day * 1000), { timeout: 20_000 })
      .toBe(true);
    await first.kill();
    const second = await startStallingRuntime({ ...options, clockStartAt: '2020-01-01T00:00:00.000Z' });
    started.push(second);
    const clockAfterRestart = await clockOf(second);

    // Assess: the clock is not before day 2, so the resumed task finishes without another advance.
    const dated = (await documents.send(new GetCommand({ TableName: effectsTable, Key: { pk: 'run-1', sk: 'dated' } }))).Item?.payload as { at: string };
    expect(Date.parse(dated.at)).toBe(startedAt + day * 1000);
    expect(clockAfterRestart).toBeGreaterThanOrEqual(startedAt + 2 * day * 1000);
    await expect.poll(async () => (await second.sfn.send(new DescribeExecutionCommand({ executionArn }))).status, { timeout: 20_000 }).toBe('SUCCEEDED');
    const timestamps = (await executionHistory(second.sfn, executionArn as string)).map((event) => event.timestamp?.getTime() ?? 0);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
  });
});
