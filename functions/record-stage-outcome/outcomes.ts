// What each stage outcome does to a cycle: its next stage and status, the fields it sets (new
// deadlines, the decision, the renewal dates), whether it closes the stage's task, and which email
// tells people. Kept apart from the handler so each rule reads as a table row.
import { ukDateOf } from '#core/uk-time';
import type { NetworkConfig } from '#core/network-config';
import { renewalDates } from '#core/renewal';
import { withStepDeadline } from '#commons/helpers/deadlines';
import type { CycleRecord } from '#commons/helpers/records';
import { StageOutcome } from '#commons/schemas/events';
import type { RecordStageOutcomeEvent } from '#commons/schemas/events';
import { AutomaticStage, CallbackStage, CycleStatus, Outcome, MembershipType } from '#core/vocabulary';
import type { CycleStatus as CycleStatusValue, Outcome as DecisionValue } from '#core/vocabulary';

const Announcement = {
  none: 'none',
  outcome: 'outcome',
  visitCancelled: 'visit-cancelled',
} as const;
type Announcement = (typeof Announcement)[keyof typeof Announcement];

interface OutcomePlan {
  stage: string;
  status: CycleStatusValue;
  set: Record<string, unknown>;
  add?: Record<string, number>;
  /** Close the stage's task if still open (a deadline passed with no answer). */
  closesTask: boolean;
  /** Keep the task in the reminder sweep's index (overdue: the escalations continue). */
  keepsReminders?: boolean;
  announce: Announcement;
  decision?: DecisionValue;
  reason?: string;
}

interface PlanInput {
  event: RecordStageOutcomeEvent;
  cycle: CycleRecord;
  config: NetworkConfig;
  at: Date;
}

const statusByDecision = {
  [Outcome.Accredited]: CycleStatus.accredited,
  [Outcome.Deferred]: CycleStatus.deferred,
  [Outcome.NotAccredited]: CycleStatus.notAccredited,
} as const;

const textOf = (submission: Record<string, unknown> | undefined, field: string): string => String(submission?.[field] ?? '');

/** After a decision: the deferral window, the appeal window (one appeal per cycle), or the renewal dates. */
const planDecision = ({ event, cycle, config, at }: PlanInput): OutcomePlan => {
  const today = ukDateOf(at);
  const decision = textOf(event.submission, 'outcome') as DecisionValue;
  const reason = textOf(event.submission, 'reason');
  const base = { decision, decisionReason: reason, decidedOn: today, decidedBy: textOf(event.submission, 'decidedBy') };
  const plan = { stage: CallbackStage.committeeDecision, status: statusByDecision[decision], closesTask: false, announce: Announcement.outcome, decision, reason };
  if (decision === Outcome.Deferred) {
    const deadlines = withStepDeadline(cycle, config, CallbackStage.deferralEvidence, today);
    return { ...plan, set: { ...base, deadlines }, add: { deferrals: 1 } };
  }
  if (decision === Outcome.NotAccredited) {
    const deadlines = (cycle.appeals ?? 0) === 0 ? withStepDeadline(cycle, config, CallbackStage.appeal, today) : { ...cycle.deadlines };
    return { ...plan, set: { ...base, deadlines } };
  }
  return { ...plan, set: { ...base, ...renewalDates(today) } };
};

const planEvidenceMissing = ({ cycle, config, at }: PlanInput): OutcomePlan => {
  const today = ukDateOf(at);
  const reason = `No evidence for the unmet standards was sent by the end of the deferral window (${ukDateOf(new Date(cycle.deadlines?.[CallbackStage.deferralEvidence] ?? at.toISOString()))})`;
  const deadlines = (cycle.appeals ?? 0) === 0 ? withStepDeadline(cycle, config, CallbackStage.appeal, today) : { ...cycle.deadlines };
  return {
    stage: CallbackStage.deferralEvidence,
    status: CycleStatus.notAccredited,
    set: { decision: Outcome.NotAccredited, decisionReason: reason, decidedOn: today, decidedBy: 'deferral window', deadlines },
    closesTask: true,
    announce: Announcement.outcome,
    decision: Outcome.NotAccredited,
    reason,
  };
};

