import { describe, expect, it } from 'vitest';
import { describeCandidates } from '#core/allocation-candidates';
import type { Reviewer } from '#core/allocation-rules';
import { host, reviewerOn } from './allocation-fixtures.ts';

const DATES = ['2027-03-02', '2027-03-03'];
const reviewer = (id: string, roles: Reviewer['roles'], extra: Partial<Reviewer> = {}): Reviewer => reviewerOn(DATES)(id, roles, { reviewsThisYear: 1, ...extra });

describe('Function: describeCandidates', () => {
  it('lists every reviewer with whether they could serve, in which roles, why not, and their load', () => {
    // Prepare
    const pool = [
      reviewer('SAME', ['professional'], { organisationId: 'O-H' }),
      reviewer('BOOKED', ['professional']),
      reviewer('LEAD', ['lead', 'professional'], { leadTrainingExpiresOn: '2027-03-02' }),
    ];
    const allocationsThisCycle = [{ hostServiceId: 'S-X', hostOrganisationId: 'O-X', date: '2027-03-02', team: [{ reviewerId: 'BOOKED', role: 'professional' as const }] }];
    // Act
    const candidates = describeCandidates({ host, dates: DATES, pool, allocationsThisCycle });
    // Assess
    expect(candidates).toEqual([
      {
        reviewerId: 'BOOKED',
        roles: ['professional'],
        organisationId: 'O-BOOKED',
        eligible: true,
        eligibleRoles: { '2027-03-02': [], '2027-03-03': ['professional'] },
        load: { reviewsThisYear: 1, visitsThisCycle: 1 },
        reasons: [{ reviewerId: 'BOOKED', rule: 'already-booked', detail: 'already on a visit on 2027-03-02', date: '2027-03-02' }],
      },
      expect.objectContaining({
        reviewerId: 'LEAD',
        eligible: true,
        eligibleRoles: { '2027-03-02': ['lead', 'professional'], '2027-03-03': ['professional'] },
        reasons: [expect.objectContaining({ rule: 'lead-training', date: '2027-03-03' })],
      }),
      expect.objectContaining({ reviewerId: 'SAME', eligible: false, reasons: [expect.objectContaining({ rule: 'same-organisation' })] }),
    ]);
  });
});
