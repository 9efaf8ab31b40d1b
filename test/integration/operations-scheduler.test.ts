// The local EventBridge Scheduler on the local runtime's manual clock, through
// @aws-sdk/client-scheduler: one-off and daily schedules, both target kinds, retries, and
// schedules that survive a restart (DynamoDB Local).
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalScheduler } from '../../local/scheduler/index.ts';
import type { LocalScheduler } from '../../local/scheduler/index.ts';
import { testDynamoDb, type TestDynamoDb } from '../support/shared-dynamodb.ts';
import { startLocalStepFunctions } from '#sfn-local/index';
import type { LocalStepFunctions } from '#sfn-local/index';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const ROLE = 'arn:aws:iam::000000000000:role/scheduler';
const SWEEP_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:reminder-sweep';
const START_EXECUTION = 'arn:aws:scheduler:::aws-sdk:sfn:startExecution';

interface Call {
  target: string;
  payload: unknown;
  at: string;
}

describe('Local EventBridge Scheduler', () => {
  let dynamo: TestDynamoDb;
  let runtime: LocalStepFunctions;
  let scheduler: LocalScheduler;
  let client: SchedulerClient;
  let calls: Call[] = [];
  let failuresToCome = 0;
  const storeOptions = (endpoint: string) => ({ kind: 'dynamodb' as const, endpoint, tableName: `${dynamo.tablePrefix}scheduler-test` });

  const start = async () => {
    scheduler = await startLocalScheduler({
      store: storeOptions(dynamo.endpoint),
      clock: runtime.clock,
      invokers: {
        invokeLambda: async (arn, payload) => {
          if (failuresToCome > 0) {
            failuresToCome -= 1;
            throw new Error('Lambda.ServiceException');
          }
          calls.push({ target: arn, payload, at: runtime.clock.now().toISOString() });
          return null;
        },
        callAwsSdk: async (service, action, request) => {
          calls.push({ target: `${service}:${action}`, payload: request, at: runtime.clock.now().toISOString() });
          return { executionArn: 'arn:aws:states:us-east-1:000000000000:execution:x:y' };
        },
      },
    });
    client = new SchedulerClient({ endpoint: scheduler.endpoint, region: 'us-east-1', credentials });
  };

  beforeAll(async () => {
    dynamo = await testDynamoDb();
    // Friday 28 March 2025: British Summer Time starts on Sunday 30 March.
    runtime = await startLocalStepFunctions({
      store: { kind: 'memory' },
      clock: { kind: 'manual', startAt: new Date('2025-03-28T12:00:00.000Z') },
      invokeLambda: async () => null,
    });
    await start();
  }, 60_000);

  afterAll(async () => {
    client?.destroy();
    await scheduler?.stop();
    await runtime?.stop();
    await dynamo?.stop();
  });

  beforeEach(() => {
    calls = [];
    failuresToCome = 0;
  });

  const daily = (name: string) =>
    new CreateScheduleCommand({
      Name: name,
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: SWEEP_ARN, RoleArn: ROLE, Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }) },
    });

  it('fires a daily cron schedule once per day at 07:00 London time as the clock moves, across the clock change', async () => {
    // Prepare
    await client.send(daily('daily-sweep'));
    // Act
    await runtime.clock.advance(4 * 86_400_000);
    // Assess
    const sweeps = calls.filter((call) => call.target === SWEEP_ARN);
    expect(sweeps.map((call) => (call.payload as { scheduledTime: string }).scheduledTime)).toEqual([
      '2025-03-29T07:00:00Z',
      '2025-03-30T06:00:00Z',
      '2025-03-31T06:00:00Z',
      '2025-04-01T06:00:00Z',
    ]);
    expect(sweeps.map((call) => call.at)).toEqual(['2025-03-29T07:00:00.000Z', '2025-03-30T06:00:00.000Z', '2025-03-31T06:00:00.000Z', '2025-04-01T06:00:00.000Z']);
    await client.send(new DeleteScheduleCommand({ Name: 'daily-sweep' }));
  });

  it('fires a one-off at() schedule on the manual clock, starts the execution through the universal target, then deletes itself', async () => {
    // Prepare
    const input = { stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:accreditation-cycle', name: 'c-interim--svc', input: '{"startDate":"2025-04-03"}' };
    await client.send(
      new CreateScheduleCommand({
        Name: 'interim-review-c--svc',
        GroupName: 'one-off-starts',
        ScheduleExpression: 'at(2025-04-03T07:00:00)',
        ScheduleExpressionTimezone: 'Europe/London',
        ActionAfterCompletion: 'DELETE',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: START_EXECUTION, RoleArn: ROLE, Input: JSON.stringify(input) },
      }),
    );
    const before = await client.send(new GetScheduleCommand({ Name: 'interim-review-c--svc', GroupName: 'one-off-starts' }));
    // Act
    await runtime.clock.advanceTo(new Date('2025-04-05T00:00:00.000Z'));
    // Assess
    expect(before.ScheduleExpression).toBe('at(2025-04-03T07:00:00)');
    expect(calls).toEqual([{ target: 'sfn:startExecution', payload: input, at: '2025-04-03T06:00:00.000Z' }]);
    await expect(client.send(new GetScheduleCommand({ Name: 'interim-review-c--svc', GroupName: 'one-off-starts' }))).rejects.toThrow(ResourceNotFoundException);
  });

  it('refuses a second schedule of the same name in a group (ConflictException) and lists schedules by group', async () => {
    // Prepare
    await client.send(daily('only-once'));
    // Act
    const second = client.send(daily('only-once'));
    // Assess
    await expect(second).rejects.toThrow(ConflictException);
    const listed = await client.send(new ListSchedulesCommand({ GroupName: 'default', NamePrefix: 'only' }));
    expect(listed.Schedules?.map((schedule) => schedule.Name)).toEqual(['only-once']);
    await client.send(new DeleteScheduleCommand({ Name: 'only-once' }));
  });

  it.each([
    ['an expression it cannot read', 'every day at 7'],
    ['a cron year', 'cron(0 7 * * ? 2026)'],
    ['L in a cron day', 'cron(0 7 L * ? *)'],
  ])('refuses %s with ValidationException', async (_label, expression) => {
    // Act
    const create = client.send(
      new CreateScheduleCommand({ Name: 'bad', ScheduleExpression: expression, FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: SWEEP_ARN, RoleArn: ROLE } }),
    );
    // Assess
    await expect(create).rejects.toThrow(ValidationException);
  });

  it('retries a failed delivery a minute later on the same clock, with the same scheduled time', async () => {
    // Prepare
    await client.send(daily('retried'));
    failuresToCome = 1;
    // Act
    await runtime.clock.advance(86_400_000);
    // Assess
    expect(calls).toHaveLength(1);
    expect(calls[0].at).toBe(new Date(Date.parse((calls[0].payload as { scheduledTime: string }).scheduledTime) + 60_000).toISOString());
    await client.send(new DeleteScheduleCommand({ Name: 'retried' }));
  });

  it('keeps schedules across a restart and fires them afterwards', async () => {
    // Prepare
    await client.send(daily('survivor'));
    client.destroy();
    await scheduler.stop();
    // Act
    await start();
    await runtime.clock.advance(86_400_000);
    // Assess
    expect(scheduler.resumed).toBe(1);
    expect(calls.filter((call) => call.target === SWEEP_ARN)).toHaveLength(1);
  });
});
