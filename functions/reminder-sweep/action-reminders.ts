// One open action of a cycle's action plan in the daily sweep (issue 13: "overdue actions are
// reminded through the same sweep, ladder and UK working days as the cycle"). The reminders are the
// core's for the action-plan stage (#core/workflow-steps: the service lead before the due date, the
// network's escalation ladder after it), counted in UK working days from the action's due date, and
// each is claimed, sent and recorded once, exactly as a task's (data/reminder.ts), under the stage
// `action-plan#<actionId>`.
import { OPEN_ACTION_STATUSES, getAction, moveActionReminder } from '#commons/data/action-plan';
import type { ActionRecord, DueActionRef } from '#commons/data/action-plan';
import { settledReminderIds } from '#commons/data/reminder';
import { EmailTemplate, cycleLink } from '#commons/helpers/emails';
import { getCycle } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { dueReminders, nextReminderDate, remindersForTask, workingDaysLeft, workingDaysOverdue } from '#core/reminders';
import type { TaskReminder } from '#core/reminders';
import { ACTION_PLAN_STAGE } from '#core/workflow-steps';
import { recipientLabel } from './recipients.ts';
import { NO_FURTHER_REMINDER, count, deliver, emptyOutcome } from './task-reminders.ts';
import type { SweepContext, TaskOutcome } from './task-reminders.ts';

/** The stage a reminder record of this action is kept under: its own, beside the cycle's steps. */
const reminderStageOf = (actionId: string) => `${ACTION_PLAN_STAGE}#${actionId}`;

/** The cycle's reminder emails, naming the action: "the action plan's “…” step … is due on …". */
const emailFor = (reminder: TaskReminder, cycle: CycleRecord, action: ActionRecord, today: string) => {
  const common = {
    serviceName: cycle.serviceName,
    networkName: cycle.networkName,
    cycleId: cycle.cycleId,
    stage: ACTION_PLAN_STAGE,
    stageLabel: `action plan’s “${action.title}”`,
    dueOn: action.dueOn,
    link: `${cycleLink(cycle.cycleId)}/action-plan`,
  };
  if (reminder.kind === 'before') return { template: EmailTemplate.reminder, data: { ...common, workingDaysLeft: workingDaysLeft(today, action.dueOn) } };
  return {
    template: EmailTemplate.overdue,
    data: {
      ...common,
      workingDaysOverdue: workingDaysOverdue(today, action.dueOn),
      escalationStep: reminder.escalationStep,
      recipientRole: reminder.recipientRole,
      recipientLabel: recipientLabel[reminder.recipientRole],
    },
  };
};

const sweepAction = async ({ cycleId, actionId }: DueActionRef, context: SweepContext): Promise<TaskOutcome> => {
  const outcome = emptyOutcome();
  // The index is eventually consistent: re-read the action before acting on it.
  const action = await getAction(cycleId, actionId);
  if (!action || !OPEN_ACTION_STATUSES.has(action.status)) return outcome;
  const cycle = await getCycle(cycleId);
  const network = cycle && (await context.networkOf(cycle));
  if (!cycle || !network) return outcome;

  const stage = reminderStageOf(actionId);
  const reminders = remindersForTask({ stage: ACTION_PLAN_STAGE, opensOn: action.openedOn, dueOn: action.dueOn, config: network.config });
  const settled = await settledReminderIds(cycleId, stage);
  for (const reminder of dueReminders({ reminders, dueOn: action.dueOn, today: context.today, sentIds: settled })) {
    const email = { email: () => emailFor(reminder, cycle, action, context.today), detail: { actionId, title: action.title } };
    count(outcome, reminder, await deliver({ cycleId, stage, reminder }, cycle, network, email, context));
  }
  const next = outcome.unresolved > 0 ? context.today : (nextReminderDate(reminders, context.today) ?? NO_FURTHER_REMINDER);
  await moveActionReminder(action, next);
  return outcome;
};

export { reminderStageOf, sweepAction };
