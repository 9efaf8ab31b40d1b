// How dates and deadlines read to a ward manager: UK dates ("6 May 2025") and deadlines counted
// in UK working days with the core's bank-holiday calendar, the same count the reminders use.
import { workingDaysBetween } from '#core/calendar';
import { ukDateOf } from '#core/uk-time';

const ukDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const ukDateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "6 May 2025" for an ISO date (a day) or an instant (its day in London). */
const formatUkDate = (value: string): string => ukDate.format(new Date(value.length === 10 ? `${value}T12:00:00Z` : value));
const formatUkDateTime = (instant: string): string => ukDateTime.format(new Date(instant));
const ukTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
/** "10:42" in London: what "Saved at" shows for a save made today. */
const formatUkTime = (instant: string): string => ukTime.format(new Date(instant));

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

interface DeadlineView {
  /** Positive: working days left; negative: working days overdue. */
  workingDays: number;
  text: string;
  overdue: boolean;
}

/**
 * A deadline is the end of its UK day: due today is "due today", not overdue. Outside the calendar's
 * covered years the count is unknown and the sentence says so rather than guess.
 */
const describeDeadline = (deadline: string, now: Date): DeadlineView | undefined => {
  const today = ukDateOf(now);
  const due = ukDateOf(new Date(deadline));
  try {
    if (due === today) return { workingDays: 0, text: 'due today', overdue: false };
    if (due > today) {
      const left = workingDaysBetween(today, due);
      return { workingDays: left, text: left === 0 ? 'due before the next working day' : `in ${plural(left, 'working day')}`, overdue: false };
    }
    const late = Math.max(workingDaysBetween(due, today), 1);
    return { workingDays: -late, text: `${plural(late, 'working day')} overdue`, overdue: true };
  } catch {
    return undefined;
  }
};

/** Working days since an instant (how long a cycle has not moved). */
const workingDaysSince = (instant: string, now: Date): number => {
  try {
    return workingDaysBetween(ukDateOf(new Date(instant)), ukDateOf(now));
  } catch {
    return 0;
  }
};

export { describeDeadline, formatUkDate, formatUkDateTime, formatUkTime, plural, workingDaysSince };
export type { DeadlineView };
