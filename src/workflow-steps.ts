// Every human step of the review cycle, one row each: who owns it (who may complete it through the
// API besides network staff), who is reminded before its deadline and who is escalated to after
// it, the email it opens with, and how long it stays open. Authorisation, the reminder sweep, the
// timetable's dry run, the opening emails and the deadlines all read this table, so a rule of a
// step is written once.
import type { Duration } from './duration.ts';
import { EmailTemplate } from './email-templates.ts';
import type { NetworkConfig, StageDurations } from './network-config.ts';
import { CallbackStage, Group, RecipientRole, Stage } from './vocabulary.ts';
import type { MembershipType } from './vocabulary.ts';

/** After a missed deadline: the network's whole ladder, the network manager only, or nobody. */
const EscalationMode = {
  ladder: 'ladder',
  networkOnly: 'network-only',
  none: 'none',
} as const;
type EscalationMode = (typeof EscalationMode)[keyof typeof EscalationMode];

interface ReminderRule {
  /** Who the reminders before the deadline go to. */
  reminded: RecipientRole;
  escalation: EscalationMode;
}

/**
 * How long a step stays open. `timetable`: the cycle's dry run fixes it at the start.
 * `duration`: a length from the network configuration, counted from the day the step opens or
 * from the visit day. `until-visit`: held until the visit day begins.
 */
type StepWindow =
  | { kind: 'timetable' }
  | { kind: 'until-visit' }
  | {
      kind: 'duration';
      from: 'opening' | 'visit-day';
      /** Undefined when the network has no such window (e.g. no appeals for developmental members). */
      length: (config: NetworkConfig, membershipType: MembershipType) => Duration | undefined;
      /** A timetable stage that opens early (or again) never gets less time than the timetable planned. */
      notBeforeTimetable?: boolean;
      /** Reviewers answer by the working day before the visit at the latest. */
      byDayBeforeVisit?: boolean;
    };

interface WorkflowStep extends ReminderRule {
  /** Who completes the step besides network staff, who may act for anyone. */
  owner: Group;
  /** The SES template of the email the step opens with. */
  email: EmailTemplate;
  window: StepWindow;
}

const stageLength =
  (stage: keyof StageDurations) =>
  (config: NetworkConfig, membershipType: MembershipType): Duration | undefined =>
    config.stageDurations[membershipType]?.[stage];

/**
 * DESIGN §1. The service owes self-review, visit dates and the factual-accuracy answer; the
 * reviewers their invitations and the lead reviewer the peer ratings (escalated to the network, as
 * the visit is); the committee its decision. Missing the factual-accuracy deadline counts as
 * acceptance, and missing deferral evidence or an appeal has its own consequence, so none of them
 * escalates. Manual allocation and the committee decision are the network's own work.
 */
