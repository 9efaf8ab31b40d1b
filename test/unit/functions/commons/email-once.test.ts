// "Send this email once" (issue 12: a crash between sending and marking sent repeated an email):
// claim, send, mark; a claim an earlier attempt left unsettled is recorded `email-unconfirmed`,
// never sent again.
import '../../../support/function-env.ts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClockSource, useSystemClock } from '#commons/clock';
import { sendOnce } from '#commons/data/email-once';
import type { SentMark } from '#commons/data/email-once';
import { EmailTemplate } from '#commons/helpers/emails';
import { cycleKey } from '#commons/helpers/table-keys';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const CYCLE_ID = 'cohort-2025--svc-1';
const email = { to: ['lead@svc-1.example.org'], template: EmailTemplate.taskOpened, data: { stageLabel: 'Self-review' } };
const mark: SentMark = {
  Key: { pk: `CYCLE#${CYCLE_ID}`, sk: 'TASK#self-review' },
  UpdateExpression: 'SET notifiedTokenHash = :tokenHash',
  ConditionExpression: 'tokenHash = :tokenHash',
  ExpressionAttributeValues: { ':tokenHash': 'hash-1' },
};
const sending = { cycleId: CYCLE_ID, sendingId: 'task#self-review#hash-1', emails: [email], mark };

/** The claim an earlier attempt holds on the email, as DynamoDB returns it. */
const heldClaim = (overrides: Record<string, unknown> = {}) => ({
  pk: cycleKey(CYCLE_ID).pk,
  status: 'sending',
  claimedBy: 'attempt-that-crashed',
  leaseUntil: Date.now() - 1_000,
  ...overrides,
});

/** Transactions that recorded an email unconfirmed. */
const unconfirmedRecords = () =>
  dynamo.commandCalls(TransactWriteCommand).filter((call) => (call.args[0].input.TransactItems ?? []).some((item) => item.Put?.Item?.type === 'email-unconfirmed'));

const claimRefused = (item: Record<string, unknown>) =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: marshall(item) });

