// One open action of a cycle's action plan in the daily sweep (issue 13: "overdue actions are
// reminded through the same sweep, ladder and UK working days as the cycle"). The reminders are the
// core's for the action-plan stage (#core/workflow-steps: the service lead before the due date, the
// network's escalation ladder after it), counted in UK working days from the action's due date, and
// each is claimed, sent and recorded once, exactly as a task's (data/reminder.ts), under the stage
// `action-plan#<actionId>`.
//
// The email is the action's own (ActionReminder, ActionOverdue), not a cycle step's: its title, owner,
// due date, the standards it answers, a link to its page, and, when a measure follows the action, the
// measure's run and SPC charts (#core/chart-email: PNG shown inline, SVG attached, signals in words).
import { OPEN_ACTION_STATUSES, getAction, moveActionReminder } from '#commons/data/action-plan';
import type { ActionRecord, DueActionRef } from '#commons/data/action-plan';
import { getMeasure, listMeasures } from '#commons/data/measure';
import { settledReminderIds } from '#commons/data/reminder';
import { EmailTemplate, actionLink } from '#commons/helpers/emails';
import type { EmailAttachment } from '#commons/helpers/emails';
import { standardsOfCycle } from '#commons/helpers/networks';
import { getCycle } from '#commons/helpers/records';
import type { CycleRecord, NetworkRecord } from '#commons/helpers/records';
import { measureEmailCharts } from '#core/chart-email';
import { dueReminders, nextReminderDate, remindersForTask, workingDaysLeft, workingDaysOverdue } from '#core/reminders';
import type { TaskReminder } from '#core/reminders';
import { ACTION_PLAN_STAGE } from '#core/workflow-steps';
import { recipientLabel } from './recipients.ts';
import { NO_FURTHER_REMINDER, count, deliver, emptyOutcome } from './task-reminders.ts';
import type { SweepContext, TaskOutcome } from './task-reminders.ts';

/** The stage a reminder record of this action is kept under: its own, beside the cycle's steps. */
const reminderStageOf = (actionId: string) => `${ACTION_PLAN_STAGE}#${actionId}`;

interface ActionContent {
  /** "Standard 1.1 (Type 1): …", one per standard the action answers. */
  standards: string[];
  measure: { name: string; charts: { kind: string; alt: string; summary: string; contentId: string }[] } | null;
  attachments: EmailAttachment[];
}

/** What the action's email shows beyond the action itself: its standards' words and its measure's charts. */
const loadActionContent = async (cycle: CycleRecord, network: NetworkRecord, action: ActionRecord): Promise<ActionContent> => {
  const [standardsRecord, measures] = await Promise.all([action.standardIds.length > 0 ? standardsOfCycle(cycle, network) : undefined, listMeasures(cycle.cycleId)]);
  const byId = new Map((standardsRecord?.standards ?? []).map((standard) => [standard.id, standard]));
  const standards = action.standardIds.map((id) => {
    const standard = byId.get(id);
    return standard ? `Standard ${id} (Type ${standard.type}): ${standard.text}` : `Standard ${id}`;
  });
  // The first measure the service linked to this action: one measure's charts keep the email small.
  const linked = measures.find((measure) => measure.actionId === action.actionId);
  const measure = linked && (await getMeasure(cycle.cycleId, linked.measureId));
  const charts =
    measure &&
    measureEmailCharts(measure.definition, measure.points, { ...(measure.baseline ? { baselineThroughOn: measure.baseline.throughOn } : {}), recalculations: measure.recalculations });
  return {
    standards,
    measure: charts ? { name: charts.measureName, charts: charts.charts } : null,
    attachments: charts?.files ?? [],
  };
};

const emailFor = (reminder: TaskReminder, cycle: CycleRecord, action: ActionRecord, content: ActionContent, today: string) => {
  const common = {
    serviceName: cycle.serviceName,
    networkName: cycle.networkName,
    cycleId: cycle.cycleId,
    actionId: action.actionId,
    actionTitle: action.title,
    owner: action.owner,
    dueOn: action.dueOn,
    standards: content.standards,
    link: actionLink(cycle.cycleId, action.actionId),
    measure: content.measure,
  };
  if (reminder.kind === 'before') {
    return { template: EmailTemplate.actionReminder, data: { ...common, workingDaysLeft: workingDaysLeft(today, action.dueOn) }, attachments: content.attachments };
  }
  return {
    template: EmailTemplate.actionOverdue,
    data: {
      ...common,
      workingDaysOverdue: workingDaysOverdue(today, action.dueOn),
      escalationStep: reminder.escalationStep,
      recipientRole: reminder.recipientRole,
      recipientLabel: recipientLabel[reminder.recipientRole],
    },
    attachments: content.attachments,
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
  const due = dueReminders({ reminders, dueOn: action.dueOn, today: context.today, sentIds: settled });
  // Read before any claim (a failed read leaves nothing claimed, so the next sweep sends), and once
  // for every rung due on the day.
  const content = due.length > 0 ? await loadActionContent(cycle, network, action) : undefined;
  for (const reminder of due) {
    const email = { email: () => emailFor(reminder, cycle, action, content!, context.today), detail: { actionId, title: action.title } };
    count(outcome, reminder, await deliver({ cycleId, stage, reminder }, cycle, network, email, context));
  }
  const next = outcome.unresolved > 0 ? context.today : (nextReminderDate(reminders, context.today) ?? NO_FURTHER_REMINDER);
  await moveActionReminder(action, next);
  return outcome;
};

export { reminderStageOf, sweepAction };
