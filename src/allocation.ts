// Review-team allocation. Hard rules (allocation-rules.ts) are never broken; among the
// teams that keep them, the soft rules balance load across reviewers and organisations and
// pick the offered date that gives the best team. Deterministic: every tie breaks on ids,
// never on chance, so the same inputs always give the same team.
import {
  type Allocation,
  type AllocationIndex,
  type Bookings,
  type Exclusion,
  type HardRule,
  type HostService,
  indexAllocations,
  indexOf,
  leadTrained,
  passesHostRules,
  type Reviewer,
  reviewerExclusions,
  type TeamMember,
} from './allocation-rules.ts';
import { AllocationQueues, type RoleView } from './allocation-queues.ts';
import type { IsoDate } from './iso-date.ts';
import type { ReviewTeamComposition } from './network-config.ts';
import { isAvailableOn } from './reviewer-availability.ts';
import { ReviewerRole } from './vocabulary.ts';

interface Shortfall {
  date: IsoDate;
  role: ReviewerRole;
  needed: number;
  /** Reviewers eligible for the role on the date (some may already be placed in another role). */
  available: number;
}

type AllocationResult = { ok: true; date: IsoDate; team: TeamMember[] } | { ok: false; exclusions: Exclusion[]; shortfall: Shortfall[] };

interface AllocateInput {
  host: HostService;
  offeredDates: readonly IsoDate[];
  pool: readonly Reviewer[];
  allocationsThisCycle: Bookings;
  composition: ReviewTeamComposition;
}

interface Candidate {
  reviewer: Reviewer;
  /** Reviews this year plus visits this cycle: lower is picked first. */
  load: number;
  organisationLoad: number;
}

const byLoad = (a: Candidate, b: Candidate): number =>
  a.load - b.load || a.organisationLoad - b.organisationLoad || (a.reviewer.id < b.reviewer.id ? -1 : a.reviewer.id > b.reviewer.id ? 1 : 0);

const needsOf = (composition: ReviewTeamComposition): { role: ReviewerRole; min: number; max: number }[] => [
  { role: ReviewerRole.Lead, min: composition.leadReviewers, max: composition.leadReviewers },
  { role: ReviewerRole.ExpertByExperience, min: composition.expertsByExperience, max: composition.expertsByExperience },
  { role: ReviewerRole.Professional, min: composition.professionalPeers.min, max: composition.professionalPeers.max },
];

/** Up to `max` picks, each the one `nextOf` names; every pick joins the taken ids and the team's organisations. */
const pickEach = (max: number, taken: Set<string>, organisations: Set<string>, nextOf: () => Candidate | undefined): Candidate[] => {
  const chosen: Candidate[] = [];
  while (chosen.length < max) {
    const next = nextOf();
    if (next === undefined) break;
    chosen.push(next);
    taken.add(next.reviewer.id);
    if (next.reviewer.organisationId !== undefined) organisations.add(next.reviewer.organisationId);
  }
  return chosen;
};

const isNewOrganisation = (c: Candidate, organisations: Set<string>): boolean => c.reviewer.organisationId === undefined || !organisations.has(c.reviewer.organisationId);

/**
 * Picks up to `max` in load order, preferring reviewers from an organisation not yet on the team
 * (spreads the load across organisations). Selects the least-loaded each time instead of
 * sorting the whole pool: a team needs a handful out of hundreds (issue 14).
 */
const pick = (candidates: readonly Candidate[], max: number, taken: Set<string>, organisations: Set<string>): Candidate[] =>
  pickEach(max, taken, organisations, () => {
    let fallback: Candidate | undefined;
    let next: Candidate | undefined;
    for (const c of candidates) {
      if (taken.has(c.reviewer.id)) continue;
      if (fallback === undefined || byLoad(c, fallback) < 0) fallback = c;
      if (isNewOrganisation(c, organisations) && (next === undefined || byLoad(c, next) < 0)) next = c;
    }
    return next ?? fallback;
  });

/** `pick` over candidates already in load order, read from the front only as far as needed. */
const pickInOrder = (view: RoleView, max: number, taken: Set<string>, organisations: Set<string>): Candidate[] =>
  pickEach(max, taken, organisations, () => {
    let fallback: Candidate | undefined;
    for (let position = 0; ; position += 1) {
      const c = view.at(position);
      if (c === undefined) return fallback;
      if (taken.has(c.reviewer.id)) continue;
      fallback ??= c;
      if (isNewOrganisation(c, organisations)) return c;
    }
  });

/** One role's candidates on a date, however they are held: how many, and picking from them. */
interface RolePicker {
  size: number;
  pick: (max: number, taken: Set<string>, organisations: Set<string>) => Candidate[];
}
type RolePickers = Record<ReviewerRole, RolePicker>;

