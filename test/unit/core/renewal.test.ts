import { describe, expect, it } from 'vitest';
import { followUpCycles } from '#core/renewal';

describe('Function: followUpCycles', () => {
  it.each([
    ['2025-10-03', '2027-04-03', '2028-10-03'],
    // 31 August + 18 months: there is no 31 February, so the last day of the month.
    ['2025-08-31', '2027-02-28', '2028-08-31'],
    // 29 February + 36 months lands in a common year.
    ['2024-02-29', '2025-08-29', '2027-02-28'],
  ])('accredited on %s: interim review starts %s, renewal %s', (accreditedOn, interim, renewal) => {
    // Act
    const cycles = followUpCycles({ serviceId: 'riverside', accreditedOn });
    // Assess
    expect(cycles.map((cycle) => [cycle.kind, cycle.startDate])).toEqual([
      ['interim-review', interim],
      ['renewal', renewal],
    ]);
  });

  it('names the cohort by kind and month and the cycle by the project convention', () => {
    // Act
    const [interim, renewal] = followUpCycles({ serviceId: 'riverside', accreditedOn: '2025-10-03' });
    // Assess
    expect(interim).toMatchObject({ cohortId: 'interim-review-2027-04', cycleId: 'interim-review-2027-04--riverside' });
    expect(renewal).toMatchObject({ cohortId: 'renewal-2028-10', cycleId: 'renewal-2028-10--riverside' });
  });
});
