// One open task in the sweep: work out the reminders it is owed today, send each at most once, and move
// its next reminder date on.
import { dueReminders, nextReminderDate, remindersForTask } from '#core/reminders';
import type { TaskReminder } from '#core/reminders';
import { ukDateOf } from '#core/uk-time';
import { certainlyNotSent } from '#commons/data/email-once';
import { ReminderStatus, claimReminder, recordDelivery, releaseReminder, settledReminderIds } from '#commons/data/reminder';
import type { ReminderTarget } from '#commons/data/reminder';
import { moveToNextReminder } from '#commons/data/task';
import { sendTemplatedEmail } from '#commons/helpers/emails';
import type { EmailAttachment, EmailTemplate } from '#commons/helpers/emails';
import { getCycle, getTask } from '#commons/helpers/records';
import type { CycleRecord, NetworkRecord } from '#commons/helpers/records';
import { emailFor } from './reminder-emails.ts';
import { addressesFor } from './recipients.ts';

/** Where a task waits in the index once it is owed no further reminder: still open, still counted. */
const NO_FURTHER_REMINDER = '9999-12-31';

/** Statuses in which a task still waits for someone: open, or overdue and waiting for an extension. */
const waitingStatuses: ReadonlySet<string> = new Set(['open', 'overdue']);

interface SweepContext {
  today: string;
  at: Date;
  sweepId: string;
  /** The network as the cycle sees it (the configuration version it started with). */
  networkOf(cycle: Pick<CycleRecord, 'networkId' | 'networkConfigVersion'>): Promise<NetworkRecord | undefined>;
}

interface TaskOutcome {
  reminders: number;
  escalations: number;
  undeliverable: number;
  /** Due reminders another sweep holds a claim on; the task stays due until they are resolved. */
  unresolved: number;
  /** Claims of a sweep that stopped before recording the send, recorded `email-unconfirmed` and not re-sent. */
  unconfirmed: number;
}

const emptyOutcome = (): TaskOutcome => ({ reminders: 0, escalations: 0, undeliverable: 0, unresolved: 0, unconfirmed: 0 });

type Delivered = 'sent' | 'undeliverable' | 'unconfirmed' | 'held-elsewhere' | 'already-done';

/** The email of one reminder, built once it is claimed, and what its audit event adds. */
interface ReminderEmail {
  email(): { template: EmailTemplate; data: Record<string, unknown>; attachments?: readonly EmailAttachment[] };
  detail: Record<string, unknown>;
}

/** Claim, send, record. Returns what happened to this one reminder (a task's, or an action's: action-reminders.ts). */
const deliver = async (target: ReminderTarget, cycle: CycleRecord, network: NetworkRecord, { email, detail }: ReminderEmail, context: SweepContext): Promise<Delivered> => {
  const claim = await claimReminder(target, context.sweepId, context.at);
  if (!claim.claimed) {
    if (claim.status === ReminderStatus.sending) return 'held-elsewhere';
    return claim.status === ReminderStatus.unconfirmed ? 'unconfirmed' : 'already-done';
  }
  const recipients = await addressesFor(target.reminder.recipientRole, cycle, network);
  if (recipients.length === 0) {
    await recordDelivery(target, context.sweepId, { status: ReminderStatus.noRecipient, recipients, detail: { ...detail, reason: `no address for ${target.reminder.recipientRole}`, ...(target.reminder.escalationStep > 0 ? { skippedRung: target.reminder.escalationStep } : {}) } }, context.at);
    return 'undeliverable';
  }
  const { template, data, attachments = [] } = email();
  const messageId = await sendTemplatedEmail({ to: recipients, template, data, attachments }).catch(async (error: unknown) => {
    if (certainlyNotSent(error)) await releaseReminder(target, context.sweepId);
    throw error;
  });
  await recordDelivery(target, context.sweepId, { status: ReminderStatus.sent, recipients, messageId, detail: { ...detail, template, dueOn: data.dueOn } }, context.at);
  return 'sent';
};

/** Adds one reminder's result to the outcome of its task or action. */
const count = (outcome: TaskOutcome, reminder: TaskReminder, result: Delivered): void => {
  if (result === 'sent') outcome[reminder.kind === 'escalation' ? 'escalations' : 'reminders'] += 1;
  if (result === 'undeliverable') outcome.undeliverable += 1;
  if (result === 'held-elsewhere') outcome.unresolved += 1;
  if (result === 'unconfirmed') outcome.unconfirmed += 1;
};

const sweepTask = async (cycleId: string, stage: string, context: SweepContext): Promise<TaskOutcome> => {
  const outcome = emptyOutcome();
  // The index is eventually consistent: re-read the task itself before acting on it.
  const task = await getTask(cycleId, stage);
  if (!task || !waitingStatuses.has(task.status) || !(task as unknown as { gsi2pk?: string }).gsi2pk) return outcome;
  const cycle = await getCycle(cycleId);
  const network = cycle && (await context.networkOf(cycle));
  if (!cycle || !network) return outcome;

  const dueOn = ukDateOf(new Date(task.dueAt));
  const reminders = remindersForTask({ stage, opensOn: ukDateOf(new Date(task.openedAt)), dueOn, config: network.config });
  const settled = await settledReminderIds(cycleId, stage);
  for (const reminder of dueReminders({ reminders, dueOn, today: context.today, sentIds: settled })) {
    const email = { email: () => emailFor(reminder, cycle, task, dueOn, context.today), detail: {} };
    count(outcome, reminder, await deliver({ cycleId, stage, reminder }, cycle, network, email, context));
  }
  // A reminder claimed by a sweep that may have crashed keeps the task due today, so the next run
  // (a retry, or tomorrow's sweep once the lease has run out) settles it: sent, or unconfirmed.
  const next = outcome.unresolved > 0 ? context.today : (nextReminderDate(reminders, context.today) ?? NO_FURTHER_REMINDER);
  await moveToNextReminder(task, next);
  return outcome;
};

export { NO_FURTHER_REMINDER, count, deliver, emptyOutcome, sweepTask };
export type { ReminderEmail, SweepContext, TaskOutcome };