describe('Function: sendOnce', () => {
  beforeEach(() => {
    dynamo.reset();
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
    dynamo.on(PutCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(DeleteCommand).resolves({});
    dynamo.on(GetCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    useClockSource(() => new Date('2025-02-04T09:00:00.000Z'));
  });
  afterEach(() => useSystemClock());

  it('claims the email for this attempt before sending, then marks it sent and sets the caller\'s mark', async () => {
    // Act
    await sendOnce(sending);

    // Assess
    const [claim] = dynamo.commandCalls(PutCommand);
    expect(claim.args[0].input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(claim.args[0].input.Item).toMatchObject({ pk: `CYCLE#${CYCLE_ID}`, status: 'sending', template: 'AccreditationTaskOpened', to: email.to });
    expect(String(claim.args[0].input.Item?.sk)).toMatch(/^EMAIL#task#self-review#hash-1#AccreditationTaskOpened#/);
    const attemptId = claim.args[0].input.Item?.claimedBy;
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    const [sent] = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(sent.ExpressionAttributeValues).toMatchObject({ ':sent': 'sent', ':messageId': 'message-1', ':attemptId': attemptId });
    // The caller's mark (on the task) and the cycle's "Last email", in one request.
    const [caller, lastEmail] = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
    expect(caller.Update).toMatchObject(mark);
    expect(lastEmail.Update).toMatchObject({ Key: cycleKey(CYCLE_ID), UpdateExpression: 'SET lastEmailSentAt = :lastEmailSentAt', ExpressionAttributeValues: { ':lastEmailSentAt': '2025-02-04T09:00:00.000Z' } });
    expect(claim.calledBefore(ses.commandCalls(SendEmailCommand)[0] as never)).toBe(true);
  });

  it('does not resend an email an earlier attempt claimed and never marked (lease run out): records email-unconfirmed and marks the caller done', async () => {
    // Prepare: the earlier attempt crashed after its claim, maybe after SES took the email.
    dynamo.on(PutCommand).rejects(claimRefused(heldClaim()));
    dynamo.on(GetCommand).resolves({ Item: heldClaim() });

    // Act
    await sendOnce(sending);

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    const [unconfirmed, audit] = dynamo.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems ?? [];
    expect(unconfirmed.Update?.ConditionExpression).toBe('#status = :sending AND claimedBy = :claimedBy');
    expect(unconfirmed.Update?.ExpressionAttributeValues).toMatchObject({ ':unconfirmed': 'unconfirmed', ':claimedBy': 'attempt-that-crashed' });
    expect(audit.Put?.Item).toMatchObject({ type: 'email-unconfirmed', detail: { sendingId: sending.sendingId, template: 'AccreditationTaskOpened', to: email.to } });
    expect(dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input)).toEqual([expect.objectContaining(mark)]);
  });

  it.each([
    ['sent', 'sent by the earlier attempt'],
    ['unconfirmed', 'already recorded unconfirmed'],
  ])('sends nothing for an email %s (%s)', async (status) => {
    // Prepare
    dynamo.on(PutCommand).rejects(claimRefused(heldClaim({ status })));
    dynamo.on(GetCommand).resolves({ Item: heldClaim({ status }) });

    // Act
    await sendOnce(sending);

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(unconfirmedRecords()).toHaveLength(0);
  });

  it('waits for a claim whose lease still runs, and sends nothing when its holder marks it sent', async () => {
    // Prepare: the holder is alive and records its send a moment later.
    dynamo.on(PutCommand).rejects(claimRefused(heldClaim({ leaseUntil: Date.now() + 60_000 })));
    dynamo.on(GetCommand).resolvesOnce({ Item: heldClaim({ leaseUntil: Date.now() + 60_000 }) }).resolves({ Item: heldClaim({ status: 'sent' }) });

    // Act
    await sendOnce(sending);

    // Assess
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(unconfirmedRecords()).toHaveLength(0);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('gives the claim back when SES answers with an error (it did not take the email), so the retry sends it', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'Maximum sending rate exceeded', $metadata: { httpStatusCode: 429 } }));

    // Act
    const attempt = sendOnce(sending);

    // Assess
    await expect(attempt).rejects.toThrow('Maximum sending rate exceeded');
    const [release] = dynamo.commandCalls(DeleteCommand);
    expect(release.args[0].input.ConditionExpression).toBe('#status = :sending AND claimedBy = :claimedBy');
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('keeps the claim when the answer was lost mid-flight (SES may have taken the email)', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    // Act
    const attempt = sendOnce(sending);

    // Assess
    await expect(attempt).rejects.toThrow('socket hang up');
    expect(dynamo.commandCalls(DeleteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });
  describe("the cycle's last email (the board's column)", () => {
    const cycleMark: SentMark = {
      Key: cycleKey(CYCLE_ID),
      UpdateExpression: 'SET welcomeEmailSentAt = :at',
      ConditionExpression: 'attribute_not_exists(welcomeEmailSentAt)',
      ExpressionAttributeValues: { ':at': '2025-02-04T09:00:00.000Z' },
    };

    it('sets it in the mark itself when the mark is on the cycle item: no extra request', async () => {
      // Act
      await sendOnce({ ...sending, mark: cycleMark });
      // Assess
      const updates = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
      expect(updates).toHaveLength(2);
      expect(updates[1]).toMatchObject({ Key: cycleKey(CYCLE_ID), ConditionExpression: cycleMark.ConditionExpression });
      expect(updates[1].UpdateExpression).toBe('SET lastEmailSentAt = :lastEmailSentAt, welcomeEmailSentAt = :at');
      expect(updates[1].ExpressionAttributeValues).toEqual({ ':at': '2025-02-04T09:00:00.000Z', ':lastEmailSentAt': '2025-02-04T09:00:00.000Z' });
      expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    });

    it('leaves it alone when no email went out', async () => {
      // Act
      await sendOnce({ ...sending, emails: [], mark: cycleMark });
      await sendOnce({ cycleId: CYCLE_ID, sendingId: 'nothing', emails: [] });
      // Assess
      const updates = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
      expect(updates).toEqual([expect.objectContaining(cycleMark)]);
      expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    });

    it('writes it alone for a sending without a mark, unless the caller records it itself', async () => {
      // Act
      const alone = await sendOnce({ cycleId: CYCLE_ID, sendingId: 'corrections#1', emails: [email] });
      dynamo.resetHistory();
      const byCaller = await sendOnce({ cycleId: CYCLE_ID, sendingId: 'follow-ups', emails: [email], lastEmailByCaller: true });
      // Assess
      expect([alone, byCaller]).toEqual([true, true]);
      const updates = dynamo.commandCalls(UpdateCommand).map((call) => call.args[0].input);
      expect(updates.some((update) => update.UpdateExpression?.includes('lastEmailSentAt'))).toBe(false);
    });
  });
});
