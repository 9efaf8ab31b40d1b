// The email each human step opens with, by stage: who must act and the template's data. The
// template is the step's row in the core's table of workflow steps (src/workflow-steps.ts); the data
// are the variables each template documents in emails/samples/<TemplateName>.json. Links name the
// cycle and stage only; the API resolves them to the stored token.
import { buildVisitInvitation } from '#core/visit-invitation';
import { OUTCOME_LABELS, TYPE_LABELS } from '#core/report';
import { EmailTemplate } from '#core/email-templates';
import { CallbackStage, STANDARD_TYPES } from '#core/vocabulary';
import type { CallbackStage as CallbackStageValue, Outcome } from '#core/vocabulary';
import { ukDateOf } from '#core/uk-time';
import { WORKFLOW_STEPS } from '#core/workflow-steps';
import { MissingStepRecordError } from '#commons/errors';
import { cycleLink, taskLink } from '#commons/helpers/emails';
import type { EmailAttachment } from '#commons/helpers/emails';
import { getAllocation, getReport } from '#commons/helpers/records';
import { getStandards } from '#commons/data/standards';
import type { AllocationRecord, CycleRecord } from '#commons/helpers/records';
import { leadReviewerEmails, reviewerRoleLabel, ruleLabel } from '#commons/helpers/review-team';
import { stageLabel } from '#commons/helpers/stage-labels';

interface StageEmail {
  to: string[];
  template: EmailTemplate;
  data: Record<string, unknown>;
  attachments?: EmailAttachment[];
}

const base = (cycle: CycleRecord) => ({ serviceName: cycle.serviceName, networkName: cycle.networkName, cycleId: cycle.cycleId });
const staffOf = (cycle: CycleRecord): string[] => cycle.contacts.networkStaff ?? cycle.contacts.committee;

const requireAllocation = async (cycle: CycleRecord): Promise<AllocationRecord> => {
  const allocation = await getAllocation(cycle.cycleId);
  if (!allocation) throw new MissingStepRecordError(cycle.cycleId, 'review-team allocation');
  return allocation;
};

const teamView = (allocation: AllocationRecord) => allocation.team.map((member) => ({ name: member.name, roleLabel: reviewerRoleLabel(member.role) }));

const taskOpened = (cycle: CycleRecord, stage: CallbackStageValue, dueOn: string, to: string[]): StageEmail => ({
  to,
  template: WORKFLOW_STEPS[stage].email,
  data: { ...base(cycle), stage, stageLabel: stageLabel(stage), dueOn, link: taskLink(cycle.cycleId, stage) },
});

