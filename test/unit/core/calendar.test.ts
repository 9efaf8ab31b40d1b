import { describe, expect, it } from 'vitest';
import holidaysFile from '../../../data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { easterSunday, standardBankHolidays } from '#core/bank-holiday-rules';
import {
  addWorkingDays,
  englandAndWales,
  holidayCalendar,
  isBankHoliday,
  isWorkingDay,
  onOrAfterWorkingDay,
  onOrBeforeWorkingDay,
  workingDaysBetween,
} from '#core/calendar';
import { CalendarCoverageError, InvalidDateError } from '#core/errors';
import { addMonths, isIsoDate } from '#core/iso-date';

describe('Function: easterSunday', () => {
  // Published Easter Sunday dates (Church of England tables).
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i falls on %s', (year, expected) => {
    // Act
    const easter = easterSunday(year);
    // Assess
    expect(easter).toBe(expected);
  });
});

describe('Data file: bank-holidays-england-and-wales.json', () => {
  it('names its public source and the years it covers (2024–2030)', () => {
    // Assess
    expect(holidaysFile.source.name).toMatch(/GOV\.UK/);
    expect(holidaysFile.coverage).toEqual({ from: 2024, to: 2030 });
  });

  it.each([2024, 2025, 2026, 2027, 2028, 2029, 2030])('%i matches the standing rules with substitute days', (year) => {
    // Prepare
    const fromFile = holidaysFile.events.filter((event) => event.date.startsWith(String(year)));
    // Act
    const fromRules = standardBankHolidays(year);
    // Assess
    expect(fromFile).toEqual(fromRules);
  });

  // Dates as published on GOV.UK for England and Wales.
  it.each([
    ['2024-03-29', 'Good Friday'],
    ['2025-04-21', 'Easter Monday'],
    ['2026-08-31', 'Summer bank holiday'],
    ['2026-12-28', 'Boxing Day substitute (26th is a Saturday)'],
    ['2027-12-27', 'Christmas substitute (25th is a Saturday)'],
    ['2027-12-28', 'Boxing Day substitute (26th is a Sunday)'],
    ['2028-01-03', 'New Year substitute (1st is a Saturday)'],
  ])('%s is a bank holiday: %s', (date) => {
    // Act
    const holiday = isBankHoliday(date);
    // Assess
    expect(holiday).toBe(true);
  });

  it.each(['2026-12-26', '2027-12-25', '2028-01-01'])('%s (a weekend day) is not itself listed', (date) => {
    // Act
    const listed = englandAndWales.dates.has(date);
    // Assess
    expect(listed).toBe(false);
  });
});

describe('Function: isWorkingDay', () => {
  it.each([
    ['2026-11-23', true, 'Monday'],
    ['2026-11-28', false, 'Saturday'],
    ['2026-11-29', false, 'Sunday'],
    ['2026-12-25', false, 'Christmas Day, Friday'],
    ['2026-12-24', true, 'Christmas Eve is not a bank holiday'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-04-07', true, 'Tuesday after Easter'],
  ])('%s -> %s (%s)', (date, expected) => {
    // Act
    const working = isWorkingDay(date);
    // Assess
    expect(working).toBe(expected);
  });

  it.each(['2023-06-01', '2031-01-02'])('refuses %s, outside the years the file covers', (date) => {
    // Act / Assess
    expect(() => isWorkingDay(date)).toThrow(CalendarCoverageError);
  });

  it.each(['2026-02-30', '26-01-01', '2026-1-5', ''])('refuses %j, not an ISO date', (date) => {
    // Act / Assess
    expect(() => isWorkingDay(date)).toThrow(InvalidDateError);
  });
});

describe('Function: addWorkingDays', () => {
  it.each([
    ['2026-11-23', 0, '2026-11-23', 'zero days is the same day'],
    ['2026-11-23', 1, '2026-11-24', 'Monday + 1'],
    ['2026-11-27', 1, '2026-11-30', 'Friday + 1 skips the weekend'],
    ['2026-11-28', 1, '2026-11-30', 'from a Saturday'],
    ['2026-12-23', 3, '2026-12-30', 'over Christmas: 24, (25), (26/27), (28), 29, 30'],
    ['2026-12-24', 1, '2026-12-29', 'Christmas Day and the Boxing Day substitute skipped'],
    ['2027-12-24', 1, '2027-12-29', 'Christmas Saturday: 27 and 28 are both substitutes'],
    ['2026-04-02', 1, '2026-04-07', 'Easter: Good Friday and Easter Monday skipped'],
    ['2026-04-07', -1, '2026-04-02', 'backwards over Easter'],
    ['2026-12-29', -2, '2026-12-23', 'backwards over Christmas'],
    ['2026-11-23', 10, '2026-12-07', 'ten working days (factual-accuracy norm)'],
    ['2026-12-31', 1, '2027-01-04', 'New Year\'s Day then a weekend'],
  ])('%s + %i = %s (%s)', (date, n, expected) => {
    // Act
    const result = addWorkingDays(date, n);
    // Assess
    expect(result).toBe(expected);
    expect(isWorkingDay(result) || n === 0).toBe(true);
  });

  it('counts with a custom holiday calendar', () => {
    // Prepare
    const calendar = holidayCalendar(['2026-11-24'], 2026, 2026);
    // Act
    const result = addWorkingDays('2026-11-23', 1, calendar);
    // Assess
    expect(result).toBe('2026-11-25');
  });

  it('refuses a fractional number of days', () => {
    // Act / Assess
    expect(() => addWorkingDays('2026-11-23', 1.5)).toThrow(RangeError);
  });

  it('is undone by subtracting the same number of working days from a working day', () => {
    // Prepare
    const start = '2026-12-21';
    // Act
    const there = addWorkingDays(start, 9);
    const back = addWorkingDays(there, -9);
    // Assess
    expect(back).toBe(start);
    expect(workingDaysBetween(start, there)).toBe(9);
  });
});

describe('Function: onOrAfterWorkingDay / onOrBeforeWorkingDay', () => {
  it.each([
    ['2026-11-28', '2026-11-30', '2026-11-27', 'Saturday'],
    ['2026-12-25', '2026-12-29', '2026-12-24', 'Christmas Day'],
    ['2026-04-03', '2026-04-07', '2026-04-02', 'Good Friday'],
    ['2026-11-24', '2026-11-24', '2026-11-24', 'a working day stays'],
  ])('%s rolls forward to %s and back to %s (%s)', (date, forward, backward) => {
    // Act
    const after = onOrAfterWorkingDay(date);
    const before = onOrBeforeWorkingDay(date);
    // Assess
    expect([after, before]).toEqual([forward, backward]);
  });
});

describe('Function: addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i month(s) = %s', (date, months, expected) => {
    // Act
    const result = addMonths(date, months);
    // Assess
    expect(result).toBe(expected);
    expect(isIsoDate(result)).toBe(true);
  });
});
