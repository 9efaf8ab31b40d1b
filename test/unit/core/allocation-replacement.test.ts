import { describe, expect, it } from 'vitest';
import { replaceDeclined, type ReplacementInput } from '#core/allocation-replacement';
import type { Reviewer, TeamMember } from '#core/allocation-rules';
import { host, reviewerOn } from './allocation-fixtures.ts';

const DATE = '2027-03-02';
const composition = { leadReviewers: 1, professionalPeers: { min: 1, max: 2 }, expertsByExperience: 1 };

const reviewer = reviewerOn([DATE]);

const onTeam = (id: string, role: TeamMember['role']): TeamMember => ({ reviewerId: id, role, serviceId: `S-${id}`, organisationId: `O-${id}` });

const TEAM = [onTeam('L1', 'lead'), onTeam('P1', 'professional'), onTeam('P2', 'professional'), onTeam('E1', 'expert-by-experience')];
const POOL = [
  reviewer('L1', ['lead'], { leadTrainingExpiresOn: '2030-01-01' }),
  reviewer('P1', ['professional']),
  reviewer('P2', ['professional']),
  reviewer('E1', ['expert-by-experience']),
];

const input = (overrides: Partial<ReplacementInput>): ReplacementInput => ({ host, date: DATE, team: TEAM, declined: [], pool: POOL, allocationsThisCycle: [], composition, ...overrides });

describe('Function: replaceDeclined', () => {
  it('replaces a declined expert by experience with the least-loaded eligible one', () => {
    // Prepare
    const pool = [...POOL, reviewer('E2', ['expert-by-experience'], { reviewsThisYear: 2 }), reviewer('E3', ['expert-by-experience'])];
    // Act
    const result = replaceDeclined(input({ pool, declined: ['E1'] }));
    // Assess
    expect(result).toMatchObject({ ok: true, added: [{ reviewerId: 'E3', role: 'expert-by-experience' }], removed: [{ reviewerId: 'E1' }] });
    expect(result.ok && result.team.map((m) => m.reviewerId)).toEqual(['L1', 'P1', 'P2', 'E3']);
  });

  it.each([
    ['works for the host organisation', { organisationId: 'O-H' }, 'same-organisation'],
    ['is not available that day', { availableOn: [] }, 'not-available'],
    ['has no lead training', { leadTrainingExpiresOn: undefined }, 'lead-training'],
  ] as [string, Partial<Reviewer>, string][])('never replaces a declined lead with one who %s, and says so', (_label, extra, rule) => {
    // Prepare
    const pool = [...POOL, reviewer('L2', ['lead'], { leadTrainingExpiresOn: '2030-01-01', ...extra })];
    // Act
    const result = replaceDeclined(input({ pool, declined: ['L1'] }));
    // Assess
    expect(result).toMatchObject({ ok: false, removed: [{ reviewerId: 'L1' }], shortfall: [{ date: DATE, role: 'lead', needed: 1, available: 0 }] });
    expect(result.ok ? [] : result.exclusions).toContainEqual(expect.objectContaining({ reviewerId: 'L2', rule }));
  });

  it('does not ask a reviewer already booked elsewhere that day', () => {
    // Prepare
    const pool = [...POOL, reviewer('E2', ['expert-by-experience'])];
    const allocationsThisCycle = [{ hostServiceId: 'S-X', hostOrganisationId: 'O-X', date: DATE, team: [onTeam('E2', 'expert-by-experience')] }];
    // Act
    const result = replaceDeclined(input({ pool, allocationsThisCycle, declined: ['E1'] }));
    // Assess
    expect(result).toMatchObject({ ok: false, exclusions: [expect.objectContaining({ reviewerId: 'E2', rule: 'already-booked' })] });
  });

  it('carries on without a replacement when the team still meets its minimum', () => {
    // Act
    const result = replaceDeclined(input({ declined: ['P2'] }));
    // Assess
    expect(result).toEqual({ ok: true, team: TEAM.filter((m) => m.reviewerId !== 'P2'), added: [], removed: [onTeam('P2', 'professional')] });
  });

  it('never asks again someone who declined earlier', () => {
    // Prepare: E2 declined the first invitation; E1, its replacement, declines too.
    const pool = [...POOL, reviewer('E2', ['expert-by-experience'])];
    // Act
    const result = replaceDeclined(input({ pool, declined: ['E2', 'E1'] }));
    // Assess
    expect(result).toMatchObject({ ok: false, shortfall: [{ role: 'expert-by-experience', available: 0 }] });
  });
});