/** Where the report goes once the factual-accuracy check closes: the committee, or (developmental) nowhere. */
const afterFactualAccuracy = (input: PlanInput, deemed: boolean): OutcomePlan => {
  const { event, cycle, config, at } = input;
  const developmental = cycle.membershipType === MembershipType.Developmental;
  const deadlines = developmental ? { ...cycle.deadlines } : withStepDeadline(cycle, config, CallbackStage.committeeDecision, ukDateOf(at));
  // DESIGN §1.4: no answer by the deadline counts as acceptance, and is recorded as such.
  const factualAccuracy = deemed
    ? { outcome: 'deemed-accepted', closedOn: ukDateOf(at) }
    : {
        outcome: event.submission?.accepted === true ? 'accepted' : 'corrections',
        respondedBy: textOf(event.submission, 'respondedBy'),
        corrections: textOf(event.submission, 'corrections'),
        closedOn: ukDateOf(at),
      };
  return { stage: CallbackStage.factualAccuracy, status: CycleStatus.active, set: { deadlines, factualAccuracy }, closesTask: deemed, announce: Announcement.none };
};

const toCommittee = ({ cycle, config, at }: PlanInput, stage: string, status: CycleStatusValue, add?: Record<string, number>): OutcomePlan => ({
  stage,
  status,
  set: { deadlines: withStepDeadline(cycle, config, CallbackStage.committeeDecision, ukDateOf(at)) },
  ...(add ? { add } : {}),
  closesTask: false,
  announce: Announcement.none,
});

const planOutcome = (input: PlanInput): OutcomePlan => {
  const { event, cycle, config, at } = input;
  switch (event.outcome) {
    case StageOutcome.submitted:
      return { stage: event.stage, status: CycleStatus.active, set: {}, closesTask: false, announce: Announcement.none };
    case StageOutcome.overdue:
      return { stage: event.stage, status: CycleStatus.overdue, set: {}, closesTask: true, keepsReminders: true, announce: Announcement.none };
    case StageOutcome.decided:
      return planDecision(input);
    case StageOutcome.reportIssued:
      return { stage: 'report', status: CycleStatus.reportIssued, set: {}, closesTask: false, announce: Announcement.outcome };
    case StageOutcome.visitCancelled: {
      const deadlines = withStepDeadline(cycle, config, CallbackStage.peerReviewScheduling, ukDateOf(at));
      return {
        stage: CallbackStage.peerReviewScheduling,
        status: CycleStatus.active,
        set: { deadlines, cancelledVisitDate: cycle.visitDate ?? null, visitDate: null },
        closesTask: false,
        announce: Announcement.visitCancelled,
        reason: textOf(event.submission, 'reason'),
      };
    }
    case StageOutcome.teamLapsed:
      return {
        stage: CallbackStage.manualAllocation,
        status: CycleStatus.active,
        set: { deadlines: withStepDeadline(cycle, config, CallbackStage.manualAllocation, ukDateOf(at)) },
        closesTask: true,
        announce: Announcement.none,
      };
    case StageOutcome.factualAccuracyAnswered:
      return afterFactualAccuracy(input, false);
    case StageOutcome.factualAccuracyDeemedAccepted:
      return afterFactualAccuracy(input, true);
    case StageOutcome.evidenceSubmitted:
      return toCommittee(input, CallbackStage.deferralEvidence, CycleStatus.active);
    case StageOutcome.evidenceMissing:
      return planEvidenceMissing(input);
    case StageOutcome.appealLodged:
      return toCommittee(input, CallbackStage.appeal, CycleStatus.appealing, { appeals: 1 });
    case StageOutcome.appealWindowClosed:
      return { stage: AutomaticStage.closed, status: CycleStatus.notAccredited, set: {}, closesTask: true, announce: Announcement.none };
  }
};

export { Announcement, planOutcome };
export type { OutcomePlan };
