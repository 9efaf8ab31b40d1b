// The email each human step opens with, by stage: who must act and the template's data. The
// template is the step's row in the core's table of workflow steps (src/workflow-steps.ts); the data
// are the variables each template documents in emails/samples/<TemplateName>.json. Links name the
// cycle and stage only; the API resolves them to the stored token.
import { EmailTemplate } from '#core/email-templates';
import { CallbackStage } from '#core/vocabulary';
import type { CallbackStage as CallbackStageValue } from '#core/vocabulary';
import { ukDateOf } from '#core/uk-time';
import { taskLink } from '#commons/helpers/emails';
import type { CycleRecord, TaskRecord } from '#commons/helpers/records';
import { stageLabel } from '#commons/helpers/stage-labels';
import { appealWindow, committeePack, deferralRequest, draftReport } from './decision-emails.ts';
import { base, taskOpened } from './stage-email-parts.ts';
import type { StageEmail } from './stage-email-parts.ts';
import { invitations, noFeasibleTeam, peerRatings, visitConfirmed } from './team-emails.ts';

/** The emails that open a stage (none while a task waits overdue: the reminder sweep escalates). */
const openingEmails = async (cycle: CycleRecord, stage: CallbackStageValue, dueOn: string, tasks?: readonly TaskRecord[]): Promise<StageEmail[]> => {
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
      return committeePack(cycle, dueOn, tasks);
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

/**
 * The emails of a step's opening, or of its reopening after an extension from `extendedFrom` (issue 10, defect 5).
 * `tasks`: the cycle's tasks as the opening read them with the cycle, so the emails need not read them again.
 */
const stageEmails = async (cycle: CycleRecord, stage: CallbackStageValue, dueAt: string, extendedFrom?: string, tasks?: readonly TaskRecord[]): Promise<StageEmail[]> => {
  const dueOn = ukDateOf(new Date(dueAt));
  const opening = await openingEmails(cycle, stage, dueOn, tasks);
  return extendedFrom === undefined ? opening : extensionEmails(cycle, stage, opening, ukDateOf(new Date(extendedFrom)), dueOn);
};

export { stageEmails };
export type { StageEmail };
