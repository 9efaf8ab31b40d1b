// What one allocation step decided, in the shape the handler stores: the allocation record, the
// cycle's next stage, the audit event (with what was excluded and why) and the reviewers whose
// load changes. Each mode (automatic, by hand, replacing a decliner) builds one.
import type { Exclusion } from '#core/allocation';
import { countExclusionsByRule } from '#core/allocation';
import type { TeamMember } from '#core/allocation-rules';
import type { AuditEventType } from '#commons/data/audit';
import type { AllocationMember, AllocationRecord, CycleRecord, NetworkRecord, PoolReviewer } from '#commons/helpers/records';
import type { AllocateReviewTeamEvent } from '#commons/schemas/events';
import type { AllocationInputs } from '#commons/helpers/allocation-inputs';
import type { DateOffer } from './submissions.ts';

/** Keeps the allocation item and its audit event well inside DynamoDB's 400 KB item limit for a large pool; staff see the rest through the API. */
const MAX_STORED_EXCLUSIONS = 300;

/** What one run of the step works from, read once. */
interface AllocationContext {
  event: AllocateReviewTeamEvent;
  cycle: CycleRecord;
  network: Pick<NetworkRecord, 'config'>;
  offer: DateOffer;
  inputs: AllocationInputs;
  /** The cycle's allocation as stored before this step (a rebooking, a replacement, staff's turn), read once. */
  prior?: AllocationRecord;
  today: string;
  at: string;
}

interface CycleChange {
  stage: string;
  set: Record<string, unknown>;
  add?: Record<string, number>;
}

interface AllocationDecision {
  record: AllocationRecord;
  change: CycleChange;
  audit: { type: AuditEventType; actor: string; detail: Record<string, unknown> };
  /** Reviewers whose `reviewsThisYear` goes up by one (a confirmed place). */
  counted?: string[];
}

/** Who was ruled out and why, for the audit: counts per rule and the first exclusions in full. */
const exclusionsAudit = (exclusions: readonly Exclusion[]) => ({
  exclusions: exclusions.length,
  exclusionsByRule: countExclusionsByRule(exclusions),
  excluded: exclusions.slice(0, MAX_STORED_EXCLUSIONS).map(({ reviewerId, rule, detail, date }) => ({ reviewerId, rule, detail, ...(date ? { date } : {}) })),
});

/** Team members with the name and address their invitation goes to (kept from `known` when already on the team). */
const withContacts = (team: readonly TeamMember[], pool: ReadonlyMap<string, PoolReviewer>, known: readonly AllocationMember[] = []): AllocationMember[] =>
  team.map((member) => {
    const before = known.find((m) => m.reviewerId === member.reviewerId);
    const reviewer = pool.get(member.reviewerId);
    return { ...member, name: before?.name ?? reviewer?.name ?? member.reviewerId, email: before?.email ?? reviewer?.email ?? '' };
  });

export { exclusionsAudit, MAX_STORED_EXCLUSIONS, withContacts };
export type { AllocationContext, AllocationDecision, CycleChange };
