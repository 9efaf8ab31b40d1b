// How dates and deadlines read to a ward manager: UK dates ("6 May 2025") and deadlines counted
// in UK working days with the core's bank-holiday calendar, the same count the reminders use.
import { workingDaysBetween } from '#core/calendar';
import { describeDeadline, plural } from '#core/deadline-words';
import type { DeadlineView } from '#core/deadline-words';
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
