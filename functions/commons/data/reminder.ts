// One item per (task deadline, reminder): the record that makes each reminder go out at most once.
//
// The order is claim → send → mark sent, with the claim leased (the same rule as every email,
// data/email-once.ts):
// - claim first (a conditional Put): a second sweep running at the same time, or the same sweep
//   run twice on a day, finds the claim and sends nothing;
// - SES answering with an error (or never reached) gives the claim back: the next run sends it,
//   late, never lost;
// - a crash after the claim and before the send is recorded leaves a claim whose lease runs out.
//   SendEmail has no idempotency token, so the run that finds it cannot tell whether SES took the
//   email: it does not resend, it records the reminder `unconfirmed` with an `email-unconfirmed`
//   audit event, for staff to see and re-send. At most once, with a visible trace.
// Marking sent writes the audit event in the same transaction, so the trail shows exactly the
// reminders recorded as sent. (Powertools idempotency implements the same INPROGRESS/COMPLETED
// lease; these items sit in the cycle's partition instead, next to its tasks and audit trail.)
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { looseObject, pick, string, enum as zEnum } from '#core/zod-mini';
import { recordUnconfirmed, releaseClaim } from '#commons/data/email-once';
import { writeTransaction } from '#commons/data/transaction';
import { documentClient } from '#commons/clients/dynamodb';
import { tableName } from '#commons/env';
import { isConditionalCheckFailure, transactionConditionFailures } from '#commons/helpers/conditions';
import { AuditEventType, auditPut } from '#commons/data/audit';
import { cycleKey } from '#commons/helpers/table-keys';
import { parseRecords } from '#commons/data/record-schema';
import type { TaskReminder } from '#core/reminders';

/** Longer than one sweep's Lambda timeout (30 s), so a live sweep's claim is never settled as unconfirmed. */
const CLAIM_LEASE_MS = 5 * 60_000;

const ReminderStatus = {
  sending: 'sending',
  sent: 'sent',
  /** Nobody to send it to (e.g. no QI lead on record): recorded so it is not retried daily. */
  noRecipient: 'no-recipient',
  /** Claimed by a sweep that stopped before recording the send: not re-sent (data/email-once.ts). */
  unconfirmed: 'unconfirmed',
} as const;
type ReminderStatus = (typeof ReminderStatus)[keyof typeof ReminderStatus];

/** A stored reminder's claim, as the sweep reads it back. */
const reminderRecordSchema = looseObject({
  cycleId: string(),
  stage: string(),
  reminderId: string(),
  status: zEnum(Object.values(ReminderStatus)),
});

const REMINDER_PREFIX = 'REMINDER#';
const reminderKey = (cycleId: string, stage: string, reminderId: string) => ({
  pk: cycleKey(cycleId).pk,
  sk: `${REMINDER_PREFIX}${stage}#${reminderId}`,
});

interface ReminderTarget {
  cycleId: string;
  stage: string;
  reminder: TaskReminder;
}

type ClaimResult = { claimed: true } | { claimed: false; status: ReminderStatus };

/** A claim whose holder stopped before recording the send: settled as unconfirmed, never re-sent. */
const settleAbandoned = async ({ cycleId, stage, reminder }: ReminderTarget, old: Record<string, unknown>, at: Date): Promise<ClaimResult> => {
  const detail = { stage, reminderId: reminder.id, recipientRole: reminder.recipientRole, reason: 'a sweep claimed this reminder and stopped before recording that SES took it; not re-sent' };
  const settled = await recordUnconfirmed({ key: reminderKey(cycleId, stage, reminder.id), cycleId, claimedBy: String(old.claimedBy), detail }, at);
  return { claimed: false, status: settled ? ReminderStatus.unconfirmed : ReminderStatus.sending };
};

