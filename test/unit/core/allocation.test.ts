import { describe, expect, it } from 'vitest';
import { allocateCohort, allocateReviewTeam, type AllocateInput, countExclusionsByRule } from '#core/allocation';
import type { Allocation, Reviewer } from '#core/allocation-rules';
import { host, reviewerOn } from './allocation-fixtures.ts';

const DATES = ['2027-03-02', '2027-03-03', '2027-03-09'];
const composition = { leadReviewers: 1, professionalPeers: { min: 1, max: 2 }, expertsByExperience: 1 };

const reviewer = reviewerOn(DATES);

const basePool = (lead: Partial<Reviewer> = {}): Reviewer[] => [
  reviewer('L1', ['lead', 'professional'], { leadTrainingExpiresOn: '2028-01-01', ...lead }),
  reviewer('P1', ['professional']),
  reviewer('P2', ['professional']),
  reviewer('E1', ['expert-by-experience'], { serviceId: undefined, organisationId: undefined }),
];

const input = (overrides: Partial<AllocateInput> = {}): AllocateInput => ({ host, offeredDates: DATES, pool: basePool(), allocationsThisCycle: [], composition, ...overrides });

const visit = (hostServiceId: string, date: string, team: Allocation['team']): Allocation => ({ hostServiceId, hostOrganisationId: `O-${hostServiceId}`, date, team });

describe('Function: allocateReviewTeam', () => {
  it('forms a team of one lead, up to the maximum professionals and one expert by experience', () => {
    // Act
    const result = allocateReviewTeam(input());
    // Assess
    expect(result).toEqual({
      ok: true,
      date: '2027-03-02',
      team: [
        { reviewerId: 'L1', role: 'lead', serviceId: 'S-L1', organisationId: 'O-L1' },
        { reviewerId: 'P1', role: 'professional', serviceId: 'S-P1', organisationId: 'O-P1' },
        { reviewerId: 'P2', role: 'professional', serviceId: 'S-P2', organisationId: 'O-P2' },
        { reviewerId: 'E1', role: 'expert-by-experience' },
      ],
    });
  });

  it.each([
    ['same-organisation', { organisationId: 'O-H' }, []],
    ['host-service', { serviceId: 'S-H' }, []],
    ['declared-conflict', { conflicts: ['S-H'] }, []],
    ['declared-conflict', { conflicts: ['O-H'] }, []],
    ['lead-training', { leadTrainingExpiresOn: '2027-03-01' }, []],
    ['lead-training', { leadTrainingExpiresOn: undefined }, []],
    ['not-available', { availableOn: [] }, []],
    ['already-booked', {}, DATES.map((date) => visit('S-X', date, [{ reviewerId: 'L1', role: 'lead' as const }]))],
    ['reciprocal-review', {}, [visit('S-L1', '2027-02-01', [{ reviewerId: 'R9', role: 'professional' as const, serviceId: 'S-H' }])]],
  ] as [string, Partial<Reviewer>, Allocation[]][])('without its only lead (%s: %j) finds no team and says why', (rule, lead, allocationsThisCycle) => {
    // Act
    const result = allocateReviewTeam(input({ pool: basePool(lead), allocationsThisCycle }));
    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.exclusions).toContainEqual(expect.objectContaining({ reviewerId: 'L1', rule }));
    expect(result.shortfall).toContainEqual(expect.objectContaining({ role: 'lead', needed: 1, available: 0 }));
  });

  it('summarises exclusions per rule, counting each reviewer once', () => {
    // Prepare
    const pool = basePool({ organisationId: 'O-H', availableOn: ['2027-03-02'] });
    // Act
    const result = allocateReviewTeam(input({ pool }));
    // Assess
    expect(result.ok ? {} : countExclusionsByRule(result.exclusions)).toEqual({ 'not-available': 1, 'same-organisation': 1 });
  });

  it('reports a pool one reviewer short: no expert by experience', () => {
    // Prepare
    const pool = basePool().filter((r) => r.id !== 'E1');
    // Act
    const result = allocateReviewTeam(input({ pool }));
    // Assess
    expect(result).toEqual({
      ok: false,
      exclusions: [],
      shortfall: DATES.map((date) => ({ date, role: 'expert-by-experience', needed: 1, available: 0 })),
    });
  });

  it('reports a pool one professional short of the minimum', () => {
    // Prepare: only L1 (lead and professional) is left to be a professional
    const pool = basePool().filter((r) => !r.id.startsWith('P'));
    const needTwo = { ...composition, professionalPeers: { min: 2, max: 3 } };
    // Act
    const result = allocateReviewTeam(input({ pool, composition: needTwo }));
    // Assess
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.shortfall.map((s) => [s.role, s.needed, s.available])).toEqual(DATES.map(() => ['professional', 2, 1]));
  });

  it.each([
    [{ leadTrainingExpiresOn: '2027-03-02' }, '2027-03-02', 'training in date on the visit day itself'],
    [{ availableOn: ['2027-03-09'] }, '2027-03-09', 'the only date the lead can do'],
    [{ availableOn: ['2027-03-09', '2027-03-03'] }, '2027-03-03', 'the earliest of equal dates'],
  ] as [Partial<Reviewer>, string, string][])('chooses the offered date that gives a team (%j -> %s: %s)', (lead, date) => {
    // Act
    const result = allocateReviewTeam(input({ pool: basePool(lead) }));
    // Assess
    expect(result.ok && result.date).toBe(date);
  });

  it('prefers the date with the fuller team', () => {
    // Prepare
    const pool = basePool().map((r) => (r.id === 'P2' ? { ...r, availableOn: ['2027-03-09'] } : r));
    // Act
    const result = allocateReviewTeam(input({ pool }));
    // Assess
    expect(result.ok && [result.date, result.team.length]).toEqual(['2027-03-09', 4]);
  });

  it.each([
    ['the least-loaded reviewers', [reviewer('P1', ['professional'], { reviewsThisYear: 3 }), reviewer('P2', ['professional']), reviewer('P3', ['professional'])], ['P2', 'P3']],
    ['reviewers from different organisations', [reviewer('P1', ['professional'], { organisationId: 'O-1' }), reviewer('P2', ['professional'], { organisationId: 'O-1' }), reviewer('P3', ['professional'])], ['P1', 'P3']],
    ['lower ids on a tie', [reviewer('P3', ['professional']), reviewer('P2', ['professional']), reviewer('P1', ['professional'])], ['P1', 'P2']],
  ])('picks %s', (_label, professionals, expected) => {
    // Prepare
    const pool = [...basePool().filter((r) => !r.id.startsWith('P')), ...professionals];
    // Act
    const result = allocateReviewTeam(input({ pool }));
    // Assess
    expect(result.ok && result.team.filter((m) => m.role === 'professional').map((m) => m.reviewerId)).toEqual(expected);
  });

  it('counts this cycle\'s visits in the load', () => {
    // Prepare
    const pool = [...basePool(), reviewer('P3', ['professional'])];
    const allocationsThisCycle = [visit('S-X', '2027-01-05', [{ reviewerId: 'P1', role: 'professional' }])];
    // Act
    const result = allocateReviewTeam(input({ pool, allocationsThisCycle }));
    // Assess
    expect(result.ok && result.team.filter((m) => m.role === 'professional').map((m) => m.reviewerId)).toEqual(['P2', 'P3']);
  });

  it('does not spend a two-role reviewer on the plentiful role', () => {
    // Prepare: L1 is the only lead and also a professional; P1 alone can fill the professional minimum.
    const pool = basePool().filter((r) => r.id !== 'P2');
    const oneProfessional = { ...composition, professionalPeers: { min: 1, max: 1 } };
    // Act
    const result = allocateReviewTeam(input({ pool, composition: oneProfessional }));
    // Assess
    expect(result.ok && result.team.map((m) => `${m.role}:${m.reviewerId}`)).toEqual(['lead:L1', 'professional:P1', 'expert-by-experience:E1']);
  });

  it('gives the same answer whatever the order of the pool and the dates', () => {
    // Prepare
    const pool = [...basePool(), reviewer('P3', ['professional']), reviewer('L2', ['lead'], { leadTrainingExpiresOn: '2030-01-01' })];
    // Act
    const first = allocateReviewTeam(input({ pool }));
    const second = allocateReviewTeam(input({ pool: [...pool].reverse(), offeredDates: [...DATES].reverse() }));
    // Assess
    expect(second).toEqual(first);
  });
});

