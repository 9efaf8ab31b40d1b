// The dates a host service offers for its peer-review visit. DESIGN §1.3 (CCQI practice): the host
// offers three dates on at least two different weekdays, so that reviewers with a fixed weekly
// commitment are not all ruled out; the network then picks one when it allocates the team.
// Each date must be a UK working day still to come, and no later than the end of the visit window
// (the network's `visit` duration, counted from the working day after the date-offer deadline, as
// the timetable counts it). The window's end moves with the date-offer deadline, so an extension or
// a rebooking after a cancelled visit moves it too. A date before the window opens is accepted: a
// self-review closed early may bring the visit forward, and the team is allocated for the date chosen.
// The web app's date-offer page runs this same check before anything is sent.
import { addWorkingDays, englandAndWales, type HolidayCalendar, isCovered, isWorkingDay } from './calendar.ts';
import { type Duration, endOfDuration } from './duration.ts';
import { type IsoDate, isIsoDate, weekdayOf } from './iso-date.ts';

const MIN_OFFERED_DATES = 3;
const MIN_DIFFERENT_WEEKDAYS = 2;

interface OfferedDatesIssue {
  /** Position of the offending date in the offer, or undefined for a problem of the whole offer. */
  index?: number;
  message: string;
}

type OfferedDatesCheck = { ok: true; dates: IsoDate[] } | { ok: false; issues: OfferedDatesIssue[] };

/** The planned visit window: from the working day after the date-offer deadline, for the network's `visit` duration. */
interface VisitWindow {
  opensOn: IsoDate;
  closesOn: IsoDate;
}

/** The visit window for a date-offer step due on `offerDueOn` (a UK date). */
const visitWindow = (offerDueOn: IsoDate, visitDuration: Duration, holidays: HolidayCalendar = englandAndWales): VisitWindow => {
  const opensOn = addWorkingDays(offerDueOn, 1, holidays);
  return { opensOn, closesOn: endOfDuration(opensOn, visitDuration, holidays) };
};

const dateIssues = (dates: readonly string[], today: IsoDate, holidays: HolidayCalendar, window?: VisitWindow): OfferedDatesIssue[] =>
  dates.flatMap((date, index): OfferedDatesIssue[] => {
    if (!isIsoDate(date)) return [{ index, message: `${date} is not a date (YYYY-MM-DD)` }];
    if (date <= today) return [{ index, message: `${date} is not after today (${today})` }];
    if (!isCovered(date, holidays)) {
      return [{ index, message: `${date} is outside the years the bank-holiday data covers (${holidays.coveredFrom}–${holidays.coveredTo})` }];
    }
    if (!isWorkingDay(date, holidays)) return [{ index, message: `${date} is not a UK working day (weekend or bank holiday)` }];
    if (window && date > window.closesOn) return [{ index, message: `${date} is after the visit window ends (${window.closesOn})` }];
    if (dates.indexOf(date) !== index) return [{ index, message: `${date} is offered twice` }];
    return [];
  });

/** Checks an offer of visit dates; `today` is the UK date the offer is made; `window` bounds the last date when given. */
const checkOfferedDates = (dates: readonly string[], today: IsoDate, holidays: HolidayCalendar = englandAndWales, window?: VisitWindow): OfferedDatesCheck => {
  const issues = dateIssues(dates, today, holidays, window);
  const valid = [...new Set(dates.filter((date, index) => !issues.some((issue) => issue.index === index)))].sort();
  if (dates.length < MIN_OFFERED_DATES) {
    issues.push({ message: `${dates.length} date(s) offered; at least ${MIN_OFFERED_DATES} are needed` });
  }
  const weekdays = new Set(valid.map(weekdayOf));
  if (valid.length >= MIN_OFFERED_DATES && weekdays.size < MIN_DIFFERENT_WEEKDAYS) {
    issues.push({ message: `every date falls on the same weekday; offer dates on at least ${MIN_DIFFERENT_WEEKDAYS} different weekdays` });
  }
  return issues.length === 0 ? { ok: true, dates: valid } : { ok: false, issues };
};

export { checkOfferedDates, MIN_DIFFERENT_WEEKDAYS, MIN_OFFERED_DATES, visitWindow };
export type { OfferedDatesCheck, OfferedDatesIssue, VisitWindow };