const WORKFLOW_STEPS: Readonly<Record<CallbackStage, WorkflowStep>> = {
  [CallbackStage.selfReview]: {
    owner: Group.service,
    reminded: RecipientRole.ServiceLead,
    escalation: EscalationMode.ladder,
    email: EmailTemplate.taskOpened,
    window: { kind: 'timetable' },
  },
  [CallbackStage.peerReviewScheduling]: {
    owner: Group.service,
    reminded: RecipientRole.ServiceLead,
    escalation: EscalationMode.ladder,
    email: EmailTemplate.taskOpened,
    window: { kind: 'duration', from: 'opening', length: stageLength(Stage.PeerReviewScheduling), notBeforeTimetable: true },
  },
  [CallbackStage.reviewerAcceptance]: {
    owner: Group.reviewer,
    reminded: RecipientRole.LeadReviewer,
    escalation: EscalationMode.none,
    email: EmailTemplate.reviewInvitation,
    window: { kind: 'duration', from: 'opening', length: (config) => config.acceptanceWindow, byDayBeforeVisit: true },
  },
  [CallbackStage.manualAllocation]: {
    owner: Group.staff,
    reminded: RecipientRole.NetworkManager,
    escalation: EscalationMode.none,
    email: EmailTemplate.noFeasibleTeam,
    window: { kind: 'duration', from: 'opening', length: (config) => config.allocationWindow },
  },
  [CallbackStage.visit]: {
    owner: Group.service,
    reminded: RecipientRole.LeadReviewer,
    escalation: EscalationMode.networkOnly,
    email: EmailTemplate.visitConfirmed,
    window: { kind: 'until-visit' },
  },
  [CallbackStage.peerRatings]: {
    owner: Group.reviewer,
    reminded: RecipientRole.LeadReviewer,
    escalation: EscalationMode.networkOnly,
    email: EmailTemplate.taskOpened,
    // Peer ratings are due when the draft report is: the report-drafting window after the visit.
    window: { kind: 'duration', from: 'visit-day', length: stageLength('report-drafting') },
  },
  [CallbackStage.factualAccuracy]: {
    owner: Group.service,
    reminded: RecipientRole.ServiceLead,
    escalation: EscalationMode.none,
    email: EmailTemplate.draftReport,
    window: { kind: 'duration', from: 'opening', length: (config) => config.factualAccuracyWindow },
  },
  [CallbackStage.committeeDecision]: {
    owner: Group.committee,
    reminded: RecipientRole.NetworkManager,
    escalation: EscalationMode.none,
    email: EmailTemplate.committeePack,
    window: { kind: 'duration', from: 'opening', length: stageLength(Stage.CommitteeDecision), notBeforeTimetable: true },
  },
  [CallbackStage.deferralEvidence]: {
    owner: Group.service,
    reminded: RecipientRole.ServiceLead,
    escalation: EscalationMode.none,
    email: EmailTemplate.deferralEvidenceRequest,
    window: { kind: 'duration', from: 'opening', length: (config) => config.deferral?.window },
  },
  [CallbackStage.appeal]: {
    owner: Group.service,
    reminded: RecipientRole.ServiceLead,
    escalation: EscalationMode.none,
    email: EmailTemplate.appealWindowOpened,
    window: { kind: 'duration', from: 'opening', length: (config) => config.appealWindow },
  },
};

/** Enrolment is a timetable stage without a person's task in the workflow; its dry run reminds the service. */
const ENROLMENT_REMINDERS: ReminderRule = { reminded: RecipientRole.ServiceLead, escalation: EscalationMode.ladder };

/**
 * Issue 13: an action of the plan made after the review is the service's work, reminded before its
 * due date and escalated after it like the service's own steps (the stage the sweep names it by).
 */
const ACTION_PLAN_STAGE = 'action-plan';
const ACTION_REMINDERS: ReminderRule = { reminded: RecipientRole.ServiceLead, escalation: EscalationMode.ladder };

const isCallbackStage = (stage: string): stage is CallbackStage => Object.hasOwn(WORKFLOW_STEPS, stage);

/** Who is reminded of a stage and who it escalates to; an unknown stage is owed by the service, like self-review. */
const reminderRuleOf = (stage: string): ReminderRule =>
  isCallbackStage(stage)
    ? WORKFLOW_STEPS[stage]
    : stage === Stage.Enrolment
      ? ENROLMENT_REMINDERS
      : stage === ACTION_PLAN_STAGE
        ? ACTION_REMINDERS
        : WORKFLOW_STEPS[CallbackStage.selfReview];

/** Who completes a step besides staff; undefined for a stage no one outside staff may complete. */
const stepOwnerOf = (stage: string): Group | undefined => (isCallbackStage(stage) ? WORKFLOW_STEPS[stage].owner : undefined);

export { ACTION_PLAN_STAGE, EscalationMode, WORKFLOW_STEPS, isCallbackStage, reminderRuleOf, stepOwnerOf };
export type { ReminderRule, StepWindow, WorkflowStep };
