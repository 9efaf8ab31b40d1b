import { describe, expect, it } from 'vitest';
import { allocationSchema, reviewerSchema } from '#core/allocation-schemas';

describe('Schema: reviewerSchema', () => {
  it.each([
    [{ id: 'R1', roles: ['lead'], leadTrainingExpiresOn: '2027-01-31', availableOn: ['2027-03-02'], reviewsThisYear: 0 }, true],
    [{ id: 'R1', roles: [], availableOn: [], reviewsThisYear: 0 }, false],
    [{ id: 'R1', roles: ['chair'], availableOn: [], reviewsThisYear: 0 }, false],
    [{ id: 'R1', roles: ['professional'], availableOn: ['2027-02-30'], reviewsThisYear: 0 }, false],
    [{ id: 'R1', roles: ['professional'], availableOn: [], reviewsThisYear: -1 }, false],
  ])('%j valid: %s', (value, valid) => {
    // Act
    const result = reviewerSchema.safeParse(value);
    // Assess
    expect(result.success).toBe(valid);
  });
});

describe('Schema: allocationSchema', () => {
  it('refuses an allocation with an empty team', () => {
    // Act
    const result = allocationSchema.safeParse({ hostServiceId: 'S', hostOrganisationId: 'O', date: '2027-03-02', team: [] });
    // Assess
    expect(result.success).toBe(false);
  });
});
