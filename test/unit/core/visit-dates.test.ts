import { describe, expect, it } from 'vitest';
import { englandAndWales } from '#core/calendar';
import { checkOfferedDates, visitWindow } from '#core/visit-dates';

// 2025-06-02 is a Monday; 2025-05-26 is the Spring bank holiday.
const TODAY = '2025-05-20';

describe('Function: checkOfferedDates', () => {
  it.each([
    { dates: ['2025-06-02', '2025-06-03', '2025-06-09'], expected: ['2025-06-02', '2025-06-03', '2025-06-09'] },
    { dates: ['2025-06-11', '2025-06-04', '2025-06-05', '2025-06-18'], expected: ['2025-06-04', '2025-06-05', '2025-06-11', '2025-06-18'] },
  ])('accepts $dates and sorts them', ({ dates, expected }) => {
    // Act
    const check = checkOfferedDates(dates, TODAY);

    // Assess
    expect(check).toEqual({ ok: true, dates: expected });
  });

  it.each([
    { case: 'two dates', dates: ['2025-06-02', '2025-06-03'], message: 'at least 3' },
    { case: 'one weekday', dates: ['2025-06-02', '2025-06-09', '2025-06-16'], message: 'different weekdays' },
    { case: 'a Saturday', dates: ['2025-06-02', '2025-06-03', '2025-06-07'], message: 'not a UK working day' },
    { case: 'a bank holiday', dates: ['2025-05-26', '2025-06-03', '2025-06-04'], message: 'not a UK working day' },
    { case: 'a past date', dates: ['2025-05-19', '2025-06-03', '2025-06-04'], message: 'not after today' },
    { case: 'today', dates: [TODAY, '2025-06-03', '2025-06-04'], message: 'not after today' },
    { case: 'a repeated date', dates: ['2025-06-03', '2025-06-03', '2025-06-04'], message: 'offered twice' },
    { case: 'not a date', dates: ['03/06/2025', '2025-06-03', '2025-06-04'], message: 'is not a date' },
  ])('refuses $case', ({ dates, message }) => {
    // Act
    const check = checkOfferedDates(dates, TODAY);

    // Assess
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.issues.map((issue) => issue.message).join('; ')).toContain(message);
  });

  it('names the position of each bad date', () => {
    // Act
    const check = checkOfferedDates(['2025-06-02', '2025-06-07', '2025-06-08', '2025-06-04'], TODAY);

    // Assess
    expect(check.ok ? [] : check.issues.map((issue) => issue.index)).toEqual([1, 2]);
  });
});

describe('Function: visitWindow', () => {
  it('opens the working day after the date-offer deadline and lasts the visit duration', () => {
    // Act (2025-06-06 is a Friday: the window opens on Monday 9 June)
    const window = visitWindow('2025-06-06', { weeks: 4 });

    // Assess
    expect(window).toEqual({ opensOn: '2025-06-09', closesOn: '2025-07-07' });
  });
});

describe('Function: checkOfferedDates with a visit window', () => {
  const window = { opensOn: '2025-06-09', closesOn: '2025-07-07' };

  it.each([
    { case: 'dates inside the window', dates: ['2025-06-10', '2025-06-11', '2025-07-07'] },
    { case: 'dates before the window opens (the visit brought forward)', dates: ['2025-06-02', '2025-06-03', '2025-06-10'] },
  ])('accepts $case', ({ dates }) => {
    // Act
    const check = checkOfferedDates(dates, TODAY, englandAndWales, window);

    // Assess
    expect(check.ok).toBe(true);
  });

  it('refuses a date after the window ends, naming it and the end', () => {
    // Act
    const check = checkOfferedDates(['2025-06-10', '2025-06-11', '2025-07-08'], TODAY, englandAndWales, window);

    // Assess
    expect(check).toEqual({ ok: false, issues: [{ index: 2, message: '2025-07-08 is after the visit window ends (2025-07-07)' }] });
  });
});
