// UK working days for England and Wales: Monday to Friday, less bank holidays. Every
// deadline and reminder in a cycle is counted in these (DESIGN §1: "counted in UK working
// days (England and Wales bank holidays)"). The holiday list is data, not code, because
// one-off holidays are announced by proclamation: see data/bank-holidays-england-and-wales.json.
import { z } from 'zod';
import holidaysFile from '../data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { CalendarCoverageError } from './errors.ts';
import { addDays, isIsoDate, isWeekend, type IsoDate, yearOf } from './iso-date.ts';

interface HolidayCalendar {
  division: string;
  coveredFrom: number;
  coveredTo: number;
  dates: ReadonlySet<IsoDate>;
}

const holidaysFileSchema = z.object({
  division: z.string(),
  source: z.object({ name: z.string(), url: z.string() }),
  coverage: z.object({ from: z.number().int(), to: z.number().int() }),
  events: z.array(z.object({ date: z.string().refine(isIsoDate), title: z.string(), notes: z.string() })),
});

const toCalendar = (file: z.infer<typeof holidaysFileSchema>): HolidayCalendar => ({
  division: file.division,
  coveredFrom: file.coverage.from,
  coveredTo: file.coverage.to,
  dates: new Set(file.events.map((event) => event.date)),
});

/** Read once at module load: a broken data file fails at cold start, not mid-cycle. */
const englandAndWales: HolidayCalendar = toCalendar(holidaysFileSchema.parse(holidaysFile));

/** Builds a calendar from explicit dates (tests, or a network on another division's holidays). */
const holidayCalendar = (dates: Iterable<IsoDate>, coveredFrom: number, coveredTo: number, division = 'custom'): HolidayCalendar => ({
  division,
  coveredFrom,
  coveredTo,
  dates: new Set(dates),
});

const assertCovered = (date: IsoDate, holidays: HolidayCalendar): void => {
  const year = yearOf(date);
  if (year < holidays.coveredFrom || year > holidays.coveredTo) {
    throw new CalendarCoverageError(year, holidays.coveredFrom, holidays.coveredTo);
  }
};

const isBankHoliday = (date: IsoDate, holidays: HolidayCalendar = englandAndWales): boolean => {
  assertCovered(date, holidays);
  return holidays.dates.has(date);
};

const isWorkingDay = (date: IsoDate, holidays: HolidayCalendar = englandAndWales): boolean =>
  !isWeekend(date) && !isBankHoliday(date, holidays);

/**
 * Moves `n` working days from `date` (negative `n` moves back). The start day is not
 * counted, as in "within 10 working days of receipt"; `n = 0` returns `date` unchanged.
 */
const addWorkingDays = (date: IsoDate, n: number, holidays: HolidayCalendar = englandAndWales): IsoDate => {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let remaining = Math.abs(n); remaining > 0; ) {
    current = addDays(current, step);
    if (isWorkingDay(current, holidays)) remaining -= 1;
  }
  return current;
};

/** A deadline that lands on a weekend or bank holiday moves to the next working day. */
const onOrAfterWorkingDay = (date: IsoDate, holidays: HolidayCalendar = englandAndWales): IsoDate => {
  let current = date;
  while (!isWorkingDay(current, holidays)) current = addDays(current, 1);
  return current;
};

const onOrBeforeWorkingDay = (date: IsoDate, holidays: HolidayCalendar = englandAndWales): IsoDate => {
  let current = date;
  while (!isWorkingDay(current, holidays)) current = addDays(current, -1);
  return current;
};

/** Working days after `from` up to and including `to` (0 when `to` <= `from`). */
const workingDaysBetween = (from: IsoDate, to: IsoDate, holidays: HolidayCalendar = englandAndWales): number => {
  let count = 0;
  for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) {
    if (isWorkingDay(current, holidays)) count += 1;
  }
  return count;
};

export {
  addWorkingDays,
  englandAndWales,
  holidayCalendar,
  isBankHoliday,
  isWorkingDay,
  onOrAfterWorkingDay,
  onOrBeforeWorkingDay,
  workingDaysBetween,
};
export type { HolidayCalendar };
