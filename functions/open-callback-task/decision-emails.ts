// The report and decision emails: the draft report for factual accuracy, the committee's pack (for a
// re-decision, with what the service sent since), the deferral's request for evidence and the appeal window.
import { RedecisionBecause } from '#core/committee-pack';
import type { Redecision } from '#core/committee-pack';
import { ukDateOf } from '#core/uk-time';
import { CallbackStage } from '#core/vocabulary';
import { WORKFLOW_STEPS } from '#core/workflow-steps';
import { MissingStepRecordError } from '#commons/errors';
import { taskLink } from '#commons/helpers/emails';
import { getReport } from '#commons/helpers/records';
import { packOf, standardsOf } from '#commons/data/committee-pack';
import { getStandards } from '#commons/data/standards';
import type { CycleRecord, TaskRecord } from '#commons/helpers/records';
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

/** What the pack email says the service sent since the last decision (a first decision: nothing). */
const redecisionData = (redecision: Redecision | undefined) => {
  if (!redecision) return null;
  const appeal = redecision.because === RedecisionBecause.appeal;
  const sent = appeal ? redecision.appeal : redecision.deferralEvidence;
  const previous = redecision.previousDecision;
  return {
    subject: appeal ? 'after an appeal' : 'after deferral evidence',
    heading: appeal ? 'The service appealed against the decision' : 'The service sent evidence for the unmet standards',
    previous: previous ? `Previous decision: ${previous.label}${previous.decidedOn ? ` on ${previous.decidedOn}` : ''}${previous.decidedBy ? ` by ${previous.decidedBy}` : ''}. Reason: ${previous.reason}` : '',
    sentBy: (appeal ? redecision.appeal?.lodgedBy : redecision.deferralEvidence?.submittedBy) ?? '',
    sentOn: sent ? ukDateOf(new Date(sent.submittedAt)) : '',
    grounds: appeal ? (redecision.appeal?.grounds ?? '') : '',
    summary: appeal ? '' : (redecision.deferralEvidence?.summary ?? ''),
    evidence: appeal
      ? []
      : (redecision.deferralEvidence?.standards ?? []).map((standard) => ({
          id: standard.id,
          text: standard.text,
          notes: standard.notes.length === 0 ? ['Nothing was sent for this standard.'] : standard.notes.map(({ note, links }) => (links.length === 0 ? note : `${note} (evidence: ${links.map((link) => `${link.title} ${link.url}`).join('; ')})`)),
        })),
  };
};

const committeePack = async (cycle: CycleRecord, dueOn: string, tasks?: readonly TaskRecord[]): Promise<StageEmail[]> => {
  const report = await requireReport(cycle);
  // The email goes out even if the standards set cannot be read: the evidence then lists ids without their text.
  const pack = await packOf(cycle, report, (await standardsOf(cycle)) ?? [], tasks);
  return [
    {
      to: cycle.contacts.committee,
      template: WORKFLOW_STEPS[CallbackStage.committeeDecision].email,
      data: {
        ...base(cycle),
        dueOn,
        recommendation: pack.recommendation.outcome ?? 'none',
        recommendationLabel: pack.recommendation.label,
        reasons: pack.recommendation.reasons,
        scores: pack.scores.map(({ label, ...score }) => ({ ...score, typeLabel: label })),
        corrections: pack.factualAccuracy.corrections.map((correction) => (correction.section ? `${correction.section}: ${correction.text}` : correction.text)),
        redecision: redecisionData(pack.redecision),
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
