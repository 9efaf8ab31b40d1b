// Payloads the state machine hands to its Lambda tasks (the ASL "Payload" objects).
// zod/mini (#core/zod-mini): the classic API would put all of zod into every Lambda that reads its event.
import { _default, iso, maxLength, minLength, nullable, object, optional, record, string, unknown, enum as zEnum } from '#core/zod-mini';
import type { infer as Infer } from '#core/zod-mini';
import { StageOutcome } from '#core/stage-outcomes';
import { CallbackStage, ResumeStage, TaskPhase } from '#core/vocabulary';
import { executionArnSchema, idSchema, isoDateSchema } from './workflow.ts';

/** State name + entry time: the same state entry (and its retries) records once, a later loop again. */
const occurrenceIdSchema = string().check(minLength(1), maxLength(200));

const enrolServiceEventSchema = object({
  cycleId: idSchema,
  serviceId: idSchema,
  cohortId: idSchema,
  startDate: isoDateSchema,
  executionArn: executionArnSchema,
  resumeAt: optional(zEnum(Object.values(ResumeStage))),
  /** A follow-up cycle (interim review, renewal): the cycle whose accreditation scheduled it. Null for any other cycle (the ASL cannot leave a field out). */
  previousCycleId: optional(nullable(idSchema)),
});
type EnrolServiceEvent = Infer<typeof enrolServiceEventSchema>;

const openCallbackTaskEventSchema = object({
  cycleId: idSchema,
  stage: zEnum(Object.values(CallbackStage)),
  taskToken: string().check(minLength(1)),
  executionArn: executionArnSchema,
  dueAt: iso.datetime({ offset: true }),
  /** `overdue`: the deadline has passed and the task waits for staff to extend it. */
  phase: _default(zEnum(Object.values(TaskPhase)), TaskPhase.open),
});
type OpenCallbackTaskEvent = Infer<typeof openCallbackTaskEventSchema>;

const recordStageOutcomeEventSchema = object({
  cycleId: idSchema,
  stage: zEnum(['report', ...Object.values(CallbackStage)] as [string, ...string[]]),
  outcome: zEnum(Object.values(StageOutcome)),
  executionArn: executionArnSchema,
  occurrenceId: occurrenceIdSchema,
  /** What the person sent (the callback output), when the outcome follows a submission. */
  submission: optional(record(string(), unknown())),
});
type RecordStageOutcomeEvent = Infer<typeof recordStageOutcomeEventSchema>;

/** `replacement`: an invited reviewer declined; the rest of the team and the date stand (issue 10, defect 3). */
const AllocationMode = { automatic: 'automatic', manual: 'manual', replacement: 'replacement' } as const;

const allocateReviewTeamEventSchema = object({
  cycleId: idSchema,
  executionArn: executionArnSchema,
  occurrenceId: occurrenceIdSchema,
  mode: zEnum(Object.values(AllocationMode)),
});
type AllocateReviewTeamEvent = Infer<typeof allocateReviewTeamEventSchema>;

const draftReportEventSchema = object({
  cycleId: idSchema,
  executionArn: executionArnSchema,
  occurrenceId: occurrenceIdSchema,
});
type DraftReportEvent = Infer<typeof draftReportEventSchema>;

const continueCycleEventSchema = object({
  cycleId: idSchema,
  resumeAt: zEnum(Object.values(ResumeStage)),
  executionArn: executionArnSchema,
  occurrenceId: occurrenceIdSchema,
  /** When the continuing state was entered: names the new execution, so a retry starts nothing new. */
  enteredTime: iso.datetime({ offset: true }),
});
type ContinueCycleEvent = Infer<typeof continueCycleEventSchema>;

export {
  AllocationMode,
  StageOutcome,
  allocateReviewTeamEventSchema,
  continueCycleEventSchema,
  draftReportEventSchema,
  enrolServiceEventSchema,
  openCallbackTaskEventSchema,
  recordStageOutcomeEventSchema,
};
export type {
  AllocateReviewTeamEvent,
  ContinueCycleEvent,
  DraftReportEvent,
  EnrolServiceEvent,
  OpenCallbackTaskEvent,
  RecordStageOutcomeEvent,
};
