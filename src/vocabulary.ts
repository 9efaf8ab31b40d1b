// The words of the review cycle (DESIGN §1), as `as const` objects so they serialise as
// plain strings in DynamoDB, Step Functions state and the API.

/** Stages of one service's review cycle, in order. */
const Stage = {
  Enrolment: 'enrolment',
  SelfReview: 'self-review',
  PeerReviewScheduling: 'peer-review-scheduling',
  Visit: 'visit',
  FactualAccuracy: 'factual-accuracy',
  CommitteeDecision: 'committee-decision',
} as const;
type Stage = (typeof Stage)[keyof typeof Stage];
const STAGE_ORDER: readonly Stage[] = Object.values(Stage);

/** Developmental: peer review only, no pass mark. Accreditation: a committee outcome. */
const MembershipType = {
  Accreditation: 'accreditation',
  Developmental: 'developmental',
} as const;
type MembershipType = (typeof MembershipType)[keyof typeof MembershipType];

/** CCQI standard types: 1 essential (safety, rights, dignity, the law), 2 expected, 3 desirable. */
const StandardType = {
  Essential: 1,
  Expected: 2,
  Desirable: 3,
} as const;
type StandardType = (typeof StandardType)[keyof typeof StandardType];
const STANDARD_TYPES: readonly StandardType[] = [1, 2, 3];

const ReviewerRole = {
  Lead: 'lead',
  Professional: 'professional',
  ExpertByExperience: 'expert-by-experience',
} as const;
type ReviewerRole = (typeof ReviewerRole)[keyof typeof ReviewerRole];

/** Who a reminder or escalation goes to (DESIGN §1: service lead, then the organisation's QI lead, then the network manager). */
const RecipientRole = {
  ServiceLead: 'service-lead',
  OrganisationQiLead: 'organisation-qi-lead',
  NetworkManager: 'network-manager',
  LeadReviewer: 'lead-reviewer',
} as const;
type RecipientRole = (typeof RecipientRole)[keyof typeof RecipientRole];

const Outcome = {
  Accredited: 'accredited',
  Deferred: 'deferred',
  NotAccredited: 'not-accredited',
} as const;
type Outcome = (typeof Outcome)[keyof typeof Outcome];

// ---- The workflow's words (statemachines/accreditation-cycle.asl.json, its handlers, the API) ----
// Timetable stages are the ones above; the workflow adds the human steps between them (team
// acceptance, manual allocation, peer ratings, the deferral and appeal windows).

/** Human steps: each is a `.waitForTaskToken` task whose token is stored under `TASK#<stage>`. */
const CallbackStage = {
  selfReview: Stage.SelfReview,
  /** The host service offers visit dates. */
  peerReviewScheduling: Stage.PeerReviewScheduling,
  /** The allocated reviewers accept their invitations (one task for the whole team). */
  reviewerAcceptance: 'reviewer-acceptance',
  /** No conflict-free team (or the team fell through): network staff allocate by hand. */
  manualAllocation: 'manual-allocation',
  /** Held until the visit day; the host may cancel (then the visit is rebooked). */
  visit: Stage.Visit,
  /** The lead reviewer records the review team's ratings. */
  peerRatings: 'peer-ratings',
  factualAccuracy: Stage.FactualAccuracy,
  committeeDecision: Stage.CommitteeDecision,
  deferralEvidence: 'deferral-evidence',
  appeal: 'appeal',
} as const;
type CallbackStage = (typeof CallbackStage)[keyof typeof CallbackStage];
const CALLBACK_STAGES: readonly CallbackStage[] = Object.values(CallbackStage);

/** Stages whose missed deadline is recorded as overdue and waits for staff to extend it (or withdraw). */
const ExtendableStage = {
  selfReview: CallbackStage.selfReview,
  peerReviewScheduling: CallbackStage.peerReviewScheduling,
  manualAllocation: CallbackStage.manualAllocation,
  peerRatings: CallbackStage.peerRatings,
  committeeDecision: CallbackStage.committeeDecision,
} as const;
type ExtendableStage = (typeof ExtendableStage)[keyof typeof ExtendableStage];

/** Steps without a person: what the state machine does between the human steps. */
const AutomaticStage = {
  enrolment: Stage.Enrolment,
  reportDrafting: 'report-drafting',
  /** Not a stage a cycle sits in: the cycle record's final stage once closed. */
  closed: 'closed',
} as const;
type AutomaticStage = (typeof AutomaticStage)[keyof typeof AutomaticStage];

/**
 * Where a cycle can sit, in the order the workflow walks them: the timetable's stages with the human
 * steps between them, then closed. The board's stage sort and the overview's chart read it.
 */
const CYCLE_STAGE_ORDER: readonly string[] = [
  Stage.Enrolment,
  CallbackStage.selfReview,
  CallbackStage.peerReviewScheduling,
  CallbackStage.reviewerAcceptance,
  CallbackStage.manualAllocation,
  CallbackStage.visit,
  CallbackStage.peerRatings,
  AutomaticStage.reportDrafting,
  CallbackStage.factualAccuracy,
  CallbackStage.committeeDecision,
  CallbackStage.deferralEvidence,
  CallbackStage.appeal,
  AutomaticStage.closed,
];

/** Where a new execution may pick a cycle up (continuation, redrive, new definition version). */
const ResumeStage = {
  enrolment: AutomaticStage.enrolment,
  ...CallbackStage,
  reportDrafting: AutomaticStage.reportDrafting,
} as const;
type ResumeStage = (typeof ResumeStage)[keyof typeof ResumeStage];

/** Which phase a callback task is in: open for the person who owes it, or overdue and waiting for staff. */
const TaskPhase = {
  open: 'open',
  overdue: 'overdue',
} as const;
type TaskPhase = (typeof TaskPhase)[keyof typeof TaskPhase];

const CycleStatus = {
  active: 'active',
  awaitingSubmission: 'awaiting-submission',
  overdue: 'overdue',
  accredited: 'accredited',
  deferred: 'deferred',
  notAccredited: 'not-accredited',
  appealing: 'appealing',
  reportIssued: 'report-issued',
  withdrawn: 'withdrawn',
} as const;
type CycleStatus = (typeof CycleStatus)[keyof typeof CycleStatus];

const TaskStatus = {
  open: 'open',
  /** The deadline passed; only an extension by staff (or a withdrawal) moves it on. */
  overdue: 'overdue',
  submitted: 'submitted',
  timedOut: 'timed-out',
  withdrawn: 'withdrawn',
  /** The cycle was resumed at another step: the execution that opened this one was stopped. */
  superseded: 'superseded',
} as const;
type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/** The user groups of the API (Cognito groups on AWS): who may act on what. */
const Group = {
  staff: 'staff',
  service: 'service',
  reviewer: 'reviewer',
  committee: 'committee',
} as const;
type Group = (typeof Group)[keyof typeof Group];
const GROUPS: readonly Group[] = Object.values(Group);

export {
  CYCLE_STAGE_ORDER,
  AutomaticStage,
  CALLBACK_STAGES,
  CallbackStage,
  CycleStatus,
  ExtendableStage,
  GROUPS,
  Group,
  MembershipType,
  Outcome,
  RecipientRole,
  ResumeStage,
  ReviewerRole,
  STAGE_ORDER,
  Stage,
  STANDARD_TYPES,
  StandardType,
  TaskPhase,
  TaskStatus,
};
