// The emails a recorded outcome sends: the outcome to the service and the committee, or the
// cancellation of a visit to the service and the team (reviewers also get the calendar
// cancellation of their invite).
import { Announcement } from '#core/cycle-transitions';
import type { Transition } from '#core/cycle-transitions';
import { CycleStatus } from '#core/vocabulary';
import { OUTCOME_LABELS } from '#core/report';
import { buildVisitInvitation } from '#core/visit-invitation';
import { EmailTemplate, cycleLink } from '#commons/helpers/emails';
import type { TemplatedEmail } from '#commons/helpers/emails';
import { getAllocation } from '#commons/helpers/records';
import type { CycleRecord } from '#commons/helpers/records';
import { reviewerRoleLabel } from '#commons/helpers/review-team';
import { stageLabel } from '#commons/helpers/stage-labels';
import type { RecordStageOutcomeEvent } from '#commons/schemas/events';

const outcomeEmail = (cycle: CycleRecord, event: RecordStageOutcomeEvent, plan: Transition): TemplatedEmail => ({
  to: [...cycle.contacts.serviceLead, ...cycle.contacts.committee],
  template: EmailTemplate.outcome,
  data: {
    serviceName: cycle.serviceName,
    networkName: cycle.networkName,
    cycleId: cycle.cycleId,
    stageLabel: stageLabel(event.stage),
    status: plan.status,
    decision: plan.decision ?? null,
    // Words, not codes: "Accredited", or for a developmental member "Peer-review report issued".
    outcomeLabel: plan.decision ? OUTCOME_LABELS[plan.decision] : 'Peer-review report issued',
    reportIssued: plan.status === CycleStatus.reportIssued,
    reason: plan.reason ?? '',
    link: cycleLink(cycle.cycleId),
  },
});

const visitCancelledEmails = async (cycle: CycleRecord, plan: Transition): Promise<TemplatedEmail[]> => {
  const allocation = await getAllocation(cycle.cycleId);
  const visitDate = cycle.visitDate ?? allocation?.date ?? '';
  const data = { serviceName: cycle.serviceName, networkName: cycle.networkName, cycleId: cycle.cycleId, visitDate, reason: plan.reason ?? '', link: cycleLink(cycle.cycleId) };
  const team = allocation?.team ?? [];
  const staff = (cycle.contacts.networkStaff ?? cycle.contacts.committee)[0];
  const cancellation =
    team.length > 0 && visitDate
      ? buildVisitInvitation({
          cycleId: cycle.cycleId,
          serviceName: cycle.serviceName,
          visitDate,
          reviewers: team.map((member) => ({ name: member.name, email: member.email, role: reviewerRoleLabel(member.role) })),
          organiser: { name: cycle.networkName, email: staff },
          sequence: cycle.visitBookings ?? 1,
          cancelled: true,
        })
      : undefined;
  return [
    // Only the team's email carries the calendar cancellation, so only it may say so.
    { to: cycle.contacts.serviceLead, template: EmailTemplate.visitCancelled, data: { ...data, calendarUpdateAttached: false } },
    ...(team.length > 0
      ? [{ to: team.map((member) => member.email), template: EmailTemplate.visitCancelled, data: { ...data, calendarUpdateAttached: cancellation !== undefined }, ...(cancellation ? { attachments: [cancellation] } : {}) }]
      : []),
  ];
};

/** What the plan announces; nothing when it announces nothing. */
const outcomeEmails = async (cycle: CycleRecord, event: RecordStageOutcomeEvent, plan: Transition): Promise<TemplatedEmail[]> => {
  if (plan.announce === Announcement.none) return [];
  return plan.announce === Announcement.outcome ? [outcomeEmail(cycle, event, plan)] : visitCancelledEmails(cycle, plan);
};

export { outcomeEmails };
