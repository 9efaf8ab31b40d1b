// What a new deadline granted by network staff must be (DESIGN §1 edge case "extension of a
// deadline"): after today, later than the deadline it replaces, and a UK working day, like every
// deadline the timetable computes. A weekend or bank holiday is refused with the next working
// day named, rather than moved silently: staff chose the date and told the service.
import { englandAndWales, isWorkingDay, onOrAfterWorkingDay } from './calendar.ts';
import type { HolidayCalendar } from './calendar.ts';
import { CalendarCoverageError } from './errors.ts';
import type { IsoDate } from './iso-date.ts';

interface ExtensionInput {
  dueOn: IsoDate;
  today: IsoDate;
  /** The UK day the current deadline falls on, when the step is still open (not yet overdue). */
  currentDueOn?: IsoDate;
  holidays?: HolidayCalendar;
}

/** Why `dueOn` cannot be the new deadline, or undefined when it can. */
const extensionProblem = ({ dueOn, today, currentDueOn, holidays = englandAndWales }: ExtensionInput): string | undefined => {
  if (dueOn <= today) return `${dueOn} is not after today (${today})`;
  if (currentDueOn !== undefined && dueOn <= currentDueOn) return `${dueOn} is not later than the current deadline ${currentDueOn}`;
  try {
    if (!isWorkingDay(dueOn, holidays)) return `${dueOn} is not a working day (a weekend or bank holiday); the next working day is ${onOrAfterWorkingDay(dueOn, holidays)}`;
  } catch (error) {
    if (error instanceof CalendarCoverageError) return `${dueOn} is outside the bank-holiday calendar (${error.coveredFrom}–${error.coveredTo})`;
    throw error;
  }
  return undefined;
};

export { extensionProblem };
export type { ExtensionInput };
