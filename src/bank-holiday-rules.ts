// The standing rules for England and Wales bank holidays (Banking and Financial Dealings
// Act 1971, schedule 1, and the annual royal proclamations for New Year's Day and the
// Early May bank holiday), with the substitute-day practice GOV.UK publishes: a holiday
// that falls on a weekend moves to the next weekday that is not already a holiday.
// One-off holidays (jubilees, coronations, state funerals) are not rules: they live only
// in data/bank-holidays-england-and-wales.json. These rules generate and check that file.
import { addDays, fromParts, isWeekend, type IsoDate, weekdayOf, Weekday } from './iso-date.ts';

interface BankHoliday {
  date: IsoDate;
  title: string;
  notes: string;
}

/** Easter Sunday, Gregorian calendar: the anonymous (Meeus/Jones/Butcher) computus. */
const easterSunday = (year: number): IsoDate => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromParts(year, month, day);
};

const firstMondayOf = (year: number, month: number): IsoDate => {
  const first = fromParts(year, month, 1);
  return addDays(first, (Weekday.Monday - weekdayOf(first) + 7) % 7);
};

const lastMondayOf = (year: number, month: number): IsoDate => {
  const last = fromParts(year, month + 1, 0);
  return addDays(last, -((weekdayOf(last) - Weekday.Monday + 7) % 7));
};

/** Moves each weekend holiday, in date order, to the next free weekday (Christmas Saturday -> Monday 27, Boxing Day Sunday -> Tuesday 28). */
const withSubstitutes = (holidays: { date: IsoDate; title: string }[]): BankHoliday[] => {
  const taken = new Set<IsoDate>(holidays.filter((h) => !isWeekend(h.date)).map((h) => h.date));
  return holidays.map(({ date, title }) => {
    if (!isWeekend(date)) return { date, title, notes: '' };
    let substitute = addDays(date, 1);
    while (isWeekend(substitute) || taken.has(substitute)) substitute = addDays(substitute, 1);
    taken.add(substitute);
    return { date: substitute, title, notes: 'Substitute day' };
  });
};

const standardBankHolidays = (year: number): BankHoliday[] => {
  const easter = easterSunday(year);
  return withSubstitutes([
    { date: fromParts(year, 1, 1), title: 'New Year’s Day' },
    { date: addDays(easter, -2), title: 'Good Friday' },
    { date: addDays(easter, 1), title: 'Easter Monday' },
    { date: firstMondayOf(year, 5), title: 'Early May bank holiday' },
    { date: lastMondayOf(year, 5), title: 'Spring bank holiday' },
    { date: lastMondayOf(year, 8), title: 'Summer bank holiday' },
    { date: fromParts(year, 12, 25), title: 'Christmas Day' },
    { date: fromParts(year, 12, 26), title: 'Boxing Day' },
  ]).sort((x, y) => (x.date < y.date ? -1 : 1));
};

export { easterSunday, standardBankHolidays };
export type { BankHoliday };
