// What every allocation decision about one cycle reads: the host, the network's reviewer pool and
// the cohort's other bookings. The workflow step, the API's check of a hand-picked team and the
// candidate list for staff load them here, so the three see the same facts.
import type { Allocation, HostService } from '#core/allocation-rules';
import type { HardRule } from '#core/allocation-rules';
import type { CycleRecord, NetworkRecord, PoolReviewer } from './records.ts';
import { cohortAllocations, poolForAllocation } from '../data/reviewer-pool.ts';

interface AllocationInputs {
  host: HostService;
  reviewers: PoolReviewer[];
  pool: ReadonlyMap<string, PoolReviewer>;
  allocationsThisCycle: Allocation[];
}

/** A service enrolled without an organisation is its own organisation. */
const hostOf = (cycle: CycleRecord): HostService => ({ serviceId: cycle.serviceId, organisationId: cycle.organisationId ?? cycle.serviceId });

const loadAllocationInputs = async (cycle: CycleRecord): Promise<AllocationInputs> => {
  const [reviewers, allocationsThisCycle] = await Promise.all([poolForAllocation(cycle.networkId), cohortAllocations(cycle.networkId, cycle.cohortId, cycle.cycleId)]);
  return { host: hostOf(cycle), reviewers, pool: new Map(reviewers.map((reviewer) => [reviewer.id, reviewer])), allocationsThisCycle };
};

/** A network stored before overridable rules existed overrides nothing. */
const overridableRulesOf = (network: Pick<NetworkRecord, 'config'>): readonly HardRule[] => network.config.reviewTeam.overridableRules ?? [];

export { hostOf, loadAllocationInputs, overridableRulesOf };
export type { AllocationInputs };
