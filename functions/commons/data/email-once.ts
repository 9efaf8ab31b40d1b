// "Send this email once": at most once, and never silently lost.
//
// SES has no idempotency key, so no order of "send" and "record" is exactly once across a crash:
// - send, then mark (what this file did before): a crash between the two repeats the email on the
//   retry. The chaos run (issue 12) caught it: a kill after "Draft report ... factual-accuracy
//   check" went out and before the task was marked notified sent it twice once the execution resumed.
// - claim, send, mark (what it does now): each email is claimed first with a conditional Put that
//   names the attempt. Only the attempt holding a claim ever sends on it. A retry that finds a
//   claim not marked sent cannot know whether SES took the email before the holder died, so it
//   does not resend blindly: once the holder's lease has run out it marks the email `unconfirmed`
//   with an `email-unconfirmed` audit event (who, which email), in one transaction. Staff see it
//   in the cycle's trail and re-send by hand if the person says nothing came. A lost email is a
//   visible trace; a repeated one (a second "Self-review is open", a second committee pack) is
//   noise people act on twice and cannot be taken back.
// - An error SES answered (throttling, a 5xx, a refusal), or a connection that was never made,
//   means SES did not take the email: the claim is released and the retry sends it. Only an
//   answer lost mid-flight (reset, timeout, a crash) leaves the claim for the lease to settle;
//   the SES client makes one attempt (clients/sesv2.ts) so the SDK never resends behind our back.
// - Leases are wall-clock time, like the hand-overs' (data/hand-overs.ts): they measure whether an
//   attempt is alive, not the review's business time, which the local manual clock may hold still.
//   A retry that finds a running lease waits for it (the holder is normally done in well under a
//   second), then settles the email either way.
//
// Why not confirm with SES instead? SESv2 has no "was this message sent" query; the event
// destination (Send events to EventBridge) could confirm later, but not within the retry that
// must decide now. That reconciler could clear `unconfirmed` marks later without changing this file.
import { createHash, randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients/dynamodb.ts';
import { now } from '../clock.ts';
import { tableName } from '../env.ts';
import { isConditionalCheckFailure, transactionConditionFailures } from '../helpers/conditions.ts';
import { sendTemplatedEmail } from '../helpers/emails.ts';
import type { TemplatedEmail } from '../helpers/emails.ts';
import { cycleKey } from '../helpers/table-keys.ts';
import { AuditEventType, auditPut } from './audit.ts';
import { writeTransaction } from './transaction.ts';

/** Longer than the holder needs from its claim to its mark (one SES call and one write). */
const EMAIL_CLAIM_LEASE_MS = 20_000;
/** How often a retry that finds a running lease looks again. */
const LEASE_POLL_MS = 1_000;
const EMAIL_PREFIX = 'EMAIL#';

const EmailStatus = {
  sending: 'sending',
  sent: 'sent',
  /** Claimed by an attempt that died before recording the send: it may or may not have gone out. */
  unconfirmed: 'unconfirmed',
} as const;
type EmailStatus = (typeof EmailStatus)[keyof typeof EmailStatus];

interface SentMark {
  Key: { pk: string; sk: string };
  UpdateExpression: string;
  /** Holds only while no other attempt has marked the same sending. */
  ConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
}

interface Sending {
  cycleId: string;
  /** Names this sending, the same on every retry (e.g. `welcome`, `task#self-review#<tokenHash>`). */
  sendingId: string;
  emails: readonly TemplatedEmail[];
  /**
   * Written once every email is settled (sent or unconfirmed): the caller's own "told them" flag.
   * When an email went out, the cycle's `lastEmailSentAt` is set with it (applyMark); a sending
   * without a flag of its own has it written alone, unless `lastEmailByCaller`.
   */
  mark?: SentMark;
  /** The caller records `lastEmailSentAt` in a write it makes anyway (no mark, no extra request). */
  lastEmailByCaller?: boolean;
}

/** A claim another attempt holds (its item as the failed condition returned it). */
interface HeldClaim {
  status: string;
  claimedBy: string;
  leaseUntil?: number;
}

interface UnconfirmedEmail {
  /** The claim's key: an EMAIL# item, or a reminder's REMINDER# item (data/reminder.ts). */
  key: { pk: string; sk: string };
  cycleId: string;
  /** The attempt that claimed it and never recorded the send. */
  claimedBy: string;
  /** Who and which email, for staff to re-send. */
  detail: Record<string, unknown>;
}

const recipientsHash = (to: readonly string[]) => createHash('sha256').update([...to].sort().join('\n')).digest('hex').slice(0, 16);

const emailKey = (cycleId: string, sendingId: string, email: TemplatedEmail) => ({
  pk: cycleKey(cycleId).pk,
  sk: `${EMAIL_PREFIX}${sendingId}#${email.template}#${recipientsHash(email.to)}`,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether a failed SES call certainly did not send: SES answered with an error, or the connection
 * was refused before any request went out. A reset or a timeout may come after SES took it.
 */
const certainlyNotSent = (error: unknown): boolean => {
  const answered = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (typeof answered === 'number') return true;
  const codes = [error, (error as { cause?: unknown })?.cause].map((inner) => (inner as { code?: unknown })?.code);
  return codes.includes('ECONNREFUSED');
};

/**
 * Settles a dead attempt's claim as unconfirmed, with its audit event, in one transaction; false
 * when the claim changed meanwhile (its holder recorded the send, or another retry settled it).
 */
const recordUnconfirmed = async ({ key, cycleId, claimedBy, detail }: UnconfirmedEmail, at: Date): Promise<boolean> => {
  try {
    await writeTransaction({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET #status = :unconfirmed, settledAt = :at',
            ConditionExpression: '#status = :sending AND claimedBy = :claimedBy',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':unconfirmed': EmailStatus.unconfirmed, ':sending': EmailStatus.sending, ':claimedBy': claimedBy, ':at': at.toISOString() },
          },
        },
        auditPut({ entityPk: cycleKey(cycleId).pk, type: AuditEventType.emailUnconfirmed, at, actor: `attempt:${claimedBy}`, detail }),
      ],
    });
    return true;
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
    return false;
  }
};

