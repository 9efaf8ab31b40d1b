import { describe, expect, it } from 'vitest';
import { errorMatches, findRetrier, retryDelayMs } from '#sfn-local/engine/retry';
import { RuntimeError, StatesError, TaskTimeoutError } from '#sfn-local/errors';

describe('Function: retryDelayMs', () => {
  it.each([
    { retrier: { ErrorEquals: ['X'] }, attempt: 0, expected: 1000 },
    { retrier: { ErrorEquals: ['X'] }, attempt: 2, expected: 4000 },
    { retrier: { ErrorEquals: ['X'], IntervalSeconds: 3, BackoffRate: 1.5 }, attempt: 2, expected: 6750 },
    { retrier: { ErrorEquals: ['X'], IntervalSeconds: 10, BackoffRate: 2, MaxDelaySeconds: 15 }, attempt: 3, expected: 15_000 },
    { retrier: { ErrorEquals: ['X'], IntervalSeconds: 8, JitterStrategy: 'FULL' as const }, attempt: 0, expected: 4000 },
  ])('waits $expected ms before retry $attempt of $retrier', ({ retrier, attempt, expected }) => {
    // Act
    const delay = retryDelayMs(retrier, attempt, () => 0.5);
    // Assess
    expect(delay).toBe(expected);
  });
});

describe('Function: errorMatches', () => {
  it.each([
    { errorEquals: ['States.ALL'], error: new StatesError('Custom', ''), expected: true },
    { errorEquals: ['States.ALL'], error: new RuntimeError('bad'), expected: false },
    { errorEquals: ['States.TaskFailed'], error: new StatesError('Lambda.Unknown', ''), expected: true },
    { errorEquals: ['States.TaskFailed'], error: new TaskTimeoutError(), expected: false },
    { errorEquals: ['States.Timeout'], error: new TaskTimeoutError(), expected: true },
    { errorEquals: ['Other', 'Custom'], error: new StatesError('Custom', ''), expected: true },
    { errorEquals: ['Custom.Sub'], error: new StatesError('Custom', ''), expected: false },
  ])('$errorEquals matches $error.name: $expected', ({ errorEquals, error, expected }) => {
    // Act / Assess
    expect(errorMatches(errorEquals, error)).toBe(expected);
  });

  it('picks the first matching retrier only', () => {
    // Prepare
    const retriers = [{ ErrorEquals: ['A'] }, { ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['B'] }];
    // Act / Assess
    expect(findRetrier(retriers, new StatesError('B', ''))).toBe(1);
    expect(findRetrier(retriers, new StatesError('A', ''))).toBe(0);
    expect(findRetrier(undefined, new StatesError('A', ''))).toBe(-1);
  });
});
