// What the cohort board's filters mean (issue 8): overdue by the clock, stuck after N UK working
// days, waiting for staff, and my cohorts.
import { describe, expect, it } from 'vitest';
import { boardFilters } from '../../../src/cohort-board.ts';
import type { BoardContext, BoardCycleFacts } from '../../../src/cohort-board.ts';

// Tuesday 27 May 2025, the day after the spring bank holiday.
const NOW = new Date('2025-05-27T10:00:00Z');
const context: BoardContext = { now: NOW, stuckAfterWorkingDays: 3, myCohorts: ['c2'] };

const cycle = (overrides: Partial<BoardCycleFacts> = {}): BoardCycleFacts => ({
  cohortId: 'c1',
  stage: 'self-review',
  status: 'awaiting-submission',
  currentDeadline: '2025-06-20T22:59:59Z',
  updatedAt: '2025-05-27T09:00:00Z',
  ...overrides,
});

describe('Function: boardFilters', () => {
  it.each([
    { what: 'recorded overdue', facts: cycle({ status: 'overdue' }), expected: true },
    { what: 'past its deadline before the workflow timer fired', facts: cycle({ currentDeadline: '2025-05-26T22:59:59Z' }), expected: true },
    { what: 'due later', facts: cycle(), expected: false },
    { what: 'closed with a past deadline', facts: cycle({ status: 'accredited', currentDeadline: '2025-01-01T22:59:59Z' }), expected: false },
  ])('overdue: $what → $expected', ({ facts, expected }) => {
    // Act
    const result = boardFilters.overdue(facts, context);
    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    // Thu 22, Fri 23, (Mon 26 bank holiday), Tue 27: three working days after Wednesday 21.
    { what: 'unchanged since Wednesday 21 May (3 working days, the bank holiday not counted)', updatedAt: '2025-05-21T12:00:00Z', status: 'awaiting-submission', expected: true },
    { what: 'unchanged since Thursday 22 May (2 working days)', updatedAt: '2025-05-22T12:00:00Z', status: 'awaiting-submission', expected: false },
    { what: 'withdrawn long ago', updatedAt: '2025-01-01T12:00:00Z', status: 'withdrawn', expected: false },
  ])('stuck after 3 working days: $what → $expected', ({ updatedAt, status, expected }) => {
    // Act
    const result = boardFilters.stuck(cycle({ updatedAt, status }), context);
    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    { what: 'a manual allocation', facts: cycle({ stage: 'manual-allocation' }), expected: true },
    { what: 'a committee decision', facts: cycle({ stage: 'committee-decision' }), expected: true },
    { what: 'an overdue step', facts: cycle({ status: 'overdue' }), expected: true },
    { what: 'a failed execution', facts: cycle({ status: 'failed' }), expected: true },
    { what: "the service's self-review", facts: cycle(), expected: false },
    { what: 'a decided cycle', facts: cycle({ stage: 'committee-decision', status: 'accredited' }), expected: false },
  ])('waiting for staff: $what → $expected', ({ facts, expected }) => {
    // Act
    const result = boardFilters['waiting-for-staff'](facts);
    // Assess
    expect(result).toBe(expected);
  });

  it('mine: the cohorts the caller named', () => {
    // Assess
    expect([boardFilters.mine(cycle({ cohortId: 'c2' }), context), boardFilters.mine(cycle(), context)]).toEqual([true, false]);
  });
});