const fromLists = (pools: Record<ReviewerRole, Candidate[]>): RolePickers => {
  const picker = (candidates: Candidate[]): RolePicker => ({ size: candidates.length, pick: (max, taken, organisations) => pick(candidates, max, taken, organisations) });
  return { [ReviewerRole.Lead]: picker(pools[ReviewerRole.Lead]), [ReviewerRole.ExpertByExperience]: picker(pools[ReviewerRole.ExpertByExperience]), [ReviewerRole.Professional]: picker(pools[ReviewerRole.Professional]) };
};

const fromViews = (views: Record<ReviewerRole, RoleView>): RolePickers => {
  const picker = (view: RoleView): RolePicker => ({ size: view.size, pick: (max, taken, organisations) => pickInOrder(view, max, taken, organisations) });
  return { [ReviewerRole.Lead]: picker(views[ReviewerRole.Lead]), [ReviewerRole.ExpertByExperience]: picker(views[ReviewerRole.ExpertByExperience]), [ReviewerRole.Professional]: picker(views[ReviewerRole.Professional]) };
};

interface DateAttempt {
  date: IsoDate;
  team?: TeamMember[];
  load: number;
  shortfall: Shortfall[];
}

/** A team member as allocations record them: their home service and organisation travel with them (reciprocal-review rule). */
const member = (reviewer: Reviewer, role: ReviewerRole): TeamMember => ({
  reviewerId: reviewer.id,
  role,
  ...(reviewer.serviceId === undefined ? {} : { serviceId: reviewer.serviceId }),
  ...(reviewer.organisationId === undefined ? {} : { organisationId: reviewer.organisationId }),
});

const availabilityByPool = new WeakMap<readonly Reviewer[], Map<IsoDate, Reviewer[]>>();
/**
 * The pool's reviewers free on the date, in pool order. Kept per pool array and date (a cohort asks
 * the same pool about every host, on a few dozen distinct dates), so each date is worked out once.
 */
const freeOn = (pool: readonly Reviewer[], date: IsoDate): readonly Reviewer[] => {
  let byDate = availabilityByPool.get(pool);
  if (byDate === undefined) {
    byDate = new Map();
    availabilityByPool.set(pool, byDate);
  }
  let free = byDate.get(date);
  if (free === undefined) {
    free = pool.filter((reviewer) => isAvailableOn(reviewer, date));
    byDate.set(date, free);
  }
  return free;
};

/** The host's candidates with their load, each reviewer judged against the host's rules once. */
const candidatesOf = (host: HostService, index: AllocationIndex): ((reviewer: Reviewer) => Candidate | undefined) => {
  const seen = new Map<Reviewer, Candidate | undefined>();
  return (reviewer) => {
    if (seen.has(reviewer)) return seen.get(reviewer);
    const candidate = passesHostRules(reviewer, host, index)
      ? {
          reviewer,
          load: reviewer.reviewsThisYear + (index.visitsByReviewer.get(reviewer.id) ?? 0),
          organisationLoad: reviewer.organisationId === undefined ? 0 : (index.placesByOrganisation.get(reviewer.organisationId) ?? 0),
        }
      : undefined;
    seen.set(reviewer, candidate);
    return candidate;
  };
};

/** For each role, the host's candidates who could take it on the date: free, not booked elsewhere, and (lead) trained. */
const rolePoolsOn = (date: IsoDate, pool: readonly Reviewer[], index: AllocationIndex, candidateOf: (reviewer: Reviewer) => Candidate | undefined): Record<ReviewerRole, Candidate[]> => {
  const pools: Record<ReviewerRole, Candidate[]> = { [ReviewerRole.Lead]: [], [ReviewerRole.ExpertByExperience]: [], [ReviewerRole.Professional]: [] };
  const booked = index.bookedOn.get(date);
  for (const reviewer of freeOn(pool, date)) {
    if (booked?.has(reviewer.id) === true) continue;
    const c = candidateOf(reviewer);
    if (c === undefined) continue;
    const { roles } = reviewer;
    if (roles.includes(ReviewerRole.Lead) && leadTrained(reviewer, date)) pools[ReviewerRole.Lead].push(c);
    if (roles.includes(ReviewerRole.ExpertByExperience)) pools[ReviewerRole.ExpertByExperience].push(c);
    if (roles.includes(ReviewerRole.Professional)) pools[ReviewerRole.Professional].push(c);
  }
  return pools;
};

const roleOrder = Object.values(ReviewerRole);
/** Lead first, then professional peers, then experts by experience; by id within a role. */
const sortTeam = (team: TeamMember[]): TeamMember[] =>
  team.sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || (a.reviewerId < b.reviewerId ? -1 : 1));