/** Gives a claim back after SES certainly did not take the email, so the retry sends it. */
const releaseClaim = async (key: { pk: string; sk: string }, claimedBy: string): Promise<void> => {
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: '#status = :sending AND claimedBy = :claimedBy',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': EmailStatus.sending, ':claimedBy': claimedBy },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

/** Claims one email for this attempt; the claim another attempt holds when it cannot. */
const claim = async (key: { pk: string; sk: string }, cycleId: string, sendingId: string, email: TemplatedEmail, attemptId: string): Promise<HeldClaim | undefined> => {
  const wallClock = Date.now();
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...key,
          itemType: 'email',
          cycleId,
          sendingId,
          template: email.template,
          to: [...email.to],
          status: EmailStatus.sending,
          claimedBy: attemptId,
          claimedAt: new Date(wallClock).toISOString(),
          leaseUntil: wallClock + EMAIL_CLAIM_LEASE_MS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return undefined;
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    // Gone between the two reads: released by a holder whose send failed; claim it again.
    return Item ? (Item as unknown as HeldClaim) : claim(key, cycleId, sendingId, email, attemptId);
  }
};

/** Sends on a claim this attempt holds, then records it sent (or gives the claim back). */
const sendClaimed = async (key: { pk: string; sk: string }, email: TemplatedEmail, attemptId: string): Promise<void> => {
  let messageId: string | undefined;
  try {
    messageId = await sendTemplatedEmail(email);
  } catch (error) {
    if (certainlyNotSent(error)) await releaseClaim(key, attemptId);
    throw error;
  }
  // Conditional on our own claim only: if a retry gave up on us meanwhile, the email did go out after all.
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :at REMOVE leaseUntil',
      ConditionExpression: 'claimedBy = :attemptId',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': EmailStatus.sent, ':messageId': messageId ?? null, ':at': now().toISOString(), ':attemptId': attemptId },
    }),
  );
};

/**
 * One email: sent by this attempt, found settled, or settled as unconfirmed once its holder's lease
 * ran out. True when it is known to have gone out (by this attempt or an earlier one).
 */