const claimReminder = async (target: ReminderTarget, sweepId: string, at: Date): Promise<ClaimResult> => {
  const { cycleId, stage, reminder } = target;
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...reminderKey(cycleId, stage, reminder.id),
          itemType: 'reminder',
          cycleId,
          stage,
          reminderId: reminder.id,
          kind: reminder.kind,
          on: reminder.on,
          recipientRole: reminder.recipientRole,
          status: ReminderStatus.sending,
          claimedBy: sweepId,
          claimedAt: at.toISOString(),
          leaseUntil: new Date(at.getTime() + CLAIM_LEASE_MS).toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { claimed: true };
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const old = error.Item ? unmarshall(error.Item) : {};
    const known = reminderRecordSchema.shape.status.safeParse(old.status);
    const status = known.success ? known.data : ReminderStatus.sending;
    if (status === ReminderStatus.sending && typeof old.leaseUntil === 'string' && old.leaseUntil < at.toISOString()) return settleAbandoned(target, old, at);
    return { claimed: false, status };
  }
};

interface Delivery {
  status: typeof ReminderStatus.sent | typeof ReminderStatus.noRecipient;
  recipients: readonly string[];
  messageId?: string;
  detail: Record<string, unknown>;
}

/** Gives the claim back when SES certainly did not take the reminder, so the next run sends it. */
const releaseReminder = ({ cycleId, stage, reminder }: ReminderTarget, sweepId: string) => releaseClaim(reminderKey(cycleId, stage, reminder.id), sweepId);

/** Marks the claimed reminder done and writes its audit event, in one transaction. */
const recordDelivery = async (target: ReminderTarget, sweepId: string, delivery: Delivery, at: Date): Promise<void> => {
  const { cycleId, stage, reminder } = target;
  const type =
    delivery.status === ReminderStatus.noRecipient
      ? AuditEventType.reminderUndeliverable
      : reminder.kind === 'escalation'
        ? AuditEventType.escalationSent
        : AuditEventType.reminderSent;
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: reminderKey(cycleId, stage, reminder.id),
            UpdateExpression: 'SET #status = :status, recipients = :recipients, messageId = :messageId, completedAt = :at REMOVE leaseUntil',
            ConditionExpression: 'claimedBy = :sweepId AND #status = :sending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': delivery.status,
              ':recipients': [...delivery.recipients],
              ':messageId': delivery.messageId ?? null,
              ':at': at.toISOString(),
              ':sweepId': sweepId,
              ':sending': ReminderStatus.sending,
            },
          },
        },
        auditPut({
          entityPk: cycleKey(cycleId).pk,
          type,
          at,
          actor: `reminder-sweep:${sweepId}`,
          detail: { stage, reminderId: reminder.id, recipientRole: reminder.recipientRole, recipients: delivery.recipients, ...delivery.detail },
        }),
        // The board's "Last email": on the cycle item, which the audit counter moves anyway (data/transaction.ts).
        ...(delivery.status === ReminderStatus.sent
          ? [{ Update: { TableName: tableName, Key: cycleKey(cycleId), UpdateExpression: 'SET lastEmailSentAt = :at', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':at': at.toISOString() } } }]
          : []),
      ],
    });
  } catch (error) {
    // Our lease ran out and another sweep took the reminder over: it records its own send.
    if (!transactionConditionFailures(error)) throw error;
  }
};

/**
 * Reminders of this task already done (sent, or recorded undeliverable). A reminder another sweep
 * has claimed is not done: claiming it again tells whether that sweep still holds it (lease
 * running: the task stays due) or crashed (lease run out: this sweep records it unconfirmed).
 */
const settledReminderIds = async (cycleId: string, stage: string): Promise<Set<string>> => {
  const { Items = [] } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': cycleKey(cycleId).pk, ':prefix': `${REMINDER_PREFIX}${stage}#` },
      ConsistentRead: true,
    }),
  );
  const reminders = parseRecords('reminder', pick(reminderRecordSchema, { reminderId: true, status: true }), Items);
  return new Set(reminders.filter((item) => item.status !== ReminderStatus.sending).map((item) => item.reminderId));
};

export { settledReminderIds, reminderRecordSchema, CLAIM_LEASE_MS, REMINDER_PREFIX, ReminderStatus, claimReminder, recordDelivery, releaseReminder, reminderKey };
export type { ClaimResult, Delivery, ReminderTarget };
