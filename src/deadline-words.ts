// A deadline as a ward manager reads it: counted in UK working days with the core's bank-holiday
// calendar (the count the reminders use), "in 3 working days" or "2 working days overdue". One home
// for the web app's pages and the exports (web and `accredit export`).
import { workingDaysBetween } from './calendar.ts';
import { ukDateOf } from './uk-time.ts';

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

export { describeDeadline, plural };
export type { DeadlineView };