const invitations = async (cycle: CycleRecord, replyBy: string): Promise<StageEmail[]> => {
  const allocation = await requireAllocation(cycle);
  if (!allocation.date) throw new MissingStepRecordError(cycle.cycleId, 'visit date');
  const staff = staffOf(cycle)[0];
  const invite = buildVisitInvitation({
    cycleId: cycle.cycleId,
    serviceName: cycle.serviceName,
    ...(allocation.hostAddress ? { hostAddress: allocation.hostAddress } : {}),
    visitDate: allocation.date,
    reviewers: allocation.team.map((member) => ({ name: member.name, email: member.email, role: reviewerRoleLabel(member.role) })),
    organiser: { name: cycle.networkName, email: staff },
    // Each rebooking of the same cycle's visit supersedes the previous invite in calendar clients.
    sequence: cycle.visitBookings ?? 0,
  });
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

const requireReport = async (cycle: CycleRecord) => {
  const report = await getReport(cycle.cycleId);
  if (!report) throw new MissingStepRecordError(cycle.cycleId, 'draft report');
  return report;
};

const draftReport = async (cycle: CycleRecord, dueOn: string): Promise<StageEmail[]> => {
  const report = await requireReport(cycle);
  return [
    {
      to: cycle.contacts.serviceLead,
      template: WORKFLOW_STEPS[CallbackStage.factualAccuracy].email,
      data: { ...base(cycle), dueOn, summary: report.summary, link: taskLink(cycle.cycleId, CallbackStage.factualAccuracy) },
    },
  ];
};

const committeePack = async (cycle: CycleRecord, dueOn: string): Promise<StageEmail[]> => {
  const report = await requireReport(cycle);
  const outcome = report.recommendation.outcome as Outcome | null;
  return [
    {
      to: cycle.contacts.committee,
      template: WORKFLOW_STEPS[CallbackStage.committeeDecision].email,
      data: {
        ...base(cycle),
        dueOn,
        recommendation: outcome ?? 'none',
        recommendationLabel: outcome ? OUTCOME_LABELS[outcome] : 'No recommendation',
        reasons: report.recommendation.reasons.map((reason) => reason.message),
        scores: STANDARD_TYPES.map((type) => ({ type, typeLabel: TYPE_LABELS[type], ...report.scores[type] })),
        deferrals: cycle.deferrals ?? 0,
        appeals: cycle.appeals ?? 0,
        link: taskLink(cycle.cycleId, CallbackStage.committeeDecision),
      },
    },
  ];
};

const deferralRequest = async (cycle: CycleRecord, dueOn: string): Promise<StageEmail[]> => {
  const report = await getReport(cycle.cycleId);
  const standards = cycle.standardsVersionId ? await getStandards(cycle.networkId, cycle.standardsVersionId) : undefined;
  const textOf = new Map((standards?.standards ?? []).map((standard) => [standard.id, standard.text]));
  return [
    {
      to: cycle.contacts.serviceLead,
      template: WORKFLOW_STEPS[CallbackStage.deferralEvidence].email,
      data: {
        ...base(cycle),
        dueOn,
        reason: cycle.decisionReason ?? '',
        unmetStandards: (report?.recommendation.blockingStandardIds ?? []).map((id) => ({ id, text: textOf.get(id) ?? '' })),
        link: taskLink(cycle.cycleId, CallbackStage.deferralEvidence),
      },
    },
  ];
};

const appealWindow = (cycle: CycleRecord, dueOn: string): StageEmail[] => [
  {
    to: cycle.contacts.serviceLead,
    template: WORKFLOW_STEPS[CallbackStage.appeal].email,
    data: { ...base(cycle), appealBy: dueOn, reason: cycle.decisionReason ?? '', link: taskLink(cycle.cycleId, CallbackStage.appeal) },
  },
];

/** The emails that open a stage (none while a task waits overdue: the reminder sweep escalates). */
const openingEmails = async (cycle: CycleRecord, stage: CallbackStageValue, dueOn: string): Promise<StageEmail[]> => {
  switch (stage) {
    case CallbackStage.selfReview:
    case CallbackStage.peerReviewScheduling:
      return [taskOpened(cycle, stage, dueOn, cycle.contacts.serviceLead)];
    case CallbackStage.reviewerAcceptance:
      return invitations(cycle, dueOn);
    case CallbackStage.manualAllocation:
      return noFeasibleTeam(cycle);
    case CallbackStage.visit:
      return visitConfirmed(cycle);
    case CallbackStage.peerRatings:
      return peerRatings(cycle, dueOn);
    case CallbackStage.factualAccuracy:
      return draftReport(cycle, dueOn);
    case CallbackStage.committeeDecision:
      return committeePack(cycle, dueOn);
    case CallbackStage.deferralEvidence:
      return deferralRequest(cycle, dueOn);
    case CallbackStage.appeal:
      return appealWindow(cycle, dueOn);
  }
};

/** The same people as the step's opening emails are told of its new deadline, and nothing else. */
const extensionEmails = (cycle: CycleRecord, stage: CallbackStageValue, opening: readonly StageEmail[], previousDueOn: string, dueOn: string): StageEmail[] =>
  opening.map(({ to }) => ({
    to,
    template: EmailTemplate.deadlineExtended,
    data: { ...base(cycle), stage, stageLabel: stageLabel(stage), previousDueOn, dueOn, link: taskLink(cycle.cycleId, stage) },
  }));

/** The emails of a step's opening, or of its reopening after an extension from `extendedFrom` (issue 10, defect 5). */
const stageEmails = async (cycle: CycleRecord, stage: CallbackStageValue, dueAt: string, extendedFrom?: string): Promise<StageEmail[]> => {
  const dueOn = ukDateOf(new Date(dueAt));
  const opening = await openingEmails(cycle, stage, dueOn);
  return extendedFrom === undefined ? opening : extensionEmails(cycle, stage, opening, ukDateOf(new Date(extendedFrom)), dueOn);
};

export { stageEmails };
export type { StageEmail };
