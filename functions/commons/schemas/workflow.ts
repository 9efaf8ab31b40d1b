// Names shared by the state machine (statemachines/accreditation-cycle.asl.json), its handlers
// and the API. Timetable stages are the domain core's (#core Stage); the workflow adds the human
// steps between them (team acceptance, manual allocation, the visit day, peer ratings, the
// deferral and appeal windows).
// Named imports, not the `z` namespace: it would drag all of zod (every locale) into each Lambda bundle.
import { iso, string } from 'zod';
import { MembershipType as CoreMembershipType, Outcome, Stage } from '#core/vocabulary';

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
} as const;
type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/** The committee's decision: the core's outcomes (one list of values), in this module's key style. */
const Decision = {
  accredited: Outcome.Accredited,
  deferred: Outcome.Deferred,
  notAccredited: Outcome.NotAccredited,
} as const;
type Decision = (typeof Decision)[keyof typeof Decision];

/** Who must act on a callback task; resolved to addresses from the cycle record. */
const RecipientRole = {
  serviceLead: 'service-lead',
  committee: 'committee',
  networkStaff: 'network-staff',
  reviewers: 'reviewers',
  leadReviewer: 'lead-reviewer',
} as const;
type RecipientRole = (typeof RecipientRole)[keyof typeof RecipientRole];

const MembershipType = CoreMembershipType;
type MembershipType = CoreMembershipType;

const idSchema = string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only');
// The message echoes the value: a typo in a list of dates is then easy to find.
const isoDateSchema = iso.date({ error: (issue) => `${JSON.stringify(issue.input)} is not a date: use YYYY-MM-DD` });
const executionArnSchema = string().startsWith('arn:aws:states:');

export {
  AutomaticStage,
  CallbackStage,
  CycleStatus,
  Decision,
  ExtendableStage,
  MembershipType,
  RecipientRole,
  ResumeStage,
  TaskPhase,
  TaskStatus,
  executionArnSchema,
  idSchema,
  isoDateSchema,
};
