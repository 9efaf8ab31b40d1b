import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkHandPickedTeam, type HandPickedTeam } from '#core/allocation-check';
import type { Allocation, Reviewer } from '#core/allocation-rules';
import { host, reviewerOn } from './allocation-fixtures.ts';
import { parseNetworkConfig } from '#core/network-config-file';

const DATE = '2027-03-02';
const composition = { leadReviewers: 1, professionalPeers: { min: 1, max: 2 }, expertsByExperience: 1 };

const reviewer = reviewerOn([DATE]);

const pool = (lead: Partial<Reviewer> = {}): Reviewer[] => [
  reviewer('L1', ['lead', 'professional'], { leadTrainingExpiresOn: '2028-01-01', ...lead }),
  reviewer('P1', ['professional']),
  reviewer('E1', ['expert-by-experience'], { serviceId: undefined, organisationId: undefined }),
];

const TEAM = [
  { reviewerId: 'L1', role: 'lead' },
  { reviewerId: 'P1', role: 'professional' },
  { reviewerId: 'E1', role: 'expert-by-experience' },
] as const;

const input = (overrides: Partial<HandPickedTeam> = {}): HandPickedTeam => ({
  host,
  date: DATE,
  team: TEAM,
  pool: pool(),
  allocationsThisCycle: [],
  composition,
  overridableRules: [],
  ...overrides,
});

const otherVisit = (team: Allocation['team']): Allocation => ({ hostServiceId: 'S-X', hostOrganisationId: 'O-X', date: DATE, team });

