import '../../../support/function-env.ts';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCallbackTask } from '../../../../functions/open-callback-task/handler.ts';
import { addWorkingDays } from '#core/calendar';
import { useClockSource, useSystemClock } from '#commons/clock';
import { CycleNotFoundError, CycleOwnedByAnotherExecutionError, CycleWithdrawnError, TaskAlreadyPendingError } from '#commons/errors';
import { allocationKey, cycleKey, networkKey, reportKey, taskKey } from '#commons/helpers/table-keys';
import { hashToken } from '#commons/helpers/token-hash';
import { EXECUTION_ARN, OTHER_EXECUTION_ARN, networkRecord, taskRecord } from '../../../support/function-fixtures.ts';
import { CYCLE_ID, allocationRecord, cycleWithDeadlines, reportRecord } from '../../../support/workflow-fixtures.ts';
import { mockCyclePartition } from '../../../support/cycle-partition.ts';
import { transactionCancelled } from '../../../support/dynamodb-errors.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const TOKEN = 'AAAA-the-task-token-a-bearer-credential';

const event = (overrides: Record<string, unknown> = {}) => ({
  cycleId: CYCLE_ID,
  stage: 'self-review' as const,
  taskToken: TOKEN,
  executionArn: EXECUTION_ARN,
  dueAt: '2025-05-02T22:59:59.000Z',
  phase: 'open' as const,
  ...overrides,
});

const partitionHolds = (cycle: object, ...tasks: object[]) => mockCyclePartition(dynamo, CYCLE_ID, cycle, ...tasks);

const transactItems = () => dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
const sentEmails = () => ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);

