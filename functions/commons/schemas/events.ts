// Payloads the state machine hands to its Lambda tasks (the ASL "Payload" objects).
// Named imports, not the `z` namespace: it would drag all of zod (every locale) into each Lambda bundle.
import { enum as zEnum, iso, object, record, string, unknown } from 'zod';
import type { z } from 'zod';
import {
  CallbackStage,
  Decision,
  RecipientRole,
  ResumeStage,
  executionArnSchema,
  idSchema,
  isoDateSchema,
} from './workflow.ts';

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
  recipientRole: zEnum(Object.values(RecipientRole)),
});
type OpenCallbackTaskEvent = z.infer<typeof openCallbackTaskEventSchema>;

const StageOutcome = {
  submitted: 'submitted',
  overdue: 'overdue',
  decided: 'decided',
  reportIssued: 'report-issued',
} as const;

const recordStageOutcomeEventSchema = object({
  cycleId: idSchema,
  stage: zEnum(['self-review', 'committee-decision', 'report'] as const),
  outcome: zEnum(Object.values(StageOutcome)),
  executionArn: executionArnSchema,
  /** State name + entry time: the same state entry (and its retries) records once, a later loop again. */
  occurrenceId: string().min(1),
  decision: zEnum(Object.values(Decision)).optional(),
  reason: string().optional(),
  submission: record(string(), unknown()).optional(),
});
type RecordStageOutcomeEvent = z.infer<typeof recordStageOutcomeEventSchema>;

export { StageOutcome, enrolServiceEventSchema, openCallbackTaskEventSchema, recordStageOutcomeEventSchema };
export type { EnrolServiceEvent, OpenCallbackTaskEvent, RecordStageOutcomeEvent };
