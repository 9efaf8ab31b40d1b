// The dates a host service offers for its peer-review visit. DESIGN §1.3 (CCQI practice): the host
// offers three dates on at least two different weekdays, so that reviewers with a fixed weekly
// commitment are not all ruled out; the network then picks one when it allocates the team.
// Each date must be a UK working day still to come.
import { englandAndWales, type HolidayCalendar, isCovered, isWorkingDay } from './calendar.ts';
import { type IsoDate, isIsoDate, weekdayOf } from './iso-date.ts';

const MIN_OFFERED_DATES = 3;
const MIN_DIFFERENT_WEEKDAYS = 2;

interface OfferedDatesIssue {
  /** Position of the offending date in the offer, or undefined for a problem of the whole offer. */
  index?: number;
  message: string;
}

type OfferedDatesCheck = { ok: true; dates: IsoDate[] } | { ok: false; issues: OfferedDatesIssue[] };

const dateIssues = (dates: readonly string[], today: IsoDate, holidays: HolidayCalendar): OfferedDatesIssue[] =>
  dates.flatMap((date, index): OfferedDatesIssue[] => {
    if (!isIsoDate(date)) return [{ index, message: `${date} is not a date (YYYY-MM-DD)` }];
    if (date <= today) return [{ index, message: `${date} is not after today (${today})` }];
    if (!isCovered(date, holidays)) {
      return [{ index, message: `${date} is outside the years the bank-holiday data covers (${holidays.coveredFrom}–${holidays.coveredTo})` }];
    }
    if (!isWorkingDay(date, holidays)) return [{ index, message: `${date} is not a UK working day (weekend or bank holiday)` }];
    if (dates.indexOf(date) !== index) return [{ index, message: `${date} is offered twice` }];
    return [];
  });

/** Checks an offer of visit dates; `today` is the UK date the offer is made. */
const checkOfferedDates = (dates: readonly string[], today: IsoDate, holidays: HolidayCalendar = englandAndWales): OfferedDatesCheck => {
  const issues = dateIssues(dates, today, holidays);
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

export { checkOfferedDates, MIN_DIFFERENT_WEEKDAYS, MIN_OFFERED_DATES };
export type { OfferedDatesCheck, OfferedDatesIssue };
