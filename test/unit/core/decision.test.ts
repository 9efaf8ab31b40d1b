import { describe, expect, it } from 'vitest';
import { recommendOutcome } from '#core/decision';
import { IncompleteRatingsError } from '#core/errors';
import { scoreReview } from '#core/scoring';
import type { StandardType } from '#core/vocabulary';
import { ratingsOf, standardsOf } from './fixtures.ts';

const QNPICU = { type1: 100, type2: 80, type3: 60 };

const recommend = (counts: Partial<Record<StandardType, number>>, shape: Parameters<typeof ratingsOf>[1], max = 5, membershipType: 'accreditation' | 'developmental' = 'accreditation') => {
  const standards = standardsOf(counts);
  const scores = scoreReview({ standards, selfRatings: ratingsOf(standards, shape) });
  return recommendOutcome({ scores, thresholds: QNPICU, membershipType, deferralMaxBlockingStandards: max });
};

describe('Function: recommendOutcome', () => {
  it.each([
    ['everything met', { 1: 5, 2: 5, 3: 5 }, {}, 5, 'accredited', 0],
    ['exactly 80% of Type 2 and exactly 60% of Type 3', { 1: 5, 2: 5, 3: 5 }, { 2: { notMet: 1 }, 3: { notMet: 2 } }, 5, 'accredited', 0],
    ['Type 2 just under 80% (7/9)', { 1: 5, 2: 9, 3: 5 }, { 2: { notMet: 2 } }, 5, 'deferred', 1],
    ['Type 3 just under 60% (5/9)', { 1: 5, 2: 5, 3: 9 }, { 3: { notMet: 4 } }, 5, 'deferred', 1],
    ['one Type 1 unmet', { 1: 5, 2: 5, 3: 5 }, { 1: { notMet: 1 } }, 5, 'deferred', 1],
    ['one Type 1 unmet, no deferral allowed', { 1: 5, 2: 5, 3: 5 }, { 1: { notMet: 1 } }, 0, 'not-accredited', 1],
    ['blocking count exactly at the deferral limit', { 1: 5, 2: 10, 3: 5 }, { 1: { notMet: 2 }, 2: { notMet: 5 } }, 5, 'deferred', 5],
    ['blocking count one over the deferral limit', { 1: 5, 2: 10, 3: 5 }, { 1: { notMet: 3 }, 2: { notMet: 5 } }, 5, 'not-accredited', 6],
    ['no Type 3 standards at all', { 1: 5, 2: 5 }, {}, 5, 'accredited', 0],
    ['every Type 1 standard N/A', { 1: 3, 2: 5, 3: 5 }, { 1: { na: 3 } }, 5, 'accredited', 0],
    ['N/A does not drag Type 2 under (4 met, 1 unmet, 5 N/A)', { 1: 1, 2: 10, 3: 1 }, { 2: { notMet: 1, na: 5 } }, 5, 'accredited', 0],
  ] as const)('%s -> %s', (_label, counts, shape, max, outcome, blockingCount) => {
    // Act
    const recommendation = recommend(counts, shape, max);
    // Assess
    expect(recommendation.outcome).toBe(outcome);
    expect(recommendation.blockingCount).toBe(blockingCount);
  });

  it('says exactly which standards block and by how much each threshold is missed', () => {
    // Act
    const recommendation = recommend({ 1: 4, 2: 10, 3: 5 }, { 1: { notMet: 1 }, 2: { notMet: 3 } });
    // Assess
    expect(recommendation.blockingStandardIds).toEqual(['T1-01', 'T2-01', 'T2-02', 'T2-03']);
    expect(recommendation.reasons.filter((r) => r.code === 'threshold-missed')).toEqual([
      expect.objectContaining({ type: 1, met: 3, applicable: 4, percentage: 75, shortByPoints: 25, shortByStandards: 1, unmetStandardIds: ['T1-01'] }),
      expect.objectContaining({ type: 2, met: 7, applicable: 10, percentage: 70, shortByPoints: 10, shortByStandards: 1, unmetStandardIds: ['T2-01', 'T2-02', 'T2-03'] }),
    ]);
    expect(recommendation.reasons.at(-1)).toEqual(expect.objectContaining({ code: 'within-deferral-limit', blockingStandards: 2, maxBlockingStandards: 5 }));
  });

  it('explains a type with nothing applicable', () => {
    // Act
    const recommendation = recommend({ 1: 2, 2: 2 }, {});
    // Assess
    expect(recommendation.reasons).toContainEqual(expect.objectContaining({ code: 'nothing-applicable', type: 3 }));
  });

  it('gives developmental members no outcome, whatever their scores', () => {
    // Act
    const recommendation = recommend({ 1: 5 }, { 1: { notMet: 5 } }, 0, 'developmental');
    // Assess
    expect(recommendation.outcome).toBeNull();
    expect(recommendation.reasons.map((r) => r.code)).toEqual(['developmental']);
  });

  it('refuses to recommend while standards are unrated', () => {
    // Prepare
    const standards = standardsOf({ 1: 2 });
    const scores = scoreReview({ standards, selfRatings: ratingsOf(standards).slice(1) });
    // Act / Assess
    expect(() => recommendOutcome({ scores, thresholds: QNPICU, membershipType: 'accreditation', deferralMaxBlockingStandards: 5 })).toThrow(IncompleteRatingsError);
  });

  it.each([
    [{ type1: 100, type2: 75, type3: 50 }, 'accredited'],
    [{ type1: 100, type2: 90, type3: 50 }, 'deferred'],
  ] as const)('uses the network thresholds %j', (thresholds, outcome) => {
    // Prepare
    const standards = standardsOf({ 1: 2, 2: 4, 3: 2 });
    const scores = scoreReview({ standards, selfRatings: ratingsOf(standards, { 2: { notMet: 1 }, 3: { notMet: 1 } }) });
    // Act
    const recommendation = recommendOutcome({ scores, thresholds, membershipType: 'accreditation', deferralMaxBlockingStandards: 3 });
    // Assess
    expect(recommendation.outcome).toBe(outcome);
  });
});
