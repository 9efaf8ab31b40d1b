import '../../../support/function-env.ts';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCallbackTask } from '../../../../functions/open-callback-task/handler.ts';
import { useClockSource, useSystemClock } from '#commons/clock';
import { CycleNotFoundError, CycleOwnedByAnotherExecutionError, TaskAlreadyPendingError } from '#commons/errors';
import { cycleKey, taskKey } from '#commons/helpers/table-keys';
import { hashToken } from '#commons/helpers/token-hash';
import { EXECUTION_ARN, OTHER_EXECUTION_ARN, cycleRecord, taskRecord } from '../../../support/function-fixtures.ts';
import { transactionCancelled } from '../../../support/dynamodb-errors.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const TOKEN = 'AAAA-the-task-token-a-bearer-credential';

const event = (overrides: Record<string, unknown> = {}) => ({
  cycleId: 'cohort-2025--svc-1',
  stage: 'self-review' as const,
  taskToken: TOKEN,
  executionArn: EXECUTION_ARN,
  dueAt: '2025-05-02T23:59:59.000Z',
  recipientRole: 'service-lead' as const,
  ...overrides,
});

describe('Function: open-callback-task', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
    dynamo.on(GetCommand, { Key: cycleKey('cohort-2025--svc-1') }).resolves({ Item: cycleRecord() });
    dynamo.on(UpdateCommand).resolves({});
    useClockSource(() => new Date('2025-02-04T09:00:00.000Z'));
  });
  afterEach(() => useSystemClock());

  it('stores the token, moves the cycle to the stage and writes the audit event in one transaction', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(GetCommand, { Key: taskKey('cohort-2025--svc-1', 'self-review') }).resolves({});

    // Act
    await openCallbackTask(event());

    // Assess
    const items = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
    expect(items[0].Update?.ConditionExpression).toBe('attribute_exists(pk) AND executionArn = :executionArn');
    expect(items[0].Update?.ExpressionAttributeValues).toMatchObject({ ':stage': 'self-review', ':awaiting': 'awaiting-submission' });
    expect(items[1].Put?.Item).toMatchObject({ token: TOKEN, tokenHash: hashToken(TOKEN), status: 'open', gsi2pk: 'TASKS#OPEN' });
    expect(items[1].Put?.ConditionExpression).toContain('#status <> :open');
    expect(items[2].Put?.Item).toMatchObject({ type: 'task-opened', detail: { tokenHash: hashToken(TOKEN) } });
    expect(JSON.stringify(items[2].Put?.Item)).not.toContain(TOKEN);
  });

  it.each([
    { today: '2025-02-04T09:00:00.000Z', stage: 'self-review', next: '2025-03-20' },
    { today: '2025-03-21T09:00:00.000Z', stage: 'self-review', next: '2025-04-10' },
    { today: '2025-08-01T09:00:00.000Z', stage: 'committee-decision', next: '2025-05-02' },
  ])('indexes an open $stage task opened $today under its next reminder date $next', async ({ today, stage, next }) => {
    // Prepare
    useClockSource(() => new Date(today));
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(GetCommand, { Key: taskKey('cohort-2025--svc-1', stage) }).resolves({});

    // Act
    await openCallbackTask(event({ stage }));

    // Assess
    const task = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems?.[1].Put?.Item;
    expect(task).toMatchObject({ nextReminderOn: next, gsi2sk: `${next}#CYCLE#cohort-2025--svc-1#${stage}` });
  });

  it('emails the people who must act with a link naming the cycle and stage, never the token', async () => {
    // Prepare
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(GetCommand, { Key: taskKey('cohort-2025--svc-1', 'committee-decision') }).resolves({});

    // Act
    await openCallbackTask(event({ stage: 'committee-decision', recipientRole: 'committee' }));

    // Assess
    const [email] = ses.commandCalls(SendEmailCommand);
    const input = email.args[0].input;
    expect(input.Destination?.ToAddresses).toEqual(['committee@example.org']);
    expect(JSON.stringify(input)).not.toContain(TOKEN);
    expect(JSON.parse(input.Content?.Template?.TemplateData ?? '{}').link).toBe(
      'https://app.example.org/#/cycles/cohort-2025--svc-1/tasks/committee-decision',
    );
  });

  it('treats a retry with the same token as done: no error and no second email', async () => {
    // Prepare
    const stored = taskRecord({ token: TOKEN, tokenHash: hashToken(TOKEN), notifiedTokenHash: hashToken(TOKEN) });
    dynamo.on(TransactWriteCommand).rejects(transactionCancelled(3, { 1: stored as unknown as Record<string, unknown> }));
    dynamo.on(GetCommand, { Key: taskKey('cohort-2025--svc-1', 'self-review') }).resolves({ Item: stored });

    // Act
    const result = await openCallbackTask(event());

    // Assess
    expect(result.tokenHash).toBe(hashToken(TOKEN));
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it.each([
    { case: 'the cycle does not exist', failed: { 0: null }, error: CycleNotFoundError },
    { case: 'another execution drives the cycle', failed: { 0: { ...cycleRecord({ executionArn: OTHER_EXECUTION_ARN }) } }, error: CycleOwnedByAnotherExecutionError },
    { case: 'another execution holds an open task', failed: { 1: { ...taskRecord({ executionArn: OTHER_EXECUTION_ARN }) } }, error: TaskAlreadyPendingError },
  ])('fails with a named error when $case', async ({ failed, error }) => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(transactionCancelled(3, failed as unknown as Record<number, Record<string, unknown> | null>));

    // Act
    const result = openCallbackTask(event());

    // Assess
    await expect(result).rejects.toThrow(error);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});
