import { describe, expect, it } from 'vitest';
import { checkOfferedDates } from '#core/visit-dates';

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
