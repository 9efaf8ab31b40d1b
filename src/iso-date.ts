// Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so the result never depends
// on the machine's time zone or the clock: deadlines in this domain are whole days.
import { InvalidDateError } from './errors.ts';

/** An ISO calendar date, `YYYY-MM-DD`. */
type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const Weekday = {
  Sunday: 0,
  Monday: 1,
  Tuesday: 2,
  Wednesday: 3,
  Thursday: 4,
  Friday: 5,
  Saturday: 6,
} as const;
type Weekday = (typeof Weekday)[keyof typeof Weekday];

const isIsoDate = (value: string): boolean => {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 2025-02-30 over to March; a real date survives the round trip.
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** Days since 1970-01-01 (UTC). */
const toDayNumber = (date: IsoDate): number => {
  if (!isIsoDate(date)) throw new InvalidDateError(date);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
};

const fromDayNumber = (day: number): IsoDate => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

const fromParts = (year: number, month: number, day: number): IsoDate =>
  fromDayNumber(Date.UTC(year, month - 1, day) / MS_PER_DAY);

const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(toDayNumber(date) + days);

/** Calendar months; a day past the target month's end clamps to its last day (31 Jan + 1 month = 28/29 Feb). */
const addMonths = (date: IsoDate, months: number): IsoDate => {
  const [y, m, d] = date.split('-').map(Number);
  toDayNumber(date);
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return fromParts(year, month, Math.min(d, lastDay));
};

const weekdayOf = (date: IsoDate): Weekday => new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay() as Weekday;

const isWeekend = (date: IsoDate): boolean => {
  const day = weekdayOf(date);
  return day === Weekday.Saturday || day === Weekday.Sunday;
};

const yearOf = (date: IsoDate): number => {
  toDayNumber(date);
  return Number(date.slice(0, 4));
};

/** Whole days from `from` to `to` (negative when `to` is earlier). */
const daysBetween = (from: IsoDate, to: IsoDate): number => toDayNumber(to) - toDayNumber(from);

const compareIsoDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

export {
  addDays,
  addMonths,
  compareIsoDates,
  daysBetween,
  fromDayNumber,
  fromParts,
  isIsoDate,
  isWeekend,
  toDayNumber,
  Weekday,
  weekdayOf,
  yearOf,
};
export type { IsoDate };