describe('Function: allocateCohort', () => {
  it('never books a reviewer twice on one date and spreads the load', () => {
    // Prepare
    const pool = [...basePool(), reviewer('L2', ['lead'], { leadTrainingExpiresOn: '2030-01-01' }), reviewer('P3', ['professional']), reviewer('E2', ['expert-by-experience'])];
    const hosts = [
      { host: { serviceId: 'S-A', organisationId: 'O-A' }, offeredDates: ['2027-03-02'] },
      { host: { serviceId: 'S-B', organisationId: 'O-B' }, offeredDates: ['2027-03-02'] },
    ];
    // Act
    const { results, allocations } = allocateCohort({ hosts, pool, composition });
    // Assess
    expect(results.map((r) => r.result.ok)).toEqual([true, true]);
    const ids = allocations.flatMap((a) => a.team.map((m) => m.reviewerId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('applies the reciprocal rule to teams formed earlier in the same run', () => {
    // Prepare: the only lead works at S-B; once S-B's staff review S-A, nobody from S-A may review S-B.
    const pool = [
      reviewer('LB', ['lead'], { serviceId: 'S-B', leadTrainingExpiresOn: '2030-01-01' }),
      reviewer('LA', ['lead'], { serviceId: 'S-A', leadTrainingExpiresOn: '2030-01-01' }),
      reviewer('P1', ['professional']),
      reviewer('E1', ['expert-by-experience']),
    ];
    const hosts = [
      { host: { serviceId: 'S-A', organisationId: 'O-A' }, offeredDates: ['2027-03-02'] },
      { host: { serviceId: 'S-B', organisationId: 'O-B' }, offeredDates: ['2027-03-03'] },
    ];
    // Act
    const { results } = allocateCohort({ hosts, pool, composition });
    // Assess
    const second = results[1].result;
    expect(second.ok).toBe(false);
    expect(second.ok ? [] : second.exclusions.filter((e) => e.rule === 'reciprocal-review').map((e) => e.reviewerId)).toEqual(['LA']);
  });
});
