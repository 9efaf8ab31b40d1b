// The email of one reminder: before the deadline (AccreditationReminder, working days left) or an
// escalation after it (AccreditationOverdue: working days overdue, the rung and whose it is).
import { workingDaysLeft, workingDaysOverdue } from '#core/reminders';
import type { TaskReminder } from '#core/reminders';
import { EmailTemplate, taskLink } from '#commons/helpers/emails';
import type { CycleRecord, TaskRecord } from '#commons/helpers/records';
import { stageLabel } from '#commons/helpers/stage-labels';
import { recipientLabel } from './recipients.ts';

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

export { emailFor };
