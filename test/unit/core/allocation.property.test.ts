// Property-based: across random pools, hosts and earlier allocations, no team ever breaks
// a hard rule. The checker below restates the rules independently of src/allocation-rules.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCohort, allocateReviewTeam } from '#core/allocation';
import type { Allocation, HostService, Reviewer } from '#core/allocation-rules';

const DATES = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'];
const ORGS = ['O1', 'O2', 'O3', 'O4'];
const SERVICES = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];

const reviewerArb = (id: string): fc.Arbitrary<Reviewer> =>
  fc.record({
    id: fc.constant(id),
    serviceId: fc.option(fc.constantFrom(...SERVICES), { nil: undefined }),
    organisationId: fc.option(fc.constantFrom(...ORGS), { nil: undefined }),
    roles: fc.subarray(['lead', 'professional', 'expert-by-experience'] as const, { minLength: 1 }),
    leadTrainingExpiresOn: fc.option(fc.constantFrom('2027-02-28', ...DATES, '2028-01-01'), { nil: undefined }),
    availableOn: fc.subarray(DATES),
    conflicts: fc.subarray([...SERVICES, ...ORGS], { maxLength: 2 }),
    reviewsThisYear: fc.nat(4),
  });

const poolArb = fc.integer({ min: 0, max: 25 }).chain((size) => fc.tuple(...Array.from({ length: size }, (_, i) => reviewerArb(`R${String(i).padStart(2, '0')}`))));
const hostArb: fc.Arbitrary<HostService> = fc.record({ serviceId: fc.constantFrom(...SERVICES), organisationId: fc.constantFrom(...ORGS) });
const compositionArb = fc.record({
  leadReviewers: fc.integer({ min: 1, max: 2 }),
  professionalPeers: fc.integer({ min: 0, max: 2 }).chain((min) => fc.record({ min: fc.constant(min), max: fc.integer({ min, max: 3 }) })),
  expertsByExperience: fc.integer({ min: 0, max: 1 }),
});

const earlierArb = (pool: Reviewer[]): fc.Arbitrary<Allocation[]> =>
  pool.length === 0
    ? fc.constant([])
    : fc.array(
        fc.record({
          hostServiceId: fc.constantFrom(...SERVICES),
          hostOrganisationId: fc.constantFrom(...ORGS),
          date: fc.constantFrom(...DATES),
          team: fc.subarray(pool, { minLength: 1, maxLength: Math.min(3, pool.length) }).map((members) =>
            members.map((r) => ({ reviewerId: r.id, role: r.roles[0], serviceId: r.serviceId, organisationId: r.organisationId })),
          ),
        }),
        { maxLength: 4 },
      );

/** Every hard-rule breach of `allocation`, judged against the allocations made before it. */
const breaches = (allocation: Allocation, host: HostService, offeredDates: string[], pool: Reviewer[], before: Allocation[], composition: { leadReviewers: number; professionalPeers: { min: number; max: number }; expertsByExperience: number }): string[] => {
  const found: string[] = [];
  const byId = new Map(pool.map((r) => [r.id, r]));
  const count = (role: string) => allocation.team.filter((m) => m.role === role).length;
  if (!offeredDates.includes(allocation.date)) found.push('date not offered');
  if (count('lead') !== composition.leadReviewers) found.push('lead count');
  if (count('expert-by-experience') !== composition.expertsByExperience) found.push('expert count');
  if (count('professional') < composition.professionalPeers.min || count('professional') > composition.professionalPeers.max) found.push('professional count');
  if (new Set(allocation.team.map((m) => m.reviewerId)).size !== allocation.team.length) found.push('reviewer twice in one team');
  for (const member of allocation.team) {
    const r = byId.get(member.reviewerId);
    if (r === undefined) {
      found.push(`${member.reviewerId} not in pool`);
      continue;
    }
    if (!r.roles.includes(member.role)) found.push(`${r.id} lacks role ${member.role}`);
    if (r.organisationId !== undefined && r.organisationId === host.organisationId) found.push(`${r.id} host organisation`);
    if (r.serviceId !== undefined && r.serviceId === host.serviceId) found.push(`${r.id} host service`);
    if (r.conflicts?.some((c) => c === host.serviceId || c === host.organisationId)) found.push(`${r.id} declared conflict`);
    if (r.availableOn?.includes(allocation.date) !== true) found.push(`${r.id} unavailable`);
    if (before.some((a) => a.date === allocation.date && a.team.some((m) => m.reviewerId === r.id))) found.push(`${r.id} double-booked`);
    if (member.role === 'lead' && (r.leadTrainingExpiresOn === undefined || r.leadTrainingExpiresOn < allocation.date)) found.push(`${r.id} lead untrained`);
    if (r.serviceId !== undefined && before.some((a) => a.hostServiceId === r.serviceId && a.team.some((m) => m.serviceId === host.serviceId))) found.push(`${r.id} reciprocal`);
  }
  return found;
};

