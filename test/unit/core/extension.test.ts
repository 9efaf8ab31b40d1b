import { describe, expect, it } from 'vitest';
import { extensionProblem } from '#core/extension';

describe('Function: extensionProblem', () => {
  it.each([
    // Sat 29 Aug 2026; Mon 31 Aug 2026 is the summer bank holiday: the next working day is Tue 1 Sep.
    ['a Saturday before a bank-holiday Monday', { dueOn: '2026-08-29', today: '2026-08-10' }, 'the next working day is 2026-09-01'],
    ['a bank holiday', { dueOn: '2026-08-31', today: '2026-08-10' }, 'the next working day is 2026-09-01'],
    ['today', { dueOn: '2026-08-10', today: '2026-08-10' }, 'is not after today'],
    ['before the current deadline', { dueOn: '2026-08-20', today: '2026-08-10', currentDueOn: '2026-08-21' }, 'is not later than the current deadline'],
    ['a year outside the calendar', { dueOn: '2031-01-06', today: '2026-08-10' }, 'outside the bank-holiday calendar'],
  ])('refuses %s', (_label, input, expected) => {
    // Act
    const problem = extensionProblem(input);
    // Assess
    expect(problem).toContain(expected);
  });

  it('accepts a later working day', () => {
    // Assess
    expect(extensionProblem({ dueOn: '2026-09-01', today: '2026-08-10', currentDueOn: '2026-08-21' })).toBeUndefined();
  });
});
