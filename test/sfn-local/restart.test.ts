// Durability: SIGKILL the runtime while executions wait on a callback and on a Wait state;
// after a restart on the same DynamoDB table they complete, with no lost or doubled step.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDbLocal } from '../../local/services/dynamodb-local.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const effectsTable = 'effects';

let dynamo: RunningDynamoDbLocal;
let documents: DynamoDBDocumentClient;

const startRuntimeProcess = async (clockStartAt: string): Promise<{ child: ChildProcess; sfn: SFNClient; resumed: number; endpoint: string }> => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/runtime-process.ts')], {
    env: { ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint, EFFECTS_TABLE: effectsTable, SFN_TABLE: 'sfn-local', CLOCK_START_AT: clockStartAt },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.startsWith('READY ') && resolve(line));
    child.once('exit', (code) => reject(new Error(`runtime process exited with ${code}`)));
  });
  const [, endpoint, resumed] = ready.split(' ');
  return { child, endpoint, resumed: Number(resumed), sfn: new SFNClient({ endpoint, region: 'us-east-1', credentials }) };
};

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const advanceClock = async (endpoint: string, seconds: number) => {
  const response = await fetch(`${endpoint}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceBySeconds: seconds }) });
  expect(response.status).toBe(200);
};

const invocationsOf = async (execution: string) => {
  const { Items } = await documents.send(new QueryCommand({ TableName: effectsTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': execution } }));
  return Object.fromEntries((Items ?? []).map((item) => [item.sk, { invocations: item.invocations, taskToken: item.taskToken }]));
};

const step = (name: string, next: Record<string, unknown>, callback = false) => ({
  Type: 'Task',
  Resource: callback ? 'arn:aws:states:::lambda:invoke.waitForTaskToken' : 'arn:aws:states:::lambda:invoke',
  Arguments: {
    FunctionName: 'effects',
    Payload: { step: name, execution: '{% $states.context.Execution.Name %}', ...(callback && { token: '{% $states.context.Task.Token %}' }) },
  },
  ...next,
});

const cycleDefinition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Enrol',
  States: {
    Enrol: step('enrol', { Next: 'SelfReview' }),
    SelfReview: step('self-review', { Next: 'VisitWait', TimeoutSeconds: 90 * 24 * 3600 }, true),
    VisitWait: { Type: 'Wait', Seconds: 30 * 24 * 3600, Next: 'Record' },
    Record: step('record', { End: true }),
  },
};

const waitDefinition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Pause',
  States: { Pause: { Type: 'Wait', Seconds: 7 * 24 * 3600, Next: 'AfterWait' }, AfterWait: step('after-wait', { End: true }) },
};

const statesEnteredCount = async (sfn: SFNClient, executionArn: string) => {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  const names = (events ?? []).filter((event) => event.type?.endsWith('StateEntered')).map((event) => event.stateEnteredEventDetails?.name as string);
  return names.reduce<Record<string, number>>((counts, name) => ({ ...counts, [name]: (counts[name] ?? 0) + 1 }), {});
};

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
afterAll(async () => dynamo?.stop());

describe('Runtime: restart after SIGKILL', () => {
  it('resumes executions waiting on a callback and on a Wait state, doing each step once', async () => {
    // Prepare: one execution waits on a callback, one in a 7-day Wait.
    const first = await startRuntimeProcess('2026-01-05T09:00:00.000Z');
    const roleArn = 'arn:aws:iam::000000000000:role/r';
    const cycle = await first.sfn.send(new CreateStateMachineCommand({ name: 'cycle', definition: JSON.stringify(cycleDefinition), roleArn }));
    const pause = await first.sfn.send(new CreateStateMachineCommand({ name: 'pause', definition: JSON.stringify(waitDefinition), roleArn }));
    const cycleRun = await first.sfn.send(new StartExecutionCommand({ stateMachineArn: cycle.stateMachineArn, name: 'svc-1', input: '{}' }));
    const pauseRun = await first.sfn.send(new StartExecutionCommand({ stateMachineArn: pause.stateMachineArn, name: 'svc-2', input: '{}' }));
    await expect.poll(async () => (await invocationsOf('svc-1'))['self-review']?.invocations, { timeout: 15_000 }).toBe(1);
    await advanceClock(first.endpoint, 3 * 24 * 3600);

    // Act: kill without warning, start again on the same table.
    await kill(first.child);
    // A later start time must not move the manual clock: it carries on from where it was.
    const second = await startRuntimeProcess('2026-06-01T00:00:00.000Z');
    const clockAfterRestart = (await (await fetch(`${second.endpoint}/_local/clock`)).json()) as { now: string };
    const token = (await invocationsOf('svc-1'))['self-review'].taskToken as string;
    await second.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"submitted":true}' }));
    await advanceClock(second.endpoint, 30 * 24 * 3600);

    // Assess
    expect(second.resumed).toBe(2);
    expect(clockAfterRestart.now).toBe('2026-01-08T09:00:00.000Z');
    await expect
      .poll(async () => (await second.sfn.send(new DescribeExecutionCommand({ executionArn: cycleRun.executionArn }))).status, { timeout: 15_000 })
      .toBe('SUCCEEDED');
    await expect
      .poll(async () => (await second.sfn.send(new DescribeExecutionCommand({ executionArn: pauseRun.executionArn }))).status, { timeout: 15_000 })
      .toBe('SUCCEEDED');
    expect(await invocationsOf('svc-1')).toMatchObject({ enrol: { invocations: 1 }, 'self-review': { invocations: 1 }, record: { invocations: 1 } });
    expect(await invocationsOf('svc-2')).toMatchObject({ 'after-wait': { invocations: 1 } });
    expect(await statesEnteredCount(second.sfn, cycleRun.executionArn as string)).toEqual({ Enrol: 1, SelfReview: 1, VisitWait: 1, Record: 1 });
    expect(await statesEnteredCount(second.sfn, pauseRun.executionArn as string)).toEqual({ Pause: 1, AfterWait: 1 });
    await kill(second.child);
  });
});
