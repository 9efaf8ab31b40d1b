// What every allocation decision about one cycle reads: the host, the network's reviewer pool and
// the facts of the cohort's other visits that bear on the days considered (data/bookings.ts: read by
// key, so an allocation's reads do not grow with the cohort, issue 14). The workflow step, the API's
// check of a hand-picked team and the candidate list for staff load them here, so the three see the
// same facts.
import type { AllocationIndex, HostService } from '#core/allocation-rules';
import type { HardRule } from '#core/allocation-rules';
import type { CycleRecord, NetworkRecord, PoolReviewer } from './records.ts';
import { bookingIndex } from '../data/bookings.ts';
import type { Visit } from '../data/bookings.ts';
import { poolForAllocation } from '../data/reviewer-pool.ts';

interface AllocationInputs {
  host: HostService;
  reviewers: PoolReviewer[];
  pool: ReadonlyMap<string, PoolReviewer>;
  /** The cohort's other visits, as far as the rules need them for these days. */
  allocationsThisCycle: AllocationIndex;
  /** The cycle the bookings are written for. */
  visit: Visit;
}

/** A service enrolled without an organisation is its own organisation. */
const hostOf = (cycle: CycleRecord): HostService => ({ serviceId: cycle.serviceId, organisationId: cycle.organisationId ?? cycle.serviceId });

const visitOf = (cycle: CycleRecord): Visit => {
  const host = hostOf(cycle);
  return { networkId: cycle.networkId, cohortId: cycle.cohortId, cycleId: cycle.cycleId, hostServiceId: host.serviceId, hostOrganisationId: host.organisationId };
};

/** The pool once, and the bookings of the days the decision is about (the offered dates, or the visit date); `consistent` after a refused write. */
const loadAllocationInputs = async (cycle: CycleRecord, dates: readonly string[], options: { consistent?: boolean } = {}): Promise<AllocationInputs> => {
  const visit = visitOf(cycle);
  const { reviewers, visits } = await poolForAllocation(cycle.networkId, cycle.cohortId);
  const allocationsThisCycle = await bookingIndex(visit, dates, reviewers, visits, options);
  return { host: hostOf(cycle), reviewers, pool: new Map(reviewers.map((reviewer) => [reviewer.id, reviewer])), allocationsThisCycle, visit };
};

/** A network stored before overridable rules existed overrides nothing. */
const overridableRulesOf = (network: Pick<NetworkRecord, 'config'>): readonly HardRule[] => network.config.reviewTeam.overridableRules ?? [];

export { hostOf, loadAllocationInputs, overridableRulesOf };
export type { AllocationInputs };
