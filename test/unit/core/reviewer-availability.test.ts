// When a reviewer can visit, as a coordinator enters it (issue 12, defect 10 "Reviewer pools"):
// days, ranges (open-ended: "available unless said otherwise") and days they cannot do, and the
// allocation reading it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateReviewTeam } from '#core/allocation';
import type { Reviewer } from '#core/allocation-rules';
import { reviewerSchema } from '#core/allocation-schemas';
import { type Availability, hasAvailability, isAvailableOn } from '#core/reviewer-availability';
import { addDays } from '#core/iso-date';
import { host, reviewerOn } from './allocation-fixtures.ts';

describe('Function: isAvailableOn', () => {
  it.each([
    ['a listed day', { availableOn: ['2027-03-02'] }, '2027-03-02', true],
    ['a day not listed', { availableOn: ['2027-03-02'] }, '2027-03-03', false],
    ['the first day of a range', { available: [{ from: '2027-03-01', to: '2027-03-31' }] }, '2027-03-01', true],
    ['the last day of a range', { available: [{ from: '2027-03-01', to: '2027-03-31' }] }, '2027-03-31', true],
    ['the day after a range', { available: [{ from: '2027-03-01', to: '2027-03-31' }] }, '2027-04-01', false],
    ['the day before a range', { available: [{ from: '2027-03-01', to: '2027-03-31' }] }, '2027-02-28', false],
    ['years into an open-ended range', { available: [{ from: '2027-03-01' }] }, '2031-06-02', true],
    ['a day in the second of two ranges', { available: [{ from: '2027-01-04', to: '2027-01-08' }, { from: '2027-06-01', to: '2027-06-30' }] }, '2027-06-15', true],
    ['an unavailable day inside an open range', { available: [{ from: '2027-01-01' }], unavailable: [{ from: '2027-03-02', to: '2027-03-02' }] }, '2027-03-02', false],
    ['the day after an unavailable one', { available: [{ from: '2027-01-01' }], unavailable: [{ from: '2027-03-02', to: '2027-03-02' }] }, '2027-03-03', true],
    ['a listed day inside an unavailable range', { availableOn: ['2027-08-10'], unavailable: [{ from: '2027-08-01', to: '2027-08-31' }] }, '2027-08-10', false],
    ['any day, when nothing was said', {}, '2027-03-02', false],
  ] as [string, Availability, string, boolean][])('%s', (_case, availability, date, expected) => {
    // Act
    const available = isAvailableOn(availability, date);
    // Assess
    expect(available).toBe(expected);
  });

  it.each([
    [{}, false],
    [{ availableOn: [] }, false],
    [{ unavailable: [{ from: '2027-01-01' }] }, false],
    [{ availableOn: ['2027-03-02'] }, true],
    [{ available: [{ from: '2027-01-01' }] }, true],
  ] as [Availability, boolean][])('hasAvailability(%j) is %s', (availability, expected) => {
    // Act and Assess
    expect(hasAvailability(availability)).toBe(expected);
  });
});

describe('Function: allocateReviewTeam with ranges', () => {
  const DATES = ['2027-03-02', '2027-03-03'];
  const composition = { leadReviewers: 1, professionalPeers: { min: 1, max: 1 }, expertsByExperience: 1 };
  const reviewer = reviewerOn([]);
  const openRange = { availableOn: undefined, available: [{ from: '2027-01-01' }] };
  const pool = (lead: Partial<Reviewer>): Reviewer[] => [
    reviewer('L1', ['lead'], { leadTrainingExpiresOn: '2028-01-01', ...openRange, ...lead }),
    reviewer('P1', ['professional'], { available: [{ from: '2027-03-01', to: '2027-03-05' }] }),
    reviewer('E1', ['expert-by-experience'], { ...openRange, serviceId: undefined, organisationId: undefined }),
  ];

  it('books the first offered day the lead has not ruled out', () => {
    // Act
    const result = allocateReviewTeam({ host, offeredDates: DATES, pool: pool({ unavailable: [{ from: '2027-03-02', to: '2027-03-02' }] }), allocationsThisCycle: [], composition });
    // Assess
    expect(result).toEqual(expect.objectContaining({ ok: true, date: '2027-03-03' }));
  });

  it('finds no team when the only lead is unavailable on every offered day, and says why', () => {
    // Act
    const result = allocateReviewTeam({ host, offeredDates: DATES, pool: pool({ unavailable: [{ from: '2027-03-01', to: '2027-03-31' }] }), allocationsThisCycle: [], composition });
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.exclusions).toEqual(expect.arrayContaining(DATES.map((date) => expect.objectContaining({ reviewerId: 'L1', rule: 'not-available', date }))));
  });
});

