// UK working days for England and Wales: Monday to Friday, less bank holidays. Every
// deadline and reminder in a cycle is counted in these (DESIGN §1: "counted in UK working
// days (England and Wales bank holidays)"). The holiday list is data, not code, because
// one-off holidays are announced by proclamation: see data/bank-holidays-england-and-wales.json.
import * as z from './zod-mini.ts';
import holidaysFile from '../data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { CalendarCoverageError } from './errors.ts';
import { fromDayNumber, fromParts, isIsoDate, type IsoDate, toDayNumber, yearOf } from './iso-date.ts';

interface HolidayCalendar {
  division: string;
  coveredFrom: number;
  coveredTo: number;
  dates: ReadonlySet<IsoDate>;
  /** The same dates as day numbers (days since 1970-01-01): the arithmetic works on these. */
  days: ReadonlySet<number>;
  /** Day numbers of 1 January of `coveredFrom` and 31 December of `coveredTo`. */
  firstDay: number;
  lastDay: number;
}

const holidaysFileSchema = z.object({
  division: z.string(),
  source: z.object({ name: z.string(), url: z.string() }),
  coverage: z.object({ from: z.number().check(z.int()), to: z.number().check(z.int()) }),
  events: z.array(z.object({ date: z.string().check(z.refine(isIsoDate)), title: z.string(), notes: z.string() })),
});

const holidayCalendar = (dates: Iterable<IsoDate>, coveredFrom: number, coveredTo: number, division = 'custom'): HolidayCalendar => {
  const list = [...dates];
  return {
    division,
    coveredFrom,
    coveredTo,
    dates: new Set(list),
    days: new Set(list.map(toDayNumber)),
    firstDay: toDayNumber(fromParts(coveredFrom, 1, 1)),
    lastDay: toDayNumber(fromParts(coveredTo, 12, 31)),
  };
};

const toCalendar = (file: z.infer<typeof holidaysFileSchema>): HolidayCalendar =>
  holidayCalendar(
    file.events.map((event) => event.date),
    file.coverage.from,
    file.coverage.to,
    file.division,
  );

/** Read once at module load: a broken data file fails at cold start, not mid-cycle. */
const englandAndWales: HolidayCalendar = toCalendar(holidaysFileSchema.parse(holidaysFile));

const assertDayCovered = (day: number, holidays: HolidayCalendar): void => {
  if (day < holidays.firstDay || day > holidays.lastDay) {
    throw new CalendarCoverageError(yearOf(fromDayNumber(day)), holidays.coveredFrom, holidays.coveredTo);
  }
};

/** Whether working days can be counted on `date`: its year is in the bank-holiday data. */
const isCovered = (date: IsoDate, holidays: HolidayCalendar = englandAndWales): boolean => {
  const day = toDayNumber(date);
  return day >= holidays.firstDay && day <= holidays.lastDay;
};

/**
 * For a date a caller gave (`field` names it): a date the calendar cannot count from is refused
 * where it enters, before anything starts, rather than failing a workflow months later.
 */
const assertCovered = (date: IsoDate, field: string, holidays: HolidayCalendar = englandAndWales): void => {
  if (!isCovered(date, holidays)) throw new CalendarCoverageError(yearOf(date), holidays.coveredFrom, holidays.coveredTo, { field });
};

// 1970-01-01, day 0, was a Thursday: (day + 4) % 7 is 0 on Sundays and 6 on Saturdays.
const isWorkingDayNumber = (day: number, holidays: HolidayCalendar): boolean => {
  const weekday = (((day + 4) % 7) + 7) % 7;
  if (weekday === 0 || weekday === 6) return false;
  assertDayCovered(day, holidays);
  return !holidays.days.has(day);
};

const isBankHoliday = (date: IsoDate, holidays: HolidayCalendar = englandAndWales): boolean => {
  const day = toDayNumber(date);
  assertDayCovered(day, holidays);
  return holidays.days.has(day);
};

const isWorkingDay = (date: IsoDate, holidays: HolidayCalendar = englandAndWales): boolean =>
  isWorkingDayNumber(toDayNumber(date), holidays);

/**
 * Moves `n` working days from `date` (negative `n` moves back). The start day is not
 * counted, as in "within 10 working days of receipt"; `n = 0` returns `date` unchanged.
 */
const addWorkingDays = (date: IsoDate, n: number, holidays: HolidayCalendar = englandAndWales): IsoDate => {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = toDayNumber(date);
  for (let remaining = Math.abs(n); remaining > 0; ) {
    day += step;
    if (isWorkingDayNumber(day, holidays)) remaining -= 1;
  }
  return n === 0 ? date : fromDayNumber(day);
};

/** A deadline that lands on a weekend or bank holiday moves to the next working day. */
const onOrAfterWorkingDay = (date: IsoDate, holidays: HolidayCalendar = englandAndWales): IsoDate => {
  let day = toDayNumber(date);
  while (!isWorkingDayNumber(day, holidays)) day += 1;
  return fromDayNumber(day);
};

const onOrBeforeWorkingDay = (date: IsoDate, holidays: HolidayCalendar = englandAndWales): IsoDate => {
  let day = toDayNumber(date);
  while (!isWorkingDayNumber(day, holidays)) day -= 1;
  return fromDayNumber(day);
};

/** Working days after `from` up to and including `to` (0 when `to` <= `from`). */
const workingDaysBetween = (from: IsoDate, to: IsoDate, holidays: HolidayCalendar = englandAndWales): number => {
  let count = 0;
  const last = toDayNumber(to);
  for (let day = toDayNumber(from) + 1; day <= last; day += 1) {
    if (isWorkingDayNumber(day, holidays)) count += 1;
  }
  return count;
};

export {
  addWorkingDays,
  assertCovered,
  englandAndWales,
  holidayCalendar,
  isBankHoliday,
  isCovered,
  isWorkingDay,
  onOrAfterWorkingDay,
  onOrBeforeWorkingDay,
  workingDaysBetween,
};
export type { HolidayCalendar };
