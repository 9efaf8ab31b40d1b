import { describe, expect, it } from 'vitest';
import { assertCovered, isCovered } from '#core/calendar';
import { CalendarCoverageError } from '#core/errors';
import { checkOfferedDates } from '#core/visit-dates';

describe('Function: assertCovered', () => {
  it.each([
    { date: '2023-12-31', covered: false },
    { date: '2024-01-01', covered: true },
    { date: '2030-12-31', covered: true },
    { date: '2031-01-01', covered: false },
  ])('says $date is covered: $covered', ({ date, covered }) => {
    // Act
    const answer = isCovered(date);

    // Assess
    expect(answer).toBe(covered);
  });

  it('throws a CalendarCoverageError naming the field, the year and the covered years', () => {
    // Act
    const act = () => assertCovered('2031-03-03', 'dueOn');

    // Assess
    expect(act).toThrow(CalendarCoverageError);
    expect(act).toThrow(/^dueOn: .*2024–2030.*2031/);
  });
});

describe('Function: checkOfferedDates outside the calendar (issue 12, defect 5)', () => {
  it('refuses each date outside the covered years as an issue, not an exception', () => {
    // Act
    const check = checkOfferedDates(['2030-12-17', '2031-01-14', '2031-01-15'], '2030-11-02');

    // Assess
    expect(check).toEqual({
      ok: false,
      issues: [
        { index: 1, message: '2031-01-14 is outside the years the bank-holiday data covers (2024–2030)' },
        { index: 2, message: '2031-01-15 is outside the years the bank-holiday data covers (2024–2030)' },
      ],
    });
  });
});
