// Payloads the state machine hands to its Lambda tasks (the ASL "Payload" objects).
// Named imports, not the `z` namespace: it would drag all of zod (every locale) into each Lambda bundle.
import { enum as zEnum, iso, object, record, string, unknown } from 'zod';
import type { z } from 'zod';
import { StageOutcome } from '#core/stage-outcomes';
import { CallbackStage, ResumeStage, TaskPhase } from '#core/vocabulary';
import { executionArnSchema, idSchema, isoDateSchema } from './workflow.ts';

/** State name + entry time: the same state entry (and its retries) records once, a later loop again. */
const occurrenceIdSchema = string().min(1).max(200);

const enrolServiceEventSchema = object({
  cycleId: idSchema,
  serviceId: idSchema,
  cohortId: idSchema,
  startDate: isoDateSchema,
  executionArn: executionArnSchema,
  resumeAt: zEnum(Object.values(ResumeStage)).optional(),
});
type EnrolServiceEvent = z.infer<typeof enrolServiceEventSchema>;

const openCallbackTaskEventSchema = object({
  cycleId: idSchema,
  stage: zEnum(Object.values(CallbackStage)),
  taskToken: string().min(1),
  executionArn: executionArnSchema,
  dueAt: iso.datetime({ offset: true }),
  /** `overdue`: the deadline has passed and the task waits for staff to extend it. */
  phase: zEnum(Object.values(TaskPhase)).default(TaskPhase.open),
});
type OpenCallbackTaskEvent = z.infer<typeof openCallbackTaskEventSchema>;

const recordStageOutcomeEventSchema = object({
  cycleId: idSchema,
  stage: zEnum(['report', ...Object.values(CallbackStage)] as [string, ...string[]]),
  outcome: zEnum(Object.values(StageOutcome)),
  executionArn: executionArnSchema,
  occurrenceId: occurrenceIdSchema,
  /** What the person sent (the callback output), when the outcome follows a submission. */
  submission: record(string(), unknown()).optional(),
});
type RecordStageOutcomeEvent = z.infer<typeof recordStageOutcomeEventSchema>;

/** `replacement`: an invited reviewer declined; the rest of the team and the date stand (issue 10, defect 3). */
const AllocationMode = { automatic: 'automatic', manual: 'manual', replacement: 'replacement' } as const;

const allocateReviewTeamEventSchema = object({
  cycleId: idSchema,
  executionArn: executionArnSchema,
  occurrenceId: occurrenceIdSchema,
  mode: zEnum(Object.values(AllocationMode)),
});
type AllocateReviewTeamEvent = z.infer<typeof allocateReviewTeamEventSchema>;

const draftReportEventSchema = object({
  cycleId: idSchema,
  executionArn: executionArnSchema,
  occurrenceId: occurrenceIdSchema,
});
type DraftReportEvent = z.infer<typeof draftReportEventSchema>;

const continueCycleEventSchema = object({
  cycleId: idSchema,
  resumeAt: zEnum(Object.values(ResumeStage)),
  executionArn: executionArnSchema,
  occurrenceId: occurrenceIdSchema,
  /** When the continuing state was entered: names the new execution, so a retry starts nothing new. */
  enteredTime: iso.datetime({ offset: true }),
});
type ContinueCycleEvent = z.infer<typeof continueCycleEventSchema>;

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
