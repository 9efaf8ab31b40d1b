// The board's deadline sentence: UK working days with England and Wales bank holidays, "today"
// in London time, never a guess outside the calendar's covered years.
import { describe, expect, it } from 'vitest';
import { describeDeadline, formatUkDate } from '../../../web/src/format.ts';

describe('Function: describeDeadline', () => {
  it.each([
    // Thursday 1 May 2025 to Tuesday 6 May 2025: Friday, (Monday 5 May is a bank holiday), Tuesday.
    { now: '2025-05-01T10:00:00Z', deadline: '2025-05-06T22:59:59Z', text: 'in 2 working days', overdue: false },
    { now: '2025-05-06T08:00:00Z', deadline: '2025-05-06T22:59:59Z', text: 'due today', overdue: false },
    // 23:30 on 6 May in London is still 6 May: not overdue yet.
    { now: '2025-05-06T22:30:00Z', deadline: '2025-05-06T22:59:59Z', text: 'due today', overdue: false },
    { now: '2025-05-07T09:00:00Z', deadline: '2025-05-06T22:59:59Z', text: '1 working day overdue', overdue: true },
    // Christmas 2025: after Tuesday 23 December, Wednesday 24 and Monday 29 are the working days
    // (Thursday 25 and Friday 26 are bank holidays, then the weekend).
    { now: '2025-12-29T09:00:00Z', deadline: '2025-12-23T23:59:59Z', text: '2 working days overdue', overdue: true },
  ])('$deadline seen at $now reads "$text"', ({ now, deadline, text, overdue }) => {
    // Act
    const view = describeDeadline(deadline, new Date(now));

    // Assess
    expect(view).toMatchObject({ text, overdue });
  });

  it('says nothing rather than guess outside the bank-holiday calendar', () => {
    // Act
    const view = describeDeadline('2099-01-05T23:59:59Z', new Date('2098-12-01T09:00:00Z'));

    // Assess
    expect(view).toBeUndefined();
  });

  it.each([
    { value: '2025-05-06', text: '6 May 2025' },
    { value: '2025-05-06T22:59:59.000Z', text: '6 May 2025' },
    { value: '2025-01-06T23:30:00.000Z', text: '6 January 2025' },
  ])('formats $value as the UK date $text', ({ value, text }) => {
    // Assess
    expect(formatUkDate(value)).toBe(text);
  });
});
