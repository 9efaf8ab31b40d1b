// The review team's emails: the invitations (with the calendar invite), no team that keeps the rules,
// the visit confirmed, and the peer ratings owed by the lead reviewer.
import { CallbackStage } from '#core/vocabulary';
import { WORKFLOW_STEPS } from '#core/workflow-steps';
import { MissingStepRecordError } from '#commons/errors';
import { cycleLink, taskLink } from '#commons/helpers/emails';
import { getAllocation } from '#commons/helpers/records';
import type { AllocationRecord, CycleRecord } from '#commons/helpers/records';
import { leadReviewerEmails, reviewerRoleLabel, ruleLabel } from '#commons/helpers/review-team';
import { teamVisitInvitation } from '#commons/helpers/visit-invitation';
import { base, staffOf, taskOpened } from './stage-email-parts.ts';
import type { StageEmail } from './stage-email-parts.ts';

const requireAllocation = async (cycle: CycleRecord): Promise<AllocationRecord> => {
  const allocation = await getAllocation(cycle.cycleId);
  if (!allocation) throw new MissingStepRecordError(cycle.cycleId, 'review-team allocation');
  return allocation;
};

const teamView = (allocation: AllocationRecord) => allocation.team.map((member) => ({ name: member.name, roleLabel: reviewerRoleLabel(member.role) }));

const invitations = async (cycle: CycleRecord, replyBy: string): Promise<StageEmail[]> => {
  const allocation = await requireAllocation(cycle);
  if (!allocation.date) throw new MissingStepRecordError(cycle.cycleId, 'visit date');
  const staff = staffOf(cycle)[0];
  const invite = teamVisitInvitation(cycle, { ...allocation, date: allocation.date }, staff);
  // After a replacement only the newcomer is invited; the others hold their invitation already.
  const invitees = allocation.toInvite === undefined ? allocation.team : allocation.team.filter((member) => allocation.toInvite?.includes(member.reviewerId));
  return invitees.map((member) => ({
    to: [member.email],
    template: WORKFLOW_STEPS[CallbackStage.reviewerAcceptance].email,
    data: {
      ...base(cycle),
      reviewerName: member.name,
      roleLabel: reviewerRoleLabel(member.role),
      visitDate: allocation.date,
      replyBy,
      hostAddress: allocation.hostAddress ?? '',
      team: teamView(allocation),
      link: `${cycleLink(cycle.cycleId)}/reviewers/${encodeURIComponent(member.reviewerId)}`,
    },
    attachments: [invite],
  }));
};

const noFeasibleTeam = async (cycle: CycleRecord): Promise<StageEmail[]> => {
  const allocation = await requireAllocation(cycle);
  const rules = new Map<string, Set<string>>();
  for (const exclusion of allocation.exclusions ?? []) {
    rules.set(exclusion.rule, (rules.get(exclusion.rule) ?? new Set()).add(exclusion.reviewerId));
  }
  return [
    {
      to: staffOf(cycle),
      template: WORKFLOW_STEPS[CallbackStage.manualAllocation].email,
      data: {
        ...base(cycle),
        datesOffered: allocation.offeredDates.join(', '),
        shortfalls: (allocation.shortfall ?? []).map((shortfall) => ({
          date: shortfall.date,
          role: shortfall.role,
          roleLabel: reviewerRoleLabel(shortfall.role),
          needed: shortfall.needed,
          eligible: shortfall.available,
        })),
        exclusions: [...rules].map(([rule, reviewers]) => ({ rule, ruleLabel: ruleLabel(rule), reviewers: [...reviewers].join(', ') })),
        declinedBy: (allocation.declinedBy ?? []).join(', '),
        link: taskLink(cycle.cycleId, CallbackStage.manualAllocation),
      },
    },
  ];
};

const visitConfirmed = async (cycle: CycleRecord): Promise<StageEmail[]> => {
  const allocation = await requireAllocation(cycle);
  return [
    {
      to: [...cycle.contacts.serviceLead, ...allocation.team.map((member) => member.email)],
      template: WORKFLOW_STEPS[CallbackStage.visit].email,
      data: { ...base(cycle), visitDate: allocation.date, hostAddress: allocation.hostAddress ?? '', team: teamView(allocation), link: cycleLink(cycle.cycleId) },
    },
  ];
};

const peerRatings = async (cycle: CycleRecord, dueOn: string): Promise<StageEmail[]> => {
  const allocation = await requireAllocation(cycle);
  const leads = leadReviewerEmails(allocation.team);
  return [taskOpened(cycle, CallbackStage.peerRatings, dueOn, leads.length > 0 ? leads : staffOf(cycle))];
};

export { invitations, noFeasibleTeam, peerRatings, visitConfirmed };
