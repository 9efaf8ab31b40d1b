import { describe, expect, it } from 'vitest';
import { InvalidRatingsError } from '#core/errors';
import { scoreReview } from '#core/scoring';
import { ratingsOf, standardsOf } from './fixtures.ts';

describe('Function: scoreReview', () => {
  it.each([
    ['N/A left out of the denominator', { 2: 5 }, { 2: { notMet: 1, na: 1 } }, 2, { met: 3, notMet: 1, notApplicable: 1, applicable: 4, percentage: 75 }],
    ['0 standards of a type', { 1: 2 }, {}, 3, { total: 0, met: 0, applicable: 0, percentage: null }],
    ['all N/A', { 3: 4 }, { 3: { na: 4 } }, 3, { total: 4, notApplicable: 4, applicable: 0, percentage: null }],
    ['all not met', { 1: 3 }, { 1: { notMet: 3 } }, 1, { notMet: 3, percentage: 0 }],
    ['all met', { 1: 7 }, {}, 1, { met: 7, percentage: 100 }],
  ] as const)('%s', (_label, counts, shape, type, expected) => {
    // Prepare
    const standards = standardsOf(counts);
    // Act
    const scores = scoreReview({ standards, selfRatings: ratingsOf(standards, shape) });
    // Assess
    expect(scores.byType[type]).toEqual(expect.objectContaining(expected));
  });

  it('lets the peer rating count where it differs, and lists the disagreement', () => {
    // Prepare
    const standards = standardsOf({ 2: 3 });
    const selfRatings = ratingsOf(standards);
    const peerRatings = [
      { standardId: 'T2-01', rating: 'not-met' as const, comment: 'No audit seen' },
      { standardId: 'T2-02', rating: 'met' as const },
    ];
    // Act
    const scores = scoreReview({ standards, selfRatings, peerRatings });
    // Assess
    expect(scores.byType[2]).toEqual(expect.objectContaining({ met: 2, notMet: 1, percentage: (2 * 100) / 3 }));
    expect(scores.disagreements).toEqual([{ standardId: 'T2-01', section: 'Section 2', type: 2, self: 'met', peer: 'not-met', peerComment: 'No audit seen' }]);
    expect(scores.results.map((r) => r.effective)).toEqual(['not-met', 'met', 'met']);
  });

  it('lets a peer rating upgrade a self rating too', () => {
    // Prepare
    const standards = standardsOf({ 1: 1 });
    // Act
    const scores = scoreReview({ standards, selfRatings: ratingsOf(standards, { 1: { notMet: 1 } }), peerRatings: ratingsOf(standards) });
    // Assess
    expect([scores.byType[1].met, scores.disagreements.length]).toEqual([1, 1]);
  });

  it('counts unrated standards separately and names them', () => {
    // Prepare
    const standards = standardsOf({ 1: 2, 2: 2 });
    const selfRatings = ratingsOf(standards).filter((r) => r.standardId !== 'T2-02');
    // Act
    const scores = scoreReview({ standards, selfRatings });
    // Assess
    expect(scores.unratedStandardIds).toEqual(['T2-02']);
    expect(scores.byType[2]).toEqual(expect.objectContaining({ unrated: 1, applicable: 1, percentage: 100 }));
  });

  it.each([
    ['an unknown standard', [{ standardId: 'X-1', rating: 'met' as const }], 'unknown-standard'],
    ['a repeated standard', [{ standardId: 'T1-01', rating: 'met' as const }, { standardId: 'T1-01', rating: 'not-met' as const }], 'duplicate'],
  ])('refuses %s', (_label, selfRatings, problem) => {
    // Prepare
    const standards = standardsOf({ 1: 1 });
    // Act / Assess
    expect(() => scoreReview({ standards, selfRatings })).toThrow(InvalidRatingsError);
    expect(() => scoreReview({ standards, selfRatings })).toThrow(problem);
  });
});
