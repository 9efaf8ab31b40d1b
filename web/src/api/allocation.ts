// Allocating a review team by hand (staff): the pool with why each reviewer is ruled out
// (GET /cycles/{id}/allocation/candidates), the rules the network lets staff override
// (GET /networks/{id}), and the team itself, sent as the manual-allocation step's answer
// (POST /cycles/{id}/tasks/manual-allocation), as `accredit allocate` does.
import type { Api } from './client.ts';

interface CandidateReason {
  rule: string;
  ruleLabel: string;
  detail: string;
  /** Set for the rules that depend on the visit date. */
  date?: string;
}

interface Candidate {
  reviewerId: string;
  name: string;
  roles: string[];
  organisationId?: string;
  eligible: boolean;
  /** Per date, the roles the reviewer could take. */
  eligibleRoles: Record<string, string[]>;
  load: { reviewsThisYear: number; visitsThisCycle: number };
  reasons: CandidateReason[];
}

interface TeamMember {
  reviewerId: string;
  role: string;
}

interface RuleOverride {
  reviewerId?: string;
  rule: string;
  reason: string;
}

interface ManualTeam {
  allocatedBy: string;
  date: string;
  team: TeamMember[];
  note?: string;
  overrides?: RuleOverride[];
}

/** One rule a submitted team breaks, as the API's 409 names it. */
interface TeamBreach {
  field: string;
  message?: string;
  reviewerId?: string;
  rule?: string;
  ruleLabel?: string;
  detail?: string;
  overridable?: boolean;
}

interface AllocationContext {
  cycleId: string;
  serviceName: string;
  /** The manual-allocation step is open: the API takes a hand-picked team now. */
  waiting: boolean;
  dates: string[];
  candidates: Candidate[];
  overridableRules: string[];
}

const cyclePath = (cycleId: string) => `/cycles/${encodeURIComponent(cycleId)}`;

const loadAllocationContext = async (api: Api, cycleId: string): Promise<AllocationContext> => {
  const [{ body: view }, { body: pool }] = await Promise.all([
    api.get<{ cycle: { networkId: string; serviceId: string; serviceName?: string }; tasks: { stage: string; status: string }[] }>(cyclePath(cycleId)),
    api.get<{ dates: string[]; candidates: Candidate[] }>(`${cyclePath(cycleId)}/allocation/candidates`),
  ]);
  const { body: network } = await api.get<{ config: { reviewTeam: { overridableRules?: string[] } } }>(`/networks/${encodeURIComponent(view.cycle.networkId)}`);
  return {
    cycleId,
    serviceName: view.cycle.serviceName ?? view.cycle.serviceId,
    waiting: view.tasks.some((task) => task.stage === 'manual-allocation' && task.status === 'open'),
    dates: pool.dates,
    candidates: pool.candidates,
    overridableRules: network.config.reviewTeam.overridableRules ?? [],
  };
};

const submitTeam = (api: Api, cycleId: string, team: ManualTeam) => api.post(`${cyclePath(cycleId)}/tasks/manual-allocation`, team);

export { loadAllocationContext, submitTeam };
export type { AllocationContext, Candidate, CandidateReason, ManualTeam, RuleOverride, TeamBreach, TeamMember };
