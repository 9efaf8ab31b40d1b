// When the scheduled work runs: read by the CDK stacks (EventBridge Scheduler) and by the local
// Scheduler emulator at start-up, so the laptop sweeps at the same London time as AWS does.
// Plain data in EventBridge Scheduler's own expression syntax: nothing here needs aws-cdk-lib.

/** Reminders count UK working days; running on London time keeps "today" right across BST. */
const ukTimeZone = 'Europe/London';

interface RecurringSchedule {
  /** EventBridge Scheduler cron(minutes hours day-of-month month day-of-week year). */
  expression: string;
  timeZone: string;
  /** The target input; `<aws.scheduler.scheduled-time>` is filled in by Scheduler. */
  input: Readonly<Record<string, string>>;
}

/**
 * Catalogue functions with trigger 'schedule', by name. A scheduled function missing here fails
 * the synth. The handler decides what is due from the scheduled time, not its own clock, so a
 * retried or late invocation still sweeps the intended day.
 */
const recurringSchedules: Readonly<Record<string, RecurringSchedule>> = {
  'reminder-sweep': {
    expression: 'cron(0 7 * * ? *)',
    timeZone: ukTimeZone,
    input: { scheduledTime: '<aws.scheduler.scheduled-time>' },
  },
};

/** A follow-up cycle (interim review, renewal) starts at the time the reminder sweep runs. */
const followUpCycleStart = { timeOfDay: '07:00:00', timeZone: ukTimeZone } as const;

export { recurringSchedules, followUpCycleStart, ukTimeZone };
export type { RecurringSchedule };
