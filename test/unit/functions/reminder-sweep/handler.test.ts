import '../../../support/function-env.ts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClockSource, useSystemClock } from '#commons/clock';
import { allocationKey, cycleKey, networkKey, taskKey } from '#commons/helpers/table-keys';
import { sweepReminders } from '../../../../functions/reminder-sweep/handler.ts';
import { cycleRecord, networkRecord, taskRecord } from '../../../support/function-fixtures.ts';
import { allocationRecord } from '../../../support/workflow-fixtures.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const CYCLE = 'cohort-2025--svc-1';
// Self-review due Tuesday 6 May 2025 (end of the UK day): 7 working days before is 24 April.
const DUE_AT = '2025-05-06T22:59:59.000Z';
const context = { awsRequestId: 'request-1' };

const claimRefused = (status: string) =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: marshall({ status }) });

const arrange = (options: { task?: Record<string, unknown>; contacts?: Record<string, string[]>; settled?: Record<string, unknown>[] } = {}) => {
  dynamo.on(QueryCommand, { IndexName: 'open-tasks', ProjectionExpression: 'cycleId, stage, dueAt, nextReminderOn' }).resolves({
    Items: [{ cycleId: CYCLE, stage: 'self-review', dueAt: DUE_AT }],
  });
  dynamo.on(QueryCommand, { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)' }).resolves({ Items: options.settled ?? [] });
  // No open action of an action plan is due (issue 13: they have their own range of the index).
  dynamo.on(QueryCommand, { IndexName: 'open-tasks', ProjectionExpression: 'pk, sk' }).resolves({ Items: [] });
  dynamo.on(GetCommand, { Key: taskKey(CYCLE, 'self-review') }).resolves({
    Item: { ...taskRecord({ dueAt: DUE_AT, openedAt: '2025-02-04T09:00:00.000Z', tokenHash: 'hash-1' }), gsi2pk: 'TASKS#OPEN', ...options.task },
  });
  dynamo.on(GetCommand, { Key: cycleKey(CYCLE) }).resolves({
    Item: cycleRecord({ contacts: { serviceLead: ['lead@riverside.example.org'], committee: [], ...options.contacts } as never }),
  });
  dynamo.on(GetCommand, { Key: networkKey('ccqi-accreditation-example') }).resolves({ Item: networkRecord() });
  dynamo.on(PutCommand).resolves({});
  dynamo.on(TransactWriteCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({});
  dynamo.on(DeleteCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
};

describe('Function: reminder-sweep', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    useClockSource(() => new Date('2025-04-24T06:00:05.000Z'));
  });
  afterEach(() => useSystemClock());

  it('reads the open-tasks index only up to today: no census of all open work (issue 14)', async () => {
    // Prepare
    arrange();

    // Act
    const summary = await sweepReminders({ scheduledTime: '2025-04-24T06:00:00.000Z' }, context);

    // Assess: the tasks and the actions due, each read with a date bound, and nothing else of the index.
    expect(summary).toMatchObject({ tasksSwept: 1, actionsSwept: 0 });
    const indexReads = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input).filter((input) => input.IndexName === 'open-tasks');
    expect(indexReads.map((input) => input.KeyConditionExpression)).toEqual(['gsi2pk = :open AND gsi2sk <= :through', expect.stringMatching(/<= :through/)]);
  });

  it('claims the reminder, sends it, then marks it sent with its audit event and moves the task to its next date', async () => {
    // Prepare
    arrange();
    // Act
    const summary = await sweepReminders({ scheduledTime: '2025-04-24T06:00:00Z' }, context);
    // Assess
    expect(summary).toMatchObject({ today: '2025-04-24', tasksSwept: 1, reminders: 1, escalations: 0 });
    const claim = dynamo.commandCalls(PutCommand)[0].args[0].input;
    expect(claim.Item).toMatchObject({ reminderId: 'before-7@2025-05-06', status: 'sending', claimedBy: '2025-04-24/request-1' });
    expect(claim.ConditionExpression).toContain('attribute_not_exists(pk)');
    expect(ses.commandCalls(SendEmailCommand)[0].args[0].input.Content?.Template?.TemplateName).toBe('AccreditationReminder');
    const [marked, audit, cycle] = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
    expect(marked.Update?.ExpressionAttributeValues).toMatchObject({ ':status': 'sent', ':messageId': 'message-1' });
    expect(audit.Put?.Item).toMatchObject({ type: 'reminder-sent', detail: { reminderId: 'before-7@2025-05-06' } });
    // The board's "Last email", on the cycle item the audit counter moves in the same transaction.
    expect(cycle.Update?.Key).toEqual(cycleKey(CYCLE));
    expect(cycle.Update?.UpdateExpression).toContain('lastEmailSentAt = :at');
    expect(cycle.Update?.ExpressionAttributeValues).toMatchObject({ ':at': expect.stringMatching(/^2025-04-24T/) });
    expect(dynamo.commandCalls(UpdateCommand)[0].args[0].input.ExpressionAttributeValues).toMatchObject({ ':next': '2025-05-02' });
  });

  it('gives the claim back when SES answers with an error, so a later run sends it (late, never lost)', async () => {
    // Prepare
    arrange();
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'Maximum sending rate exceeded', $metadata: { httpStatusCode: 429 } }));
    // Act
    const sweep = sweepReminders({ scheduledTime: '2025-04-24T06:00:00Z' }, context);
    // Assess
    await expect(sweep).rejects.toThrow('Maximum sending rate exceeded');
    expect(dynamo.commandCalls(DeleteCommand)[0].args[0].input.ExpressionAttributeValues).toMatchObject({ ':claimedBy': '2025-04-24/request-1' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('does not resend a reminder claimed by a sweep that stopped before recording it (lease run out): records it email-unconfirmed', async () => {
    // Prepare: yesterday's sweep claimed it and died, maybe after SES took the email.
    arrange();
    dynamo.on(PutCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: marshall({ status: 'sending', claimedBy: '2025-04-23/request-0', leaseUntil: '2025-04-23T06:05:00.000Z' }),
      }),
    );
    // Act
    const summary = await sweepReminders({ scheduledTime: '2025-04-24T06:00:00Z' }, context);
    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(summary).toMatchObject({ reminders: 0, unconfirmed: 1, unresolved: 0 });
    const [settled, audit] = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
    expect(settled.Update?.ExpressionAttributeValues).toMatchObject({ ':unconfirmed': 'unconfirmed', ':claimedBy': '2025-04-23/request-0' });
    expect(audit.Put?.Item).toMatchObject({ type: 'email-unconfirmed', detail: { stage: 'self-review', reminderId: 'before-7@2025-05-06', recipientRole: 'service-lead' } });
    expect(dynamo.commandCalls(UpdateCommand)[0].args[0].input.ExpressionAttributeValues).toMatchObject({ ':next': '2025-05-02' });
  });

  it.each([
    ['already sent by an earlier run', 'sent', '2025-05-02'],
    ['claimed by a sweep still running', 'sending', '2025-04-24'],
  ])('sends nothing for a reminder %s', async (_label, status, next) => {
    // Prepare
    arrange();
    dynamo.on(PutCommand).rejects(claimRefused(status));
    // Act
    const summary = await sweepReminders({ scheduledTime: '2025-04-24T06:00:00Z' }, context);
    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(summary.reminders).toBe(0);
    expect(dynamo.commandCalls(UpdateCommand)[0].args[0].input.ExpressionAttributeValues).toMatchObject({ ':next': next });
  });

  it('records an escalation rung with no address as undeliverable instead of sending it elsewhere', async () => {
    // Prepare: 13 May is 5 working days late, the QI lead's rung; the service lead's was sent.
    arrange({ task: { status: 'overdue' }, settled: [{ reminderId: 'escalation-1@2025-05-06', status: 'sent' }] });
    useClockSource(() => new Date('2025-05-13T06:00:05.000Z'));
    // Act
    const summary = await sweepReminders({ scheduledTime: '2025-05-13T06:00:00Z' }, context);
    // Assess
    expect(summary).toMatchObject({ escalations: 0, undeliverable: 1 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    const [marked, audit] = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
    expect(marked.Update?.ExpressionAttributeValues).toMatchObject({ ':status': 'no-recipient' });
    expect(audit.Put?.Item).toMatchObject({ type: 'reminder-undeliverable', detail: { recipientRole: 'organisation-qi-lead' } });
  });

  it.each([
    ['on the cycle\'s contacts (written with the team)', { leadReviewer: ['ada@reviewers.example.org'] }],
    ['only on the allocation (a team allocated before contacts were written)', {}],
  ])('reminds the lead reviewer of the peer ratings, found %s (issue 10, defect 2)', async (_label, contacts) => {
    // Prepare: peer ratings due 6 May; 24 April is 7 working days before.
    arrange({ contacts });
    dynamo.on(QueryCommand, { IndexName: 'open-tasks', ProjectionExpression: 'cycleId, stage, dueAt, nextReminderOn' }).resolves({ Items: [{ cycleId: CYCLE, stage: 'peer-ratings', dueAt: DUE_AT }] });
    dynamo.on(GetCommand, { Key: taskKey(CYCLE, 'peer-ratings') }).resolves({
      Item: { ...taskRecord({ stage: 'peer-ratings', dueAt: DUE_AT, openedAt: '2025-04-14T09:00:00.000Z', tokenHash: 'hash-2' }), gsi2pk: 'TASKS#OPEN' },
    });
    dynamo.on(GetCommand, { Key: allocationKey(CYCLE) }).resolves({ Item: allocationRecord({ cycleId: CYCLE, status: 'confirmed' }) });
    // Act
    const summary = await sweepReminders({ scheduledTime: '2025-04-24T06:00:00Z' }, context);
    // Assess
    expect(summary).toMatchObject({ reminders: 1, undeliverable: 0 });
    const email = ses.commandCalls(SendEmailCommand)[0].args[0].input;
    expect(email.Destination?.ToAddresses).toEqual(['ada@reviewers.example.org']);
    expect(email.Content?.Template?.TemplateName).toBe('AccreditationReminder');
  });

  it.each([
    ['submitted', { status: 'submitted' }],
    ['out of the index', { gsi2pk: undefined }],
  ])('does nothing for a task that is %s by the time it is read', async (_label, task) => {
    // Prepare
    arrange({ task });
    // Act
    const summary = await sweepReminders({ scheduledTime: '2025-04-24T06:00:00Z' }, context);
    // Assess
    expect(summary.reminders).toBe(0);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