describe('Function: open-callback-task', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
    dynamo.on(GetCommand).resolves({});
    dynamo.on(GetCommand, { Key: cycleKey(CYCLE_ID) }).resolves({ Item: cycleWithDeadlines() });
    dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: networkRecord() });
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE_ID) }).resolves({ Item: allocationRecord() });
    dynamo.on(GetCommand, { Key: reportKey(CYCLE_ID) }).resolves({ Item: reportRecord() });
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    partitionHolds(cycleWithDeadlines());
    useClockSource(() => new Date('2025-02-04T09:00:00.000Z'));
  });
  afterEach(() => useSystemClock());

  it('stores the token, moves the cycle to the stage and writes the audit event in one transaction', async () => {
    // Act
    await openCallbackTask(event());

    // Assess
    const items = transactItems();
    expect(items[0].Update?.ConditionExpression).toContain('attribute_exists(pk) AND executionArn = :executionArn AND #status <> :withdrawn');
    expect(items[0].Update?.ExpressionAttributeValues).toMatchObject({ ':stage': 'self-review', ':status': 'awaiting-submission' });
    expect(items[1].Put?.Item).toMatchObject({ token: TOKEN, tokenHash: hashToken(TOKEN), status: 'open', gsi2pk: 'TASKS#OPEN' });
    expect(items[1].Put?.ConditionExpression).toContain('#status <> :open');
    expect(items[2].Put?.Item).toMatchObject({ type: 'task-opened', detail: { tokenHash: hashToken(TOKEN) } });
    expect(JSON.stringify(items[2].Put?.Item)).not.toContain(TOKEN);
  });

  // The day each task opens: long before the deadline, the day after the 28-day reminder, the day of the 7-day one.
  it.each([
    { opensOn: '2025-02-04', offset: 28 },
    { opensOn: addWorkingDays(addWorkingDays('2025-05-02', -28), 1), offset: 14 },
    { opensOn: addWorkingDays('2025-05-02', -7), offset: 7 },
  ])('indexes a task opened $opensOn under its first reminder still to come ($offset working days before the due day)', async ({ opensOn, offset }) => {
    // Prepare
    useClockSource(() => new Date(`${opensOn}T09:00:00.000Z`));
    const expected = addWorkingDays('2025-05-02', -offset);

    // Act
    await openCallbackTask(event());

    // Assess
    expect(transactItems()[1].Put?.Item).toMatchObject({ nextReminderOn: expected, gsi2sk: `${expected}#CYCLE#${CYCLE_ID}#self-review` });
  });

  it('keeps the visit day out of the reminder index: it is a date in the diary, not something owed', async () => {
    // Act
    await openCallbackTask(event({ stage: 'visit', dueAt: '2025-06-10T23:00:00.000Z' }));

    // Assess
    const task = transactItems()[1].Put?.Item;
    expect(task?.gsi2pk).toBeUndefined();
    expect(task?.nextReminderOn).toBeUndefined();
  });

  it('closes the visit task, held until the visit day, when the next step opens (issue 10, defect 7)', async () => {
    // Prepare
    const visit = taskRecord({ cycleId: CYCLE_ID, stage: 'visit', status: 'open', tokenHash: 'visit-hash' });
    const answered = taskRecord({ cycleId: CYCLE_ID, stage: 'self-review', status: 'submitted' });
    partitionHolds(cycleWithDeadlines(), visit, answered);

    // Act
    await openCallbackTask(event({ stage: 'peer-ratings' }));

    // Assess
    // Not the opening's own transaction, nor the "told them" mark with the cycle's last email.
    const closes = dynamo
      .commandCalls(TransactWriteCommand)
      .slice(1)
      .map((call) => call.args[0].input.TransactItems ?? [])
      .filter((items) => !items.some((item) => item.Update?.UpdateExpression?.includes('lastEmailSentAt')));
    expect(closes).toHaveLength(1);
    expect(closes[0][0].Update).toMatchObject({ Key: taskKey(CYCLE_ID, 'visit'), ConditionExpression: '#status = :before AND tokenHash = :tokenHash' });
    expect(closes[0][0].Update?.ExpressionAttributeValues).toMatchObject({ ':timedOut': 'timed-out', ':before': 'open', ':tokenHash': 'visit-hash' });
    expect(closes[0][0].Update?.UpdateExpression).toContain('REMOVE gsi2pk, gsi2sk');
    expect(closes[0][1].Put?.Item).toMatchObject({ type: 'stage-recorded', detail: { stage: 'visit', outcome: 'passed', next: 'peer-ratings' } });
  });

  it('leaves a task answered meanwhile as its answer recorded it', async () => {
    // Prepare
    partitionHolds(cycleWithDeadlines(), taskRecord({ cycleId: CYCLE_ID, stage: 'visit', status: 'open' }));
    dynamo.on(TransactWriteCommand).resolvesOnce({}).rejects(transactionCancelled(3, { 0: { status: 'submitted' } }));

    // Act
    const opened = await openCallbackTask(event({ stage: 'peer-ratings' }));

    // Assess
    expect(opened.tokenHash).toBe(hashToken(TOKEN));
  });

  it('waits overdue without emailing and without moving the escalation ladder the sweep has reached', async () => {
    // Prepare
    partitionHolds(cycleWithDeadlines(), taskRecord({ status: 'overdue', nextReminderOn: '2025-05-09', openedAt: '2025-02-04T09:00:00.000Z' }));

    // Act
    await openCallbackTask(event({ phase: 'overdue' }));

    // Assess
    const items = transactItems();
    expect(items[0].Update?.ExpressionAttributeValues).toMatchObject({ ':status': 'overdue' });
    expect(items[1].Put?.Item).toMatchObject({ status: 'overdue', nextReminderOn: '2025-05-09', gsi2sk: `2025-05-09#CYCLE#${CYCLE_ID}#self-review`, openedAt: '2025-02-04T09:00:00.000Z' });
    expect(items[2].Put?.Item).toMatchObject({ type: 'awaiting-extension' });
    expect(sentEmails()).toHaveLength(0);
  });

  it('sends the committee pack with the recommendation and its reasons, with a link and never the token', async () => {
    // Act
    await openCallbackTask(event({ stage: 'committee-decision', dueAt: '2025-09-26T22:59:59.000Z' }));

    // Assess
    const [email] = sentEmails();
    expect(email.Destination?.ToAddresses).toEqual(['committee@example.org']);
    expect(email.Content?.Template?.TemplateName).toBe('CommitteePack');
    const data = JSON.parse(email.Content?.Template?.TemplateData ?? '{}');
    expect(data).toMatchObject({ recommendation: 'accredited', recommendationLabel: 'Accredited', dueOn: '2025-09-26', link: `https://app.example.org/cycles/${CYCLE_ID}/tasks/committee-decision` });
    expect(data.reasons).toEqual(reportRecord().recommendation.reasons.map((reason) => reason.message));
    expect(JSON.stringify(email)).not.toContain(TOKEN);
  });

  it('invites each reviewer with the calendar invitation attached', async () => {
    // Act
    await openCallbackTask(event({ stage: 'reviewer-acceptance', dueAt: '2025-05-27T22:59:59.000Z' }));

    // Assess
    const emails = sentEmails();
    expect(emails.map((email) => email.Destination?.ToAddresses?.[0])).toEqual(allocationRecord().team.map((member) => member.email));
    for (const email of emails) {
      expect(email.Content?.Template?.TemplateName).toBe('ReviewInvitation');
      const [attachment] = email.Content?.Template?.Attachments ?? [];
      expect(attachment.ContentType).toBe('text/calendar');
      expect(new TextDecoder().decode(attachment.RawContent)).toContain('DTSTART;VALUE=DATE:20250611');
    }
  });

  it.each([
    { case: 'a retry of the same invocation', stored: { token: TOKEN, tokenHash: hashToken(TOKEN), notifiedTokenHash: hashToken(TOKEN), notifiedDueAt: '2025-05-02T22:59:59.000Z' }, retry: true },
    { case: 'a resumed execution reopening the pending step with the same deadline', stored: { notifiedDueAt: '2025-05-02T22:59:59.000Z', executionArn: OTHER_EXECUTION_ARN }, retry: false },
  ])('sends nothing again for $case', async ({ stored, retry }) => {
    // Prepare
    const record = taskRecord(stored);
    partitionHolds(cycleWithDeadlines({ previousExecutionArn: OTHER_EXECUTION_ARN }), record);
    if (retry) dynamo.on(TransactWriteCommand).rejects(transactionCancelled(3, { 1: record as unknown as Record<string, unknown> }));

    // Act
    const result = await openCallbackTask(event());

    // Assess
    expect(result.tokenHash).toBe(hashToken(TOKEN));
    expect(sentEmails()).toHaveLength(0);
  });

  it('sends nothing again when the execution resumes after a crash between sending and marking: the dead attempt\'s claim is recorded email-unconfirmed', async () => {
    // Prepare: the task was stored and its email claimed (maybe sent) by an attempt killed before the notified mark.
    const record = taskRecord({ token: TOKEN, tokenHash: hashToken(TOKEN), notifiedTokenHash: undefined, notifiedDueAt: undefined });
    const claim = { status: 'sending', claimedBy: 'attempt-killed', leaseUntil: Date.now() - 1_000 };
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: marshall(claim) }));
    const items: Record<string, unknown> = { STATE: cycleWithDeadlines(), CONFIG: networkRecord(), 'TASK#self-review': record };
    dynamo.on(GetCommand).callsFake((input: { Key: { sk: string } }) => ({ Item: input.Key.sk.startsWith('EMAIL#') ? claim : items[input.Key.sk] }));
    partitionHolds(cycleWithDeadlines(), record);
    dynamo.on(TransactWriteCommand).rejectsOnce(transactionCancelled(3, { 1: record as unknown as Record<string, unknown> })).resolves({});

    // Act
    await openCallbackTask(event());

    // Assess
    expect(sentEmails()).toHaveLength(0);
    const [, settle] = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems ?? []);
    expect(settle?.[1]?.Put?.Item).toMatchObject({ type: 'email-unconfirmed', detail: { template: 'AccreditationTaskOpened', to: ['lead@riverside.example.org'] } });
    expect(dynamo.commandCalls(UpdateCommand).at(-1)?.args[0].input.UpdateExpression).toContain('notifiedTokenHash');
  });

  it('finishes, not repeats, the invitations an attempt was killed sending when the step opens again with a new token (a retry of the task state)', async () => {
    // Prepare: the first attempt (token old-hash) sent the lead's invitation and died; same step, same deadline, never marked notified.
    const dueAt = '2025-05-27T22:59:59.000Z';
    const before = taskRecord({ stage: 'reviewer-acceptance', tokenHash: 'old-hash', dueAt, notifiedTokenHash: undefined, notifiedDueAt: undefined });
    const sentBefore = { status: 'sent', claimedBy: 'attempt-killed' };
    dynamo.on(PutCommand).callsFake((input: { Item: { sk: string; to: string[] } }) => {
      if (input.Item.sk.startsWith('EMAIL#task#reviewer-acceptance#old-hash#') && input.Item.to.includes(allocationRecord().team[0].email)) {
        throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: marshall(sentBefore) });
      }
      return {};
    });
    const items: Record<string, unknown> = { STATE: cycleWithDeadlines(), CONFIG: networkRecord(), ALLOCATION: allocationRecord(), 'TASK#reviewer-acceptance': before };
    dynamo.on(GetCommand).callsFake((input: { Key: { sk: string } }) => ({ Item: input.Key.sk.startsWith('EMAIL#') ? sentBefore : items[input.Key.sk] }));
    partitionHolds(cycleWithDeadlines(), before);

    // Act
    await openCallbackTask(event({ stage: 'reviewer-acceptance', dueAt }));

    // Assess
    const claims = dynamo.commandCalls(PutCommand).map((call) => String(call.args[0].input.Item?.sk));
    expect(claims.every((sk) => sk.startsWith('EMAIL#task#reviewer-acceptance#old-hash#'))).toBe(true);
    expect(sentEmails().map((email) => email.Destination?.ToAddresses?.[0])).toEqual(allocationRecord().team.slice(1).map((member) => member.email));
  });

  it('emails again for a new round of a step answered before (a rebooking, a second decision)', async () => {
    // Prepare
    partitionHolds(cycleWithDeadlines(), taskRecord({ stage: 'peer-review-scheduling', status: 'submitted', notifiedDueAt: '2025-06-03T22:59:59.000Z' }));

    // Act
    await openCallbackTask(event({ stage: 'peer-review-scheduling', dueAt: '2025-06-03T22:59:59.000Z' }));

    // Assess
    expect(sentEmails().map((email) => email.Content?.Template?.TemplateName)).toEqual(['AccreditationTaskOpened']);
  });

  it.each([
    { case: 'the cycle does not exist', failed: { 0: null }, error: CycleNotFoundError },
    { case: 'the cycle was withdrawn', failed: { 0: { ...cycleWithDeadlines({ status: 'withdrawn' }) } }, error: CycleWithdrawnError },
    { case: 'another execution drives the cycle', failed: { 0: { ...cycleWithDeadlines({ executionArn: OTHER_EXECUTION_ARN }) } }, error: CycleOwnedByAnotherExecutionError },
    { case: 'another execution holds an open task', failed: { 1: { ...taskRecord({ executionArn: OTHER_EXECUTION_ARN }) } }, error: TaskAlreadyPendingError },
  ])('fails with a named error when $case', async ({ failed, error }) => {
    // Prepare
    dynamo.on(TransactWriteCommand).rejects(transactionCancelled(3, failed as unknown as Record<number, Record<string, unknown> | null>));

    // Act
    const result = openCallbackTask(event());

    // Assess
    await expect(result).rejects.toThrow(error);
    expect(sentEmails()).toHaveLength(0);
  });
});