describe('Schema: reviewerSchema availability', () => {
  const base = { id: 'R1', roles: ['professional'], reviewsThisYear: 0 };

  it('keeps an unavailable day as a one-day range and an open range as given', () => {
    // Act
    const parsed = reviewerSchema.parse({ ...base, available: [{ from: '2027-01-01' }], unavailable: ['2027-03-02', { from: '2027-08-01', to: '2027-08-31' }] });
    // Assess
    expect(parsed.available).toEqual([{ from: '2027-01-01' }]);
    expect(parsed.unavailable).toEqual([{ from: '2027-03-02', to: '2027-03-02' }, { from: '2027-08-01', to: '2027-08-31' }]);
  });

  it('refuses a range that ends before it starts, naming its end', () => {
    // Act
    const result = reviewerSchema.safeParse({ ...base, available: [{ from: '2027-03-02', to: '2027-03-01' }] });
    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['available.0.to']);
  });
});

describe('Property: a pool entered as ranges allocates as the same pool with every day listed', () => {
  // The days around the offered ones, so ranges start and end before, inside and after them.
  const WINDOW = Array.from({ length: 14 }, (_unused, index) => addDays('2027-02-25', index));
  const OFFERED = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'];
  const rangeArb = fc
    .tuple(fc.constantFrom(...WINDOW), fc.option(fc.constantFrom(...WINDOW), { nil: undefined }))
    .map(([a, b]) => (b === undefined ? { from: a } : a <= b ? { from: a, to: b } : { from: b, to: a }));
  const reviewerArb = (id: string) =>
    fc.record({
      id: fc.constant(id),
      serviceId: fc.constantFrom('S1', 'S2', 'S3', 'S-H'),
      organisationId: fc.constantFrom('O1', 'O2', 'O3'),
      roles: fc.subarray(['lead', 'professional', 'expert-by-experience'] as const, { minLength: 1 }),
      leadTrainingExpiresOn: fc.constant('2028-01-01'),
      available: fc.array(rangeArb, { maxLength: 3 }),
      unavailable: fc.array(rangeArb, { maxLength: 2 }),
      reviewsThisYear: fc.nat(3),
    });
  const poolArb = fc.integer({ min: 1, max: 20 }).chain((size) => fc.tuple(...Array.from({ length: size }, (_unused, index) => reviewerArb(`R${String(index).padStart(2, '0')}`))));
  /** Independent of the module: a day is in a range when on or after its start and on or before its end, if any. */
  const within = (day: string, range: { from: string; to?: string }) => range.from <= day && (range.to === undefined || day <= range.to);
  const listed = (reviewer: Reviewer): Reviewer => {
    const { available = [], unavailable = [], ...rest } = reviewer;
    return { ...rest, availableOn: WINDOW.filter((day) => available.some((range) => within(day, range)) && !unavailable.some((range) => within(day, range))) };
  };

  it('gives the same team on the same day, or the same reasons for none', () => {
    fc.assert(
      fc.property(poolArb, fc.subarray(OFFERED, { minLength: 1 }), (pool, offeredDates) => {
        // Prepare
        const composition = { leadReviewers: 1, professionalPeers: { min: 1, max: 2 }, expertsByExperience: 0 };
        // Act
        const asRanges = allocateReviewTeam({ host, offeredDates, pool, allocationsThisCycle: [], composition });
        const asDays = allocateReviewTeam({ host, offeredDates, pool: pool.map(listed), allocationsThisCycle: [], composition });
        // Assess
        expect(asRanges).toEqual(asDays);
      }),
      { numRuns: 300 },
    );
  });
});
