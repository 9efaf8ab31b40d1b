// The automatic allocation: the core's conflict-free, load-balanced team on the best offered
// date, or why none exists. The audit records who was ruled out and why either way.
import { allocateReviewTeam, explainExclusions } from '#core/allocation';
import { indexOf } from '#core/allocation-rules';
import { AuditEventType } from '#commons/data/audit';
import { AllocationStatus } from '#commons/helpers/records';
import { baseRecord, changeFor } from './cycle-change.ts';
import { exclusionsAudit, MAX_STORED_EXCLUSIONS, withContacts } from './decision.ts';
import type { AllocationContext, AllocationDecision } from './decision.ts';

const decideAutomatic = (context: AllocationContext): AllocationDecision => {
  const { event, cycle, network, offer, inputs } = context;
  const result = allocateReviewTeam({ host: inputs.host, offeredDates: offer.dates, pool: inputs.reviewers, allocationsThisCycle: inputs.allocationsThisCycle, composition: network.config.reviewTeam });
  const exclusions = result.ok ? explainExclusions(inputs.host, [result.date], inputs.reviewers, indexOf(inputs.allocationsThisCycle)) : result.exclusions;
  return {
    record: {
      ...baseRecord(context, 'automatic'),
      ...(result.ok
        ? { status: AllocationStatus.invited, date: result.date, team: withContacts(result.team, inputs.pool) }
        : { status: AllocationStatus.noFeasibleTeam, team: [], exclusions: exclusions.slice(0, MAX_STORED_EXCLUSIONS), shortfall: result.shortfall }),
    },
    change: changeFor(context, result.ok ? result.date : undefined),
    audit: {
      type: result.ok ? AuditEventType.teamAllocated : AuditEventType.noFeasibleTeam,
      actor: event.executionArn,
      detail: { mode: event.mode, date: result.ok ? result.date : undefined, team: result.ok ? result.team.map(({ reviewerId, role }) => ({ reviewerId, role })) : [], ...exclusionsAudit(exclusions) },
    },
  };
};

export { decideAutomatic };
