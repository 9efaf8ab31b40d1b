// One open task in the sweep: work out the reminders it is owed today, send each once, and move
// its next reminder date on.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#commons/clients/dynamodb';
import { tableName } from '#commons/env';
import { isConditionalCheckFailure } from '#commons/helpers/conditions';
import { EmailTemplate, sendTemplatedEmail, taskLink } from '#commons/helpers/emails';
import { getCycle, getTask } from '#commons/helpers/records';
import type { CycleRecord, NetworkRecord, TaskRecord } from '#commons/helpers/records';
import { stageLabel } from '#commons/helpers/stage-labels';
import { cycleKey, openTaskKeys, taskKey } from '#commons/helpers/table-keys';
import { dueReminders, nextReminderDate, remindersForTask, workingDaysLeft, workingDaysOverdue } from '#core/reminders';
import type { TaskReminder } from '#core/reminders';
import { ukDateOf } from '#core/uk-time';
import { recipientLabel, recipientsFor } from './recipients.ts';
import { REMINDER_PREFIX, ReminderStatus, claimReminder, recordDelivery } from '#commons/data/reminder';
import type { ReminderTarget } from '#commons/data/reminder';

/** Where a task waits in the index once it is owed no further reminder: still open, still counted. */
const NO_FURTHER_REMINDER = '9999-12-31';

/** Statuses in which a task still waits for someone: open, or overdue and waiting for an extension. */
const waitingStatuses: ReadonlySet<string> = new Set(['open', 'overdue']);

interface SweepContext {
  today: string;
  at: Date;
  sweepId: string;
  networkOf(networkId: string): Promise<NetworkRecord | undefined>;
}

interface TaskOutcome {
  reminders: number;
  escalations: number;
  undeliverable: number;
  /** Due reminders another sweep holds a claim on; the task stays due until they are resolved. */
  unresolved: number;
}

const emptyOutcome = (): TaskOutcome => ({ reminders: 0, escalations: 0, undeliverable: 0, unresolved: 0 });

/**
 * Reminders of this task already done (sent, or recorded undeliverable). A reminder another sweep
 * has claimed is not done: claiming it again tells whether that sweep still holds it (lease
 * running: the task stays due) or crashed (lease run out: this sweep takes it over).
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
  return new Set(Items.filter((item) => item.status !== ReminderStatus.sending).map((item) => String(item.reminderId)));
};

const emailFor = (reminder: TaskReminder, cycle: CycleRecord, task: TaskRecord, dueOn: string, today: string) => {
  const common = {
    serviceName: cycle.serviceName,
    networkName: cycle.networkName,
    cycleId: cycle.cycleId,
    stage: task.stage,
    stageLabel: stageLabel(task.stage),
    dueOn,
    link: taskLink(cycle.cycleId, task.stage),
  };
  if (reminder.kind === 'before') {
    return { template: EmailTemplate.reminder, data: { ...common, workingDaysLeft: workingDaysLeft(today, dueOn) } };
  }
  return {
    template: EmailTemplate.overdue,
    data: {
      ...common,
      workingDaysOverdue: workingDaysOverdue(today, dueOn),
      escalationStep: reminder.escalationStep,
      recipientRole: reminder.recipientRole,
      recipientLabel: recipientLabel[reminder.recipientRole],
    },
  };
};

/** Claim, send, record. Returns what happened to this one reminder. */
const deliver = async (
  target: ReminderTarget,
  cycle: CycleRecord,
  network: NetworkRecord,
  task: TaskRecord,
  dueOn: string,
  context: SweepContext,
): Promise<'sent' | 'undeliverable' | 'held-elsewhere' | 'already-done'> => {
  const claim = await claimReminder(target, context.sweepId, context.at);
  if (!claim.claimed) return claim.status === ReminderStatus.sending ? 'held-elsewhere' : 'already-done';
  const recipients = recipientsFor(target.reminder.recipientRole, cycle, network);
  if (recipients.length === 0) {
    await recordDelivery(target, context.sweepId, { status: ReminderStatus.noRecipient, recipients, detail: { reason: `no address for ${target.reminder.recipientRole}`, ...(target.reminder.escalationStep > 0 ? { skippedRung: target.reminder.escalationStep } : {}) } }, context.at);
    return 'undeliverable';
  }
  const { template, data } = emailFor(target.reminder, cycle, task, dueOn, context.today);
  const messageId = await sendTemplatedEmail({ to: recipients, template, data });
  await recordDelivery(target, context.sweepId, { status: ReminderStatus.sent, recipients, messageId, detail: { template, dueOn } }, context.at);
  return 'sent';
};

/** Moves the task's place in the index to its next reminder date, unless it closed or moved meanwhile. */
const advance = async (task: TaskRecord, next: string): Promise<void> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: taskKey(task.cycleId, task.stage),
        UpdateExpression: 'SET nextReminderOn = :next, gsi2sk = :sortKey',
        ConditionExpression: 'attribute_exists(gsi2pk) AND dueAt = :dueAt AND tokenHash = :tokenHash',
        ExpressionAttributeValues: {
          ':next': next,
          ':sortKey': openTaskKeys(next, task.cycleId, task.stage).gsi2sk,
          ':dueAt': task.dueAt,
          ':tokenHash': task.tokenHash,
        },
      }),
    );
  } catch (error) {
    // The task was submitted, extended or reopened since we read it: its writer set the index.
    if (!isConditionalCheckFailure(error)) throw error;
  }
};

const sweepTask = async (cycleId: string, stage: string, context: SweepContext): Promise<TaskOutcome> => {
  const outcome = emptyOutcome();
  // The index is eventually consistent: re-read the task itself before acting on it.
  const task = await getTask(cycleId, stage);
  if (!task || !waitingStatuses.has(task.status) || !(task as unknown as { gsi2pk?: string }).gsi2pk) return outcome;
  const cycle = await getCycle(cycleId);
  const network = cycle && (await context.networkOf(cycle.networkId));
  if (!cycle || !network) return outcome;

  const dueOn = ukDateOf(new Date(task.dueAt));
  const reminders = remindersForTask({ stage, opensOn: ukDateOf(new Date(task.openedAt)), dueOn, config: network.config });
  const settled = await settledReminderIds(cycleId, stage);
  for (const reminder of dueReminders({ reminders, dueOn, today: context.today, sentIds: settled })) {
    const result = await deliver({ cycleId, stage, reminder }, cycle, network, task, dueOn, context);
    if (result === 'sent') outcome[reminder.kind === 'escalation' ? 'escalations' : 'reminders'] += 1;
    if (result === 'undeliverable') outcome.undeliverable += 1;
    if (result === 'held-elsewhere') outcome.unresolved += 1;
  }
  // A reminder claimed by a sweep that may have crashed keeps the task due today, so the next run
  // (a retry, or tomorrow's sweep once the lease has run out) sends it: late, never lost.
  const next = outcome.unresolved > 0 ? context.today : (nextReminderDate(reminders, context.today) ?? NO_FURTHER_REMINDER);
  await advance(task, next);
  return outcome;
};

export { NO_FURTHER_REMINDER, emptyOutcome, sweepTask };
export type { SweepContext, TaskOutcome };
