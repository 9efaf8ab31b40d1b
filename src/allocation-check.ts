// A team picked by hand (network staff, when no conflict-free team could be found) is held to
// the same hard rules as an automatic one (issue 10, defect 1): conflicts of interest, one visit
// per reviewer per day, lead training, availability and the network's team composition. Only a
// rule the network lists as overridable may be broken, and only with a reason, which the audit
// keeps with what was excluded and why.
import {
  type AllocationIndex,
  type Bookings,
  type Exclusion,
  HardRule,
  type HostService,
  indexOf,
  type Reviewer,
  reviewerExclusions,
  type TeamMember,
} from './allocation-rules.ts';
import { member } from './allocation.ts';
import type { IsoDate } from './iso-date.ts';
import type { ReviewTeamComposition } from './network-config.ts';
import { ReviewerRole } from './vocabulary.ts';

/** What a hand-picked team can break besides the hard rules; never overridable. */
const TeamIssue = {
  NotInPool: 'not-in-pool',
  RoleNotHeld: 'role-not-held',
  NamedTwice: 'named-twice',
} as const;
type TeamIssue = (typeof TeamIssue)[keyof typeof TeamIssue];

interface TeamBreach {
  /** The team member's position in the request, when the breach is about one member. */
  index?: number;
  reviewerId?: string;
  rule: HardRule | TeamIssue;
  detail: string;
  overridable: boolean;
}

interface RuleOverride {
  /** Omitted for a rule about the whole team (team composition). */
  reviewerId?: string;
  rule: HardRule;
  reason: string;
}

interface HandPickedTeam {
  host: HostService;
  date: IsoDate;
  team: readonly { reviewerId: string; role: ReviewerRole }[];
  pool: readonly Reviewer[];
  allocationsThisCycle: Bookings;
  composition: ReviewTeamComposition;
  /** The rules this network lets staff override (network config `reviewTeam.overridableRules`). */
  overridableRules: readonly HardRule[];
  overrides?: readonly RuleOverride[];
}

type HandPickedTeamCheck =
  | { ok: true; team: TeamMember[]; overridden: (TeamBreach & { reason: string })[] }
  | { ok: false; breaches: TeamBreach[] };

/** The hard rules that rule this member out in this role on the date. */
const memberExclusions = (reviewer: Reviewer, role: ReviewerRole, input: HandPickedTeam, index: AllocationIndex): Exclusion[] =>
  reviewerExclusions(reviewer, input.host, [input.date], index).filter((exclusion) => exclusion.rule !== HardRule.LeadTraining || role === ReviewerRole.Lead);

const countOf = (team: HandPickedTeam['team'], role: ReviewerRole): number => team.filter((m) => m.role === role).length;

/** The network's numbers per role, as the automatic allocation fills them. */
const compositionDetails = (team: HandPickedTeam['team'], composition: ReviewTeamComposition): string[] => {
  const leads = countOf(team, ReviewerRole.Lead);
  const experts = countOf(team, ReviewerRole.ExpertByExperience);
  const peers = countOf(team, ReviewerRole.Professional);
  const { min, max } = composition.professionalPeers;
  return [
    ...(leads === composition.leadReviewers ? [] : [`the team has ${leads} lead reviewer(s); the network needs ${composition.leadReviewers}`]),
    ...(experts === composition.expertsByExperience ? [] : [`the team has ${experts} expert(s) by experience; the network needs ${composition.expertsByExperience}`]),
    ...(peers >= min && peers <= max ? [] : [`the team has ${peers} professional peer(s); the network needs ${min} to ${max}`]),
  ];
};

const memberBreaches = (input: HandPickedTeam, index: AllocationIndex): TeamBreach[] => {
  const pool = new Map(input.pool.map((reviewer) => [reviewer.id, reviewer]));
  const overridable = new Set(input.overridableRules);
  const seen = new Set<string>();
  return input.team.flatMap(({ reviewerId, role }, index_): TeamBreach[] => {
    const at = { index: index_, reviewerId };
    if (seen.has(reviewerId)) return [{ ...at, rule: TeamIssue.NamedTwice, detail: `${reviewerId} is named twice`, overridable: false }];
    seen.add(reviewerId);
    const reviewer = pool.get(reviewerId);
    if (reviewer === undefined) return [{ ...at, rule: TeamIssue.NotInPool, detail: `${reviewerId} is not in the network's reviewer pool`, overridable: false }];
    if (!reviewer.roles.includes(role)) return [{ ...at, rule: TeamIssue.RoleNotHeld, detail: `${reviewerId} is not a ${role} reviewer`, overridable: false }];
    return memberExclusions(reviewer, role, input, index).map(({ rule, detail }) => ({ ...at, rule, detail: `${reviewerId} ${detail}`, overridable: overridable.has(rule) }));
  });
};

const overrideFor = (breach: TeamBreach, overrides: readonly RuleOverride[]): RuleOverride | undefined =>
  overrides.find((o) => o.rule === breach.rule && o.reviewerId === breach.reviewerId && o.reason.trim() !== '');

/**
 * Checks staff's team against every hard rule. A breach is accepted only when its rule is
 * overridable in this network and staff gave an override with a reason for it.
 */
const checkHandPickedTeam = (input: HandPickedTeam): HandPickedTeamCheck => {
  const index = indexOf(input.allocationsThisCycle);
  const breaches = [
    ...memberBreaches(input, index),
    ...compositionDetails(input.team, input.composition).map((detail) => ({
      rule: HardRule.TeamComposition,
      detail,
      overridable: input.overridableRules.includes(HardRule.TeamComposition),
    })),
  ];
  const overrides = input.overrides ?? [];
  const refused = breaches.filter((breach) => !breach.overridable || overrideFor(breach, overrides) === undefined);
  if (refused.length > 0) return { ok: false, breaches: refused };
  const pool = new Map(input.pool.map((reviewer) => [reviewer.id, reviewer]));
  return {
    ok: true,
    team: input.team.map(({ reviewerId, role }) => member(pool.get(reviewerId) as Reviewer, role)),
    overridden: breaches.map((breach) => ({ ...breach, reason: (overrideFor(breach, overrides) as RuleOverride).reason })),
  };
};

export { checkHandPickedTeam, TeamIssue };
export type { HandPickedTeam, HandPickedTeamCheck, RuleOverride, TeamBreach };
