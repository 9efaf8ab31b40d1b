// The report and decision emails: the draft report for factual accuracy, the committee's pack, the
// deferral's request for evidence and the appeal window.
import { OUTCOME_LABELS, TYPE_LABELS } from '#core/report';
import { CallbackStage, STANDARD_TYPES } from '#core/vocabulary';
import type { Outcome } from '#core/vocabulary';
import { WORKFLOW_STEPS } from '#core/workflow-steps';
import { MissingStepRecordError } from '#commons/errors';
import { taskLink } from '#commons/helpers/emails';
import { getReport } from '#commons/helpers/records';
import { getStandards } from '#commons/data/standards';
import type { CycleRecord } from '#commons/helpers/records';
import { base } from './stage-email-parts.ts';
import type { StageEmail } from './stage-email-parts.ts';

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

export { appealWindow, committeePack, deferralRequest, draftReport };
