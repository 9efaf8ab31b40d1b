// The cycle's transition table (DESIGN §1, issue 10 "one home for each rule"): what each recorded
// outcome of a stage does to a cycle. Its next stage and status, the fields it sets (new
// deadlines, the decision, the renewal dates), whether it closes the stage's task, which email
// tells people, and whether the cycle is finished. A finished cycle (accredited, not accredited
// with no appeal left, a developmental report issued) sits at the `closed` stage with its outcome
// as its status and no current deadline (issue 10, defect 7). Pure: the day is passed in.
import type { IsoDate } from './iso-date.ts';
import type { NetworkConfig } from './network-config.ts';
import { renewalDates } from './renewal.ts';
import { correctionsOf } from './report-corrections.ts';
import { StageOutcome } from './stage-outcomes.ts';
import { stepDueAt } from './step-deadlines.ts';
import type { Milestone } from './timetable.ts';
import { ukDateOf } from './uk-time.ts';
import { AutomaticStage, CallbackStage, CycleStatus, MembershipType, Outcome } from './vocabulary.ts';

const Announcement = {
  none: 'none',
  outcome: 'outcome',
  visitCancelled: 'visit-cancelled',
} as const;
type Announcement = (typeof Announcement)[keyof typeof Announcement];

/** The cycle's fields a transition reads. */
interface TransitionCycle {
  membershipType: MembershipType;
  timetable: readonly Pick<Milestone, 'stage' | 'dueOn'>[];
  deadlines?: Record<string, string>;
  visitDate?: string;
  appeals?: number;
}

interface TransitionInput {
  stage: string;
  outcome: StageOutcome;
  /** What the person sent (the callback output), when the outcome follows a submission. */
  submission?: Record<string, unknown>;
  cycle: TransitionCycle;
  config: NetworkConfig;
  /** The UK day the outcome is recorded on. */
  today: IsoDate;
}

interface Transition {
  stage: string;
  status: CycleStatus;
  set: Record<string, unknown>;
  add?: Record<string, number>;
  /** Close the stage's task if still pending (a deadline passed with no answer). */
  closesTask: boolean;
  /** Keep the task in the reminder sweep's index (overdue: the escalations continue). */
  keepsReminders?: boolean;
  announce: Announcement;
  decision?: Outcome;
  reason?: string;
  /** Nothing follows: no step is owed, so the cycle has no current deadline. */
  finished: boolean;
}

const statusByDecision = {
  [Outcome.Accredited]: CycleStatus.accredited,
  [Outcome.Deferred]: CycleStatus.deferred,
  [Outcome.NotAccredited]: CycleStatus.notAccredited,
} as const;

const textOf = (submission: Record<string, unknown> | undefined, field: string): string => String(submission?.[field] ?? '');

/** The cycle's deadlines with `step`'s, opening today (unchanged when the network has no such window). */
const withDeadline = ({ cycle, config, today }: TransitionInput, step: CallbackStage): Record<string, string> => {
  const dueAt = stepDueAt(step, { config, membershipType: cycle.membershipType, opensOn: today, timetable: cycle.timetable, ...(cycle.visitDate ? { visitDate: cycle.visitDate } : {}) });
  return dueAt === undefined ? { ...cycle.deadlines } : { ...cycle.deadlines, [step]: dueAt };
};

/** Not accredited: the appeal window opens once per cycle (DESIGN §1 "an appeal window after Not accredited"); after an appeal the cycle is finished. */
const notAccredited = (input: TransitionInput, stage: string) => {
  const appealOpens = (input.cycle.appeals ?? 0) === 0;
  return appealOpens
    ? { stage, finished: false, deadlines: withDeadline(input, CallbackStage.appeal) }
    : { stage: AutomaticStage.closed, finished: true, deadlines: { ...input.cycle.deadlines } };
};

/** After a decision: the deferral window, the appeal window, or (accredited) the renewal dates and the end of the cycle. */
const decided = (input: TransitionInput): Transition => {
  const { submission, today } = input;
  const decision = textOf(submission, 'outcome') as Outcome;
  const reason = textOf(submission, 'reason');
  const base = { decision, decisionReason: reason, decidedOn: today, decidedBy: textOf(submission, 'decidedBy') };
  const common = { status: statusByDecision[decision], closesTask: false, announce: Announcement.outcome, decision, reason };
  if (decision === Outcome.Deferred) {
    return { ...common, stage: CallbackStage.committeeDecision, finished: false, set: { ...base, deadlines: withDeadline(input, CallbackStage.deferralEvidence) }, add: { deferrals: 1 } };
  }
  if (decision === Outcome.NotAccredited) {
    const { deadlines, ...next } = notAccredited(input, CallbackStage.committeeDecision);
    return { ...common, ...next, set: { ...base, deadlines } };
  }
  return { ...common, stage: AutomaticStage.closed, finished: true, set: { ...base, ...renewalDates(today) } };
};