const sendEmailOnce = async (cycleId: string, sendingId: string, email: TemplatedEmail, attemptId: string): Promise<boolean> => {
  const key = emailKey(cycleId, sendingId, email);
  for (;;) {
    const held = await claim(key, cycleId, sendingId, email, attemptId);
    if (!held) {
      await sendClaimed(key, email, attemptId);
      return true;
    }
    if (held.status !== EmailStatus.sending) return held.status === EmailStatus.sent;
    const leaseLeft = (held.leaseUntil ?? 0) - Date.now();
    if (leaseLeft > 0) {
      await sleep(Math.min(leaseLeft, LEASE_POLL_MS));
      continue;
    }
    const detail = { sendingId, template: email.template, to: [...email.to], reason: 'an earlier attempt claimed this email and stopped before recording that SES took it; not re-sent' };
    if (await recordUnconfirmed({ key, cycleId, claimedBy: held.claimedBy, detail }, now())) return false;
  }
};

const isCycleItem = (key: { pk: string; sk: string }, cycleId: string) => key.pk === cycleKey(cycleId).pk && key.sk === cycleKey(cycleId).sk;

/** Sets only the cycle's `lastEmailSentAt`: with a mark on another item, or alone. */
const lastEmailMark = (cycleId: string, sentAt: string): SentMark => ({
  Key: cycleKey(cycleId),
  UpdateExpression: 'SET lastEmailSentAt = :lastEmailSentAt',
  ConditionExpression: 'attribute_exists(pk)',
  ExpressionAttributeValues: { ':lastEmailSentAt': sentAt },
});

/** The same mark, also setting the cycle's `lastEmailSentAt` (the board's "Last email"). */
const withLastEmail = (mark: SentMark, sentAt: string): SentMark => ({
  ...mark,
  UpdateExpression: /\bSET\b/.test(mark.UpdateExpression) ? mark.UpdateExpression.replace(/\bSET\b/, 'SET lastEmailSentAt = :lastEmailSentAt,') : `SET lastEmailSentAt = :lastEmailSentAt ${mark.UpdateExpression}`,
  ExpressionAttributeValues: { ...mark.ExpressionAttributeValues, ':lastEmailSentAt': sentAt },
});

/**
 * Writes the caller's mark; when an email went out, the cycle's `lastEmailSentAt` moves in the same
 * request: in the mark's own update when the mark is on the cycle item, else in one transaction with
 * it (still one request). A refused mark (another attempt marked first, or a newer task token
 * replaced this one) changes nothing.
 */
const applyMark = async (cycleId: string, mark: SentMark, sentAt: string | undefined): Promise<void> => {
  if (sentAt === undefined || isCycleItem(mark.Key, cycleId)) {
    try {
      await documentClient.send(new UpdateCommand({ TableName: tableName, ...(sentAt === undefined ? mark : withLastEmail(mark, sentAt)) }));
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
    }
    return;
  }
  try {
    await writeTransaction({ TransactItems: [{ Update: { TableName: tableName, ...mark } }, { Update: { TableName: tableName, ...lastEmailMark(cycleId, sentAt) } }] });
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
  }
};

/**
 * Sends each email at most once, then writes the mark. True when an email is known to have gone out.
 * The cycle's `lastEmailSentAt` moves with the mark; a sending without a mark writes it on its own,
 * unless the caller records it in a write of its own (`lastEmailByCaller`).
 */
const sendOnce = async ({ cycleId, sendingId, emails, mark, lastEmailByCaller = false }: Sending): Promise<boolean> => {
  const attemptId = randomUUID();
  let anySent = false;
  for (const email of emails) {
    if (email.to.length > 0 && (await sendEmailOnce(cycleId, sendingId, email, attemptId))) anySent = true;
  }
  const sentAt = anySent ? now().toISOString() : undefined;
  if (mark) await applyMark(cycleId, mark, sentAt);
  else if (sentAt !== undefined && !lastEmailByCaller) await applyMark(cycleId, lastEmailMark(cycleId, sentAt), undefined);
  return anySent;
};

export { EMAIL_CLAIM_LEASE_MS, EMAIL_PREFIX, EmailStatus, certainlyNotSent, recordUnconfirmed, releaseClaim, sendOnce };
export type { SentMark, Sending, UnconfirmedEmail };
