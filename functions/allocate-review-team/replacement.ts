// A reviewer declined their invitation (issue 10, defect 3): the visit keeps its date and the
// rest of its team; the core replaces the decliner from the pool under the same rules, or lets a
// team that still meets its minimum carry on. Only the newcomer is invited. With no way on, the
// cycle goes to staff, and the record says who declined and who was ruled out and why.
import { replaceDeclined } from '#core/allocation-replacement';
import { MissingStepRecordError } from '#commons/errors';
import { AuditEventType } from '#commons/data/audit';
import { stepDeadline } from '#commons/helpers/deadlines';
import { AllocationStatus } from '#commons/helpers/records';
import type { AllocationRecord } from '#commons/helpers/records';
import { CallbackStage } from '#core/vocabulary';
import { changeFor } from './cycle-change.ts';
import { exclusionsAudit, MAX_STORED_EXCLUSIONS, withContacts } from './decision.ts';
import type { AllocationContext, AllocationDecision } from './decision.ts';

const ids = (team: readonly { reviewerId: string }[]) => team.map((m) => m.reviewerId);

const decideReplacement = (context: AllocationContext): AllocationDecision => {
  const { event, cycle, network, inputs, today, at, prior: allocation } = context;
  if (!allocation?.date) throw new MissingStepRecordError(cycle.cycleId, 'review-team allocation');
  const { date } = allocation;
  const declined = allocation.declinedBy ?? [];
  const team = allocation.team.map(({ name: _name, email: _email, ...member }) => member);
  const result = replaceDeclined({ host: inputs.host, date, team, declined, pool: inputs.reviewers, allocationsThisCycle: inputs.allocationsThisCycle, composition: network.config.reviewTeam });
  const { exclusions: _before, shortfall: _short, toInvite: _invited, ...kept } = allocation;
  const detail = { mode: event.mode, date, declined: ids(result.removed) };
  if (!result.ok) {
    return {
      record: { ...kept, status: AllocationStatus.noFeasibleTeam, team: allocation.team.filter((m) => !declined.includes(m.reviewerId)), exclusions: result.exclusions.slice(0, MAX_STORED_EXCLUSIONS), shortfall: result.shortfall, updatedAt: at },
      change: changeFor(context, undefined),
      audit: { type: AuditEventType.noFeasibleTeam, actor: event.executionArn, detail: { ...detail, shortfall: result.shortfall, ...exclusionsAudit(result.exclusions) } },
    };
  }
  const acceptedBy = allocation.acceptedBy.filter((id) => ids(result.team).includes(id));
  // Everyone left had accepted already (the decliner was not replaced): the team is complete.
  const confirmed = result.team.every((m) => acceptedBy.includes(m.reviewerId));
  const record: AllocationRecord = {
    ...kept,
    status: confirmed ? AllocationStatus.confirmed : AllocationStatus.invited,
    team: withContacts(result.team, inputs.pool, allocation.team),
    acceptedBy,
    toInvite: ids(result.added),
    updatedAt: at,
  };
  return {
    record,
    change: { stage: CallbackStage.reviewerAcceptance, set: { deadlines: { ...cycle.deadlines, [CallbackStage.reviewerAcceptance]: stepDeadline(cycle, network.config, CallbackStage.reviewerAcceptance, today, date) } } },
    audit: {
      type: confirmed ? AuditEventType.teamConfirmed : AuditEventType.teamAllocated,
      actor: event.executionArn,
      detail: { ...detail, added: ids(result.added), team: result.team.map(({ reviewerId, role }) => ({ reviewerId, role })), ...(confirmed ? { acceptedBy } : {}) },
    },
    ...(confirmed ? { counted: ids(result.team) } : {}),
  };
};

export { decideReplacement };
