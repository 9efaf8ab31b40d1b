import { describe, expect, it } from 'vitest';
import { endOfUkDay, startOfUkDay, ukDateOf, ukOffsetMinutes } from '#core/uk-time';

describe('Function: endOfUkDay', () => {
  // Clocks change on the last Sunday of March and of October at 01:00 UTC.
  it.each([
    ['2025-01-15', '2025-01-15T23:59:59.000Z'],
    ['2025-03-29', '2025-03-29T23:59:59.000Z'],
    ['2025-03-30', '2025-03-30T22:59:59.000Z'],
    ['2025-07-04', '2025-07-04T22:59:59.000Z'],
    ['2025-10-25', '2025-10-25T22:59:59.000Z'],
    ['2025-10-26', '2025-10-26T23:59:59.000Z'],
  ])('a deadline on %s ends at %s', (date, expected) => {
    // Act
    const end = endOfUkDay(date);

    // Assess
    expect(end).toBe(expected);
  });
});

describe('Function: startOfUkDay', () => {
  it.each([
    ['2025-01-15', '2025-01-15T00:00:00.000Z'],
    ['2025-07-04', '2025-07-03T23:00:00.000Z'],
  ])('%s starts at %s', (date, expected) => {
    // Act
    const start = startOfUkDay(date);

    // Assess
    expect(start).toBe(expected);
  });
});

describe('Function: ukDateOf', () => {
  it.each([
    ['2025-07-03T23:30:00.000Z', '2025-07-04'],
    ['2025-07-03T22:30:00.000Z', '2025-07-03'],
    ['2025-01-03T23:30:00.000Z', '2025-01-03'],
  ])('the UK date at %s is %s', (instant, expected) => {
    // Act
    const date = ukDateOf(new Date(instant));

    // Assess
    expect(date).toBe(expected);
  });

  it.each(['2025-01-15', '2025-07-04', '2025-03-30', '2025-10-26'])('the end of %s is still that UK day, one second later the next', (date) => {
    // Prepare
    const end = Date.parse(endOfUkDay(date));

    // Act
    const sameDay = ukDateOf(new Date(end));
    const nextDay = ukDateOf(new Date(end + 1000));

    // Assess
    expect(sameDay).toBe(date);
    expect(nextDay).not.toBe(date);
  });
});

describe('Function: ukOffsetMinutes', () => {
  it.each([
    ['2025-01-15T12:00:00.000Z', 0],
    ['2025-07-15T12:00:00.000Z', 60],
  ])('at %s the UK is %i minutes ahead of UTC', (instant, expected) => {
    // Act
    const offset = ukOffsetMinutes(Date.parse(instant));

    // Assess
    expect(offset).toBe(expected);
  });
});
