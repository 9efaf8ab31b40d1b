// Staff's hand-picked team, held to the automatic allocation's hard rules (issue 10, defect 1).
// The API refuses a breaking team before it reaches the workflow; this check runs again on the
// facts at the moment of storing (another cycle may have booked a reviewer that day meanwhile),
// and a team that no longer passes goes back to staff with the reasons.
import { explainExclusions } from '#core/allocation';
import { checkHandPickedTeam } from '#core/allocation-check';
import { HardRule, indexOf } from '#core/allocation-rules';
import type { Exclusion } from '#core/allocation-rules';
import { AuditEventType } from '#commons/data/audit';
import { AllocationStatus } from '#commons/helpers/records';
import { baseRecord, changeFor } from './cycle-change.ts';
import { exclusionsAudit, withContacts } from './decision.ts';
import type { AllocationContext, AllocationDecision } from './decision.ts';
import { overridableRulesOf } from '#commons/helpers/allocation-inputs';
import type { ManualTeam } from './submissions.ts';

const hardRules: readonly string[] = Object.values(HardRule);

const decideHandPicked = (context: AllocationContext, manual: ManualTeam): AllocationDecision => {
  const base = baseRecord(context, manual.allocatedBy);
  const { network, inputs } = context;
  const check = checkHandPickedTeam({
    host: inputs.host,
    date: manual.date,
    team: manual.team,
    pool: inputs.reviewers,
    allocationsThisCycle: inputs.allocationsThisCycle,
    composition: network.config.reviewTeam,
    overridableRules: overridableRulesOf(network),
    overrides: manual.overrides ?? [],
  });
  // What staff worked around: every reviewer of the pool ruled out on the day, and why.
  const excluded = explainExclusions(inputs.host, [manual.date], inputs.reviewers, indexOf(inputs.allocationsThisCycle));
  const team = manual.team.map(({ reviewerId, role }) => ({ reviewerId, role }));
  const detail = { mode: context.event.mode, date: manual.date, team, ...(manual.note ? { note: manual.note } : {}), ...exclusionsAudit(excluded) };
  if (!check.ok) {
    const breaches = check.breaches.map(({ reviewerId, rule, detail: why }) => ({ reviewerId, rule, detail: why }));
    const exclusions = breaches.filter((b): b is Exclusion => b.reviewerId !== undefined && hardRules.includes(b.rule));
    return {
      record: { ...base, status: AllocationStatus.noFeasibleTeam, team: [], exclusions, shortfall: [] },
      change: changeFor(context, undefined),
      audit: { type: AuditEventType.noFeasibleTeam, actor: manual.allocatedBy, detail: { ...detail, refused: breaches } },
    };
  }
  return {
    record: { ...base, status: AllocationStatus.invited, date: manual.date, team: withContacts(check.team, inputs.pool) },
    change: changeFor(context, manual.date),
    audit: {
      type: AuditEventType.teamAllocated,
      actor: manual.allocatedBy,
      detail: { ...detail, overridden: check.overridden.map(({ reviewerId, rule, detail: why, reason }) => ({ ...(reviewerId ? { reviewerId } : {}), rule, detail: why, reason })) },
    },
  };
};

export { decideHandPicked };
