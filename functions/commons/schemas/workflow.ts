// Names shared by the state machine (statemachines/accreditation-cycle.asl.json), its handlers
// and the API. Stage keys are the domain core's timetable stages (#core Stage).
// Named imports, not the `z` namespace: it would drag all of zod (every locale) into each Lambda bundle.
import { iso, string } from 'zod';
import { MembershipType as CoreMembershipType, Stage } from '#core/vocabulary';

/** Stages a human completes through a callback task in the skeleton workflow. */
const CallbackStage = {
  selfReview: Stage.SelfReview,
  committeeDecision: Stage.CommitteeDecision,
} as const;
type CallbackStage = (typeof CallbackStage)[keyof typeof CallbackStage];

/** Where a new execution may pick a cycle up (continuation, redrive, new definition version). */
const ResumeStage = {
  enrolment: Stage.Enrolment,
  selfReview: CallbackStage.selfReview,
  committeeDecision: CallbackStage.committeeDecision,
} as const;

const CycleStatus = {
  active: 'active',
  awaitingSubmission: 'awaiting-submission',
  overdue: 'overdue',
  accredited: 'accredited',
  deferred: 'deferred',
  notAccredited: 'not-accredited',
  reportIssued: 'report-issued',
} as const;
type CycleStatus = (typeof CycleStatus)[keyof typeof CycleStatus];

const TaskStatus = {
  open: 'open',
  submitted: 'submitted',
  timedOut: 'timed-out',
} as const;
type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

const Decision = {
  accredited: 'accredited',
  deferred: 'deferred',
  notAccredited: 'not-accredited',
} as const;
type Decision = (typeof Decision)[keyof typeof Decision];

/** Who must act on a callback task; resolved to addresses from the cycle record. */
const RecipientRole = {
  serviceLead: 'service-lead',
  committee: 'committee',
} as const;
type RecipientRole = (typeof RecipientRole)[keyof typeof RecipientRole];

const MembershipType = CoreMembershipType;
type MembershipType = CoreMembershipType;

const idSchema = string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only');
const isoDateSchema = iso.date();
const executionArnSchema = string().startsWith('arn:aws:states:');

export {
  CallbackStage,
  CycleStatus,
  Decision,
  MembershipType,
  RecipientRole,
  ResumeStage,
  TaskStatus,
  executionArnSchema,
  idSchema,
  isoDateSchema,
};
