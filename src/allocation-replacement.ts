// When an invited reviewer declines (issue 10, defect 3), the visit keeps its date and the rest
// of its team: the decliner is replaced like for like from the pool under the same hard rules
// and load order as the automatic allocation. With no replacement, a team that still meets the
// network's minimum composition carries on without one; only a team below it goes to staff, who
// are told who declined and who was ruled out and why.
import {
  type Bookings,
  type HostService,
  indexOf,
  type Reviewer,
  type TeamMember,
} from './allocation-rules.ts';
import { type Candidate, candidatesOf, type Exclusion, explainExclusions, member, needsOf, pick, rolePoolsOn, type Shortfall, sortTeam } from './allocation.ts';
import type { IsoDate } from './iso-date.ts';
import type { ReviewTeamComposition } from './network-config.ts';
import type { ReviewerRole } from './vocabulary.ts';

interface ReplacementInput {
  host: HostService;
  date: IsoDate;
  /** The invited team, decliners included. */
  team: readonly TeamMember[];
  /** Everyone who declined this visit so far: none of them is asked again. */
  declined: readonly string[];
  pool: readonly Reviewer[];
  /** The cohort's other visits (bookings, reciprocal reviews, load). */
  allocationsThisCycle: Bookings;
  composition: ReviewTeamComposition;
}

type ReplacementResult =
  | { ok: true; team: TeamMember[]; added: TeamMember[]; removed: TeamMember[] }
  | { ok: false; removed: TeamMember[]; exclusions: Exclusion[]; shortfall: Shortfall[] };

const shortOf = (team: readonly TeamMember[], composition: ReviewTeamComposition) =>
  needsOf(composition).filter((need) => team.filter((m) => m.role === need.role).length < need.min);

/** Replaces each decliner on the team from the pool, or says why the team cannot go on. */
const replaceDeclined = (input: ReplacementInput): ReplacementResult => {
  const { host, date, team, composition } = input;
  const declined = new Set(input.declined);
  const removed = team.filter((m) => declined.has(m.reviewerId));
  const kept = team.filter((m) => !declined.has(m.reviewerId));
  const index = indexOf(input.allocationsThisCycle);
  const taken = new Set([...team.map((m) => m.reviewerId), ...declined]);
  const byRole = rolePoolsOn(date, input.pool, index, candidatesOf(host, index));
  const pools = Object.fromEntries(Object.entries(byRole).map(([role, candidates]) => [role, candidates.filter((c) => !taken.has(c.reviewer.id))])) as Record<ReviewerRole, Candidate[]>;
  const organisations = new Set(kept.flatMap((m) => (m.organisationId === undefined ? [] : [m.organisationId])));
  const added = removed.flatMap((leaving) => pick(pools[leaving.role], 1, taken, organisations).map((c) => member(c.reviewer, leaving.role)));
  const next = sortTeam([...kept, ...added]);
  const short = shortOf(next, composition);
  if (short.length === 0) return { ok: true, team: next, added, removed };
  const others = input.pool.filter((reviewer) => !taken.has(reviewer.id));
  return {
    ok: false,
    removed,
    exclusions: explainExclusions(host, [date], others, index),
    shortfall: short.map((need) => ({ date, role: need.role, needed: need.min, available: pools[need.role].length })),
  };
};

export { replaceDeclined };
export type { ReplacementInput, ReplacementResult };