describe('Function: checkHandPickedTeam', () => {
  it('accepts a team that keeps every rule, with each member\'s service and organisation', () => {
    // Act
    const result = checkHandPickedTeam(input());
    // Assess
    expect(result).toEqual({
      ok: true,
      team: [
        { reviewerId: 'L1', role: 'lead', serviceId: 'S-L1', organisationId: 'O-L1' },
        { reviewerId: 'P1', role: 'professional', serviceId: 'S-P1', organisationId: 'O-P1' },
        { reviewerId: 'E1', role: 'expert-by-experience' },
      ],
      overridden: [],
    });
  });

  it.each([
    ['same-organisation', { organisationId: 'O-H' }, []],
    ['host-service', { serviceId: 'S-H' }, []],
    ['declared-conflict', { conflicts: ['O-H'] }, []],
    ['lead-training', { leadTrainingExpiresOn: '2027-03-01' }, []],
    ['lead-training', { leadTrainingExpiresOn: undefined }, []],
    ['not-available', { availableOn: [] }, []],
    ['already-booked', {}, [otherVisit([{ reviewerId: 'L1', role: 'lead' }])]],
    ['reciprocal-review', {}, [{ hostServiceId: 'S-L1', hostOrganisationId: 'O-L1', date: '2027-02-01', team: [{ reviewerId: 'R9', role: 'professional', serviceId: 'S-H' }] }]],
  ] as [string, Partial<Reviewer>, Allocation[]][])('refuses a lead who breaks %s (%j), naming the reviewer and the rule', (rule, lead, allocationsThisCycle) => {
    // Act
    const result = checkHandPickedTeam(input({ pool: pool(lead), allocationsThisCycle }));
    // Assess
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.breaches).toContainEqual(expect.objectContaining({ index: 0, reviewerId: 'L1', rule, overridable: false }));
  });

  it('does not hold a professional peer to lead training', () => {
    // Prepare
    const team = [{ reviewerId: 'L2', role: 'lead' }, { reviewerId: 'L1', role: 'professional' }, TEAM[2]] as const;
    const untrained = [...pool({ leadTrainingExpiresOn: undefined }), reviewer('L2', ['lead'], { leadTrainingExpiresOn: '2030-01-01' })];
    // Act
    const result = checkHandPickedTeam(input({ pool: untrained, team }));
    // Assess
    expect(result.ok).toBe(true);
  });

  it.each([
    ['no lead', [TEAM[1], TEAM[2]], 'lead reviewer'],
    ['no expert by experience', [TEAM[0], TEAM[1]], 'expert(s) by experience'],
    ['no professional peer', [TEAM[0], TEAM[2]], 'professional peer'],
  ] as const)('refuses a team with %s (team composition)', (_label, team, words) => {
    // Act
    const result = checkHandPickedTeam(input({ team }));
    // Assess
    expect(result.ok ? [] : result.breaches).toEqual([expect.objectContaining({ rule: 'team-composition', detail: expect.stringContaining(words) })]);
  });

  it.each([
    ['not-in-pool', [{ reviewerId: 'NOPE', role: 'lead' }, TEAM[1], TEAM[2]]],
    ['role-not-held', [TEAM[0], { reviewerId: 'P1', role: 'lead' }, TEAM[2]]],
    ['named-twice', [...TEAM, TEAM[1]]],
  ] as const)('refuses a team whose member is %s', (rule, team) => {
    // Act
    const result = checkHandPickedTeam(input({ team, overridableRules: ['team-composition'] }));
    // Assess
    expect(result.ok ? [] : result.breaches.map((breach) => breach.rule)).toContain(rule);
  });

  it('lets an overridable rule be broken with a reason, and says which and why', () => {
    // Prepare
    const overrides = [{ reviewerId: 'L1', rule: 'same-organisation' as const, reason: 'Only lead with ECT experience; different site' }];
    // Act
    const result = checkHandPickedTeam(input({ pool: pool({ organisationId: 'O-H' }), overridableRules: ['same-organisation'], overrides }));
    // Assess
    expect(result).toMatchObject({
      ok: true,
      overridden: [{ reviewerId: 'L1', rule: 'same-organisation', reason: 'Only lead with ECT experience; different site', detail: expect.stringContaining('O-H') }],
    });
  });

  it.each([
    ['the rule is not overridable in this network', [], [{ reviewerId: 'L1', rule: 'same-organisation' as const, reason: 'Needed' }]],
    ['no override is given', ['same-organisation' as const], []],
    ['the override has no reason', ['same-organisation' as const], [{ reviewerId: 'L1', rule: 'same-organisation' as const, reason: ' ' }]],
    ['the override names another reviewer', ['same-organisation' as const], [{ reviewerId: 'P1', rule: 'same-organisation' as const, reason: 'Needed' }]],
  ])('still refuses when %s', (_label, overridableRules, overrides) => {
    // Act
    const result = checkHandPickedTeam(input({ pool: pool({ organisationId: 'O-H' }), overridableRules, overrides }));
    // Assess
    expect(result.ok ? [] : result.breaches).toEqual([expect.objectContaining({ reviewerId: 'L1', rule: 'same-organisation' })]);
  });

  it('never lets one visit per day be broken by an override of another rule', () => {
    // Prepare
    const allocationsThisCycle = [otherVisit([{ reviewerId: 'L1', role: 'lead' }])];
    const overrides = [{ reviewerId: 'L1', rule: 'same-organisation' as const, reason: 'Agreed' }];
    // Act
    const result = checkHandPickedTeam(input({ pool: pool({ organisationId: 'O-H' }), allocationsThisCycle, overridableRules: ['same-organisation'], overrides }));
    // Assess
    expect(result.ok ? [] : result.breaches.map((breach) => breach.rule)).toEqual(['already-booked']);
  });
});

describe('Network config: reviewTeam.overridableRules', () => {
  const example = readFileSync(new URL('../../../examples/networks/ccqi-accreditation-example/network.yaml', import.meta.url), 'utf8');

  it('overrides nothing unless the network lists rules', () => {
    // Act
    const config = parseNetworkConfig(example, 'network.yaml');
    // Assess
    expect(config.reviewTeam.overridableRules).toEqual([]);
  });

  it.each([
    [['same-organisation', 'team-composition'], undefined],
    [['not-a-rule'], 'reviewTeam.overridableRules.0'],
  ])('reads %j (error at %s)', (rules, errorPath) => {
    // Prepare
    const text = example.replace('  expertsByExperience: 1\n', `  expertsByExperience: 1\n  overridableRules: [${rules.join(', ')}]\n`);
    // Act
    const parse = () => parseNetworkConfig(text, 'network.yaml');
    // Assess
    if (errorPath === undefined) expect(parse().reviewTeam.overridableRules).toEqual(rules);
    else expect(parse).toThrow(errorPath);
  });
});