const tryDate = (date: IsoDate, pools: RolePickers, composition: ReviewTeamComposition): DateAttempt => {
  // Scarcest role first, so a reviewer holding two roles is not spent where plenty of others
  // could serve; a role that cannot be filled at all goes last, so the shortfall names it alone.
  const slack = (need: { role: ReviewerRole; min: number }) => pools[need.role].size - need.min;
  const needs = needsOf(composition).sort((a, b) => Number(slack(a) < 0) - Number(slack(b) < 0) || slack(a) - slack(b));
  const taken = new Set<string>();
  const organisations = new Set<string>();
  const team: TeamMember[] = [];
  const shortfall: Shortfall[] = [];
  let load = 0;
  for (const need of needs) {
    const chosen = pools[need.role].pick(need.max, taken, organisations);
    if (chosen.length < need.min) shortfall.push({ date, role: need.role, needed: need.min, available: pools[need.role].size });
    for (const c of chosen) {
      team.push(member(c.reviewer, need.role));
      load += c.load;
    }
  }
  sortTeam(team);
  return shortfall.length === 0 ? { date, team, load, shortfall } : { date, load, shortfall };
};

/** Every reason each reviewer was ruled out, so staff can see what to change. */
const explainExclusions = (host: HostService, dates: readonly IsoDate[], pool: readonly Reviewer[], index: AllocationIndex): Exclusion[] =>
  [...pool].sort((a, b) => (a.id < b.id ? -1 : 1)).flatMap((reviewer) => reviewerExclusions(reviewer, host, dates, index));

/** Best date: the fullest team, then the least-loaded one, then the earliest date. */
const bestOf = (attempts: DateAttempt[]): DateAttempt | undefined =>
  attempts.filter((attempt) => attempt.team !== undefined).sort((a, b) => b.team!.length - a.team!.length || a.load - b.load || (a.date < b.date ? -1 : 1))[0];

const outcome = (host: HostService, dates: readonly IsoDate[], pool: readonly Reviewer[], index: AllocationIndex, attempts: DateAttempt[]): AllocationResult => {
  const best = bestOf(attempts);
  if (best !== undefined) return { ok: true, date: best.date, team: best.team! };
  return { ok: false, exclusions: explainExclusions(host, dates, pool, index), shortfall: attempts.flatMap((attempt) => attempt.shortfall) };
};

const offered = (offeredDates: readonly IsoDate[]): IsoDate[] => [...new Set(offeredDates)].sort();

const allocateWithIndex = ({ host, offeredDates, pool, composition }: Omit<AllocateInput, 'allocationsThisCycle'>, index: AllocationIndex): AllocationResult => {
  const dates = offered(offeredDates);
  const candidateOf = candidatesOf(host, index);
  return outcome(host, dates, pool, index, dates.map((date) => tryDate(date, fromLists(rolePoolsOn(date, pool, index, candidateOf)), composition)));
};

/** One host. Returns a team that keeps every hard rule, or why none could be formed. */
const allocateReviewTeam = ({ allocationsThisCycle, ...input }: AllocateInput): AllocationResult =>
  allocateWithIndex(input, indexOf(allocationsThisCycle));

interface CohortHost {
  host: HostService;
  offeredDates: readonly IsoDate[];
}

interface CohortInput {
  hosts: readonly CohortHost[];
  pool: readonly Reviewer[];
  composition: ReviewTeamComposition;
  allocationsThisCycle?: readonly Allocation[];
}

/**
 * A whole cohort in the order given; each team found counts in the load and bookings of the next.
 * The same teams as allocating each host in turn with allocateReviewTeam, from queues per date and
 * role instead of a scan of the pool per host (allocation-queues.ts).
 */
const allocateCohort = ({ hosts, pool, composition, allocationsThisCycle = [] }: CohortInput): { results: { host: HostService; result: AllocationResult }[]; allocations: Allocation[] } => {
  const index = indexAllocations(allocationsThisCycle);
  const queues = new AllocationQueues(pool, index);
  const allocations = [...allocationsThisCycle];
  const results = hosts.map(({ host, offeredDates }) => {
    const dates = offered(offeredDates);
    const forHost = queues.forHost(host, dates);
    const attempts = dates.map((date) => tryDate(date, fromViews(forHost.on(date)), composition));
    forHost.release();
    const result = outcome(host, dates, pool, index, attempts);
    if (result.ok) {
      const allocation = { hostServiceId: host.serviceId, hostOrganisationId: host.organisationId, date: result.date, team: result.team };
      allocations.push(allocation);
      queues.add(allocation);
    }
    return { host, result };
  });
  return { results, allocations };
};

/** Reviewers ruled out per rule (each reviewer counted once per rule), for a one-line summary to staff. */
const countExclusionsByRule = (exclusions: readonly Exclusion[]): Partial<Record<HardRule, number>> => {
  const seen = new Map<HardRule, Set<string>>();
  for (const { rule, reviewerId } of exclusions) seen.set(rule, (seen.get(rule) ?? new Set()).add(reviewerId));
  return Object.fromEntries([...seen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, ids]) => [rule, ids.size]));
};

export { allocateCohort, allocateReviewTeam, candidatesOf, countExclusionsByRule, explainExclusions, member, needsOf, pick, rolePoolsOn, sortTeam };
export type { AllocateInput, AllocationResult, Candidate, CohortHost, CohortInput, Exclusion, Shortfall };