const evidenceMissing = (input: TransitionInput): Transition => {
  const { cycle, today } = input;
  const windowEnd = cycle.deadlines?.[CallbackStage.deferralEvidence];
  const reason = `No evidence for the unmet standards was sent by the end of the deferral window (${windowEnd ? ukDateOf(new Date(windowEnd)) : today})`;
  const { deadlines, ...next } = notAccredited(input, CallbackStage.deferralEvidence);
  return {
    ...next,
    status: CycleStatus.notAccredited,
    set: { decision: Outcome.NotAccredited, decisionReason: reason, decidedOn: today, decidedBy: 'deferral window', deadlines },
    closesTask: true,
    announce: Announcement.outcome,
    decision: Outcome.NotAccredited,
    reason,
  };
};

/** Where the report goes once the factual-accuracy check closes: the committee, or (developmental) nowhere. */
const afterFactualAccuracy = (input: TransitionInput, deemed: boolean): Transition => {
  const { submission, cycle, today } = input;
  const developmental = cycle.membershipType === MembershipType.Developmental;
  const deadlines = developmental ? { ...cycle.deadlines } : withDeadline(input, CallbackStage.committeeDecision);
  // DESIGN §1.4: no answer by the deadline counts as acceptance, and is recorded as such.
  const factualAccuracy = deemed
    ? { outcome: 'deemed-accepted', closedOn: today }
    : { outcome: submission?.accepted === true ? 'accepted' : 'corrections', respondedBy: textOf(submission, 'respondedBy'), corrections: correctionsOf(submission), closedOn: today };
  return { stage: CallbackStage.factualAccuracy, status: CycleStatus.active, set: { deadlines, factualAccuracy }, closesTask: deemed, announce: Announcement.none, finished: false };
};

const toCommittee = (input: TransitionInput, status: CycleStatus, add?: Record<string, number>): Transition => ({
  stage: input.stage,
  status,
  set: { deadlines: withDeadline(input, CallbackStage.committeeDecision) },
  ...(add ? { add } : {}),
  closesTask: false,
  announce: Announcement.none,
  finished: false,
});

const quiet = { set: {}, announce: Announcement.none, finished: false } as const;

/** The table: one row per outcome. */
const transitions: { [O in StageOutcome]: (input: TransitionInput) => Transition } = {
  [StageOutcome.submitted]: ({ stage }) => ({ ...quiet, stage, status: CycleStatus.active, closesTask: false }),
  [StageOutcome.overdue]: ({ stage }) => ({ ...quiet, stage, status: CycleStatus.overdue, closesTask: true, keepsReminders: true }),
  [StageOutcome.decided]: decided,
  [StageOutcome.reportIssued]: () => ({ stage: AutomaticStage.closed, status: CycleStatus.reportIssued, set: {}, closesTask: false, announce: Announcement.outcome, finished: true }),
  [StageOutcome.visitCancelled]: (input) => ({
    stage: CallbackStage.peerReviewScheduling,
    status: CycleStatus.active,
    set: { deadlines: withDeadline(input, CallbackStage.peerReviewScheduling), cancelledVisitDate: input.cycle.visitDate ?? null, visitDate: null },
    closesTask: false,
    announce: Announcement.visitCancelled,
    reason: textOf(input.submission, 'reason'),
    finished: false,
  }),
  [StageOutcome.teamLapsed]: (input) => ({ ...quiet, stage: CallbackStage.manualAllocation, status: CycleStatus.active, set: { deadlines: withDeadline(input, CallbackStage.manualAllocation) }, closesTask: true }),
  [StageOutcome.factualAccuracyAnswered]: (input) => afterFactualAccuracy(input, false),
  [StageOutcome.factualAccuracyDeemedAccepted]: (input) => afterFactualAccuracy(input, true),
  [StageOutcome.evidenceSubmitted]: (input) => toCommittee(input, CycleStatus.active),
  [StageOutcome.evidenceMissing]: evidenceMissing,
  [StageOutcome.appealLodged]: (input) => toCommittee(input, CycleStatus.appealing, { appeals: 1 }),
  [StageOutcome.appealWindowClosed]: () => ({ ...quiet, stage: AutomaticStage.closed, status: CycleStatus.notAccredited, closesTask: true, finished: true }),
};

/** What recording `outcome` of `stage` does to the cycle. */
const cycleTransition = (input: TransitionInput): Transition => transitions[input.outcome](input);

export { Announcement, cycleTransition, StageOutcome };
export type { Transition, TransitionCycle, TransitionInput };