describe('Property: allocateReviewTeam never breaks a hard rule', () => {
  it('for any pool, host, offered dates and earlier allocations', () => {
    fc.assert(
      fc.property(
        poolArb.chain((pool) => fc.tuple(fc.constant(pool), earlierArb(pool))),
        hostArb,
        fc.subarray(DATES, { minLength: 1, maxLength: 3 }),
        compositionArb,
        ([pool, allocationsThisCycle], host, offeredDates, composition) => {
          // Act
          const result = allocateReviewTeam({ host, offeredDates, pool, allocationsThisCycle, composition });
          // Assess
          if (result.ok) {
            const allocation = { hostServiceId: host.serviceId, hostOrganisationId: host.organisationId, date: result.date, team: result.team };
            expect(breaches(allocation, host, offeredDates, pool, allocationsThisCycle, composition)).toEqual([]);
          } else {
            expect(new Set(result.shortfall.map((s) => s.date))).toEqual(new Set(offeredDates));
          }
        },
      ),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('is deterministic: the same inputs in another order give the same team', () => {
    fc.assert(
      fc.property(poolArb, hostArb, fc.subarray(DATES, { minLength: 1 }), compositionArb, (pool, host, offeredDates, composition) => {
        // Act
        const first = allocateReviewTeam({ host, offeredDates, pool, allocationsThisCycle: [], composition });
        const second = allocateReviewTeam({ host, offeredDates: [...offeredDates].reverse(), pool: [...pool].reverse(), allocationsThisCycle: [], composition });
        // Assess
        expect(second).toEqual(first);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('Property: allocateCohort never breaks a hard rule across a cohort', () => {
  it('each team keeps the rules against every team formed before it', () => {
    fc.assert(
      fc.property(
        poolArb,
        fc.array(fc.record({ host: hostArb, offeredDates: fc.subarray(DATES, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 8 }),
        compositionArb,
        (pool, hosts, composition) => {
          // Act
          const { results, allocations } = allocateCohort({ hosts, pool, composition });
          // Assess
          const made: Allocation[] = [];
          results.forEach(({ host, result }, i) => {
            if (!result.ok) return;
            const allocation = allocations[made.length];
            expect(allocation.hostServiceId).toBe(host.serviceId);
            expect(breaches(allocation, host, [...hosts[i].offeredDates], pool, made, composition)).toEqual([]);
            made.push(allocation);
          });
          expect(made).toHaveLength(allocations.length);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});

describe('Property: allocateCohort gives the teams allocateReviewTeam gives host by host', () => {
  it('same team, date, shortfall and exclusions for every host, after any earlier allocations', () => {
    fc.assert(
      fc.property(
        poolArb.chain((pool) => fc.tuple(fc.constant(pool), earlierArb(pool))),
        fc.array(fc.record({ host: hostArb, offeredDates: fc.subarray(DATES, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 12 }),
        compositionArb,
        ([pool, allocationsThisCycle], hosts, composition) => {
          // Prepare: the scan, one host at a time, each team counted before the next
          const expected: ReturnType<typeof allocateReviewTeam>[] = [];
          const made: Allocation[] = [...allocationsThisCycle];
          for (const { host, offeredDates } of hosts) {
            const result = allocateReviewTeam({ host, offeredDates, pool, allocationsThisCycle: made, composition });
            expected.push(result);
            if (result.ok) made.push({ hostServiceId: host.serviceId, hostOrganisationId: host.organisationId, date: result.date, team: result.team });
          }
          // Act
          const { results, allocations } = allocateCohort({ hosts, pool, composition, allocationsThisCycle });
          // Assess
          expect(results.map(({ result }) => result)).toEqual(expected);
          expect(allocations).toEqual(made);
        },
      ),
      { numRuns: 600, seed: 20261202 },
    );
  });
});
