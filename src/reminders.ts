// Which reminders and escalations an open task is owed, and which of them are due on a day.
// DESIGN §1: "before a deadline at 28, 14, 7 and 1 day(s), counted in UK working days (England and
// Wales bank holidays); after it, escalation: the service lead, then the organisation's QI lead,
// then the network manager" — the offsets and the ladder come from the network configuration.
//
// A reminder is identified by its kind, offset and the deadline it counts from, so an extended
// deadline owes its own reminders again while a sweep run twice on one day finds the same ones.
import { addWorkingDays, englandAndWales, workingDaysBetween } from './calendar.ts';
import type { HolidayCalendar } from './calendar.ts';
import type { IsoDate } from './iso-date.ts';
import type { NetworkConfig } from './network-config.ts';
import { RecipientRole } from './vocabulary.ts';
import { EscalationMode, reminderRuleOf } from './workflow-steps.ts';

const ReminderKind = { Before: 'before', Escalation: 'escalation' } as const;
type ReminderKind = (typeof ReminderKind)[keyof typeof ReminderKind];

interface TaskReminder {
  /** Unique per task deadline: `before-7@2025-05-06`, `escalation-10@2025-05-06`. */
  id: string;
  kind: ReminderKind;
  on: IsoDate;
  offsetWorkingDays: number;
  recipientRole: RecipientRole;
  /** Position on the escalation ladder, from 1; 0 for a reminder before the deadline. */
  escalationStep: number;
}

interface TaskRemindersInput {
  stage: string;
  /** The UK day the task opened: no reminder of something not yet asked for. */
  opensOn: IsoDate;
  /** The UK day the task is due (the end of that day is the deadline). */
  dueOn: IsoDate;
  config: Pick<NetworkConfig, 'reminders'>;
  holidays?: HolidayCalendar;
}

const reminderId = (kind: ReminderKind, offset: number, dueOn: IsoDate): string => `${kind}-${offset}@${dueOn}`;

/** Every reminder and escalation a task is owed for its current deadline, in date order. */
const remindersForTask = ({ stage, opensOn, dueOn, config, holidays = englandAndWales }: TaskRemindersInput): TaskReminder[] => {
  const owner = reminderRuleOf(stage);
  const before = [...new Set(config.reminders.beforeWorkingDays)]
    .map((offset) => ({
      id: reminderId(ReminderKind.Before, offset, dueOn),
      kind: ReminderKind.Before,
      on: addWorkingDays(dueOn, -offset, holidays),
      offsetWorkingDays: offset,
      recipientRole: owner.reminded,
      escalationStep: 0,
    }))
    .filter((reminder) => reminder.on >= opensOn && reminder.on < dueOn);
  const ladder =
    owner.escalation === EscalationMode.none
      ? []
      : owner.escalation === EscalationMode.ladder
        ? config.reminders.escalation
        : [{ ...config.reminders.escalation[0], recipientRole: RecipientRole.NetworkManager }];
  const escalations = ladder.map((step, index) => ({
    id: reminderId(ReminderKind.Escalation, step.afterWorkingDays, dueOn),
    kind: ReminderKind.Escalation,
    on: addWorkingDays(dueOn, step.afterWorkingDays, holidays),
    offsetWorkingDays: step.afterWorkingDays,
    recipientRole: step.recipientRole,
    escalationStep: index + 1,
  }));
  return [...before, ...escalations].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.escalationStep - b.escalationStep));
};

interface DueRemindersInput {
  reminders: readonly TaskReminder[];
  dueOn: IsoDate;
  today: IsoDate;
  /** Ids already sent (or claimed by a sweep that is sending them). */
  sentIds: ReadonlySet<string>;
}

/**
 * What to send today. Each escalation rung reaches a different person, so every rung that has
 * come due and is not yet sent goes out. Reminders before the deadline say the same thing with
 * a smaller number: after a missed sweep only the latest one is sent, and none once the deadline
 * has passed.
 */
const dueReminders = ({ reminders, dueOn, today, sentIds }: DueRemindersInput): TaskReminder[] => {
  const due = reminders.filter((reminder) => reminder.on <= today);
  const escalations = due.filter((reminder) => reminder.kind === ReminderKind.Escalation && !sentIds.has(reminder.id));
  const latestBefore = due.filter((reminder) => reminder.kind === ReminderKind.Before).at(-1);
  const before = latestBefore !== undefined && today <= dueOn && !sentIds.has(latestBefore.id) ? [latestBefore] : [];
  return [...before, ...escalations];
};

/** The first reminder date after `today`, or undefined when the task is owed nothing more. */
const nextReminderDate = (reminders: readonly TaskReminder[], today: IsoDate): IsoDate | undefined =>
  reminders.find((reminder) => reminder.on > today)?.on;

/**
 * Where the reminder sweep first looks at a task that opens on `opensOn`: its first reminder still
 * to come, else the due day, when the escalations start.
 */
const firstReminderOn = (input: TaskRemindersInput): IsoDate => remindersForTask(input).find((reminder) => reminder.on >= input.opensOn)?.on ?? input.dueOn;

/** Working days left until the deadline (reminder text), or past it (escalation text). */
const workingDaysLeft = (today: IsoDate, dueOn: IsoDate, holidays: HolidayCalendar = englandAndWales): number =>
  workingDaysBetween(today, dueOn, holidays);
const workingDaysOverdue = (today: IsoDate, dueOn: IsoDate, holidays: HolidayCalendar = englandAndWales): number =>
  workingDaysBetween(dueOn, today, holidays);

export { ReminderKind, dueReminders, firstReminderOn, nextReminderDate, remindersForTask, workingDaysLeft, workingDaysOverdue };
export type { DueRemindersInput, TaskReminder, TaskRemindersInput };
