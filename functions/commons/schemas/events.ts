// Payloads the state machine hands to its Lambda tasks (the ASL "Payload" objects).
import { z } from 'zod';
import {
  CallbackStage,
  Decision,
  RecipientRole,
  ResumeStage,
  executionArnSchema,
  idSchema,
  isoDateSchema,
} from './workflow.ts';

const enrolServiceEventSchema = z.object({
  cycleId: idSchema,
  serviceId: idSchema,
  cohortId: idSchema,
  startDate: isoDateSchema,
  executionArn: executionArnSchema,
  resumeAt: z.enum(Object.values(ResumeStage)).optional(),
});
type EnrolServiceEvent = z.infer<typeof enrolServiceEventSchema>;

const openCallbackTaskEventSchema = z.object({
  cycleId: idSchema,
  stage: z.enum(Object.values(CallbackStage)),
  taskToken: z.string().min(1),
  executionArn: executionArnSchema,
  dueAt: z.iso.datetime({ offset: true }),
  recipientRole: z.enum(Object.values(RecipientRole)),
});
type OpenCallbackTaskEvent = z.infer<typeof openCallbackTaskEventSchema>;

const StageOutcome = {
  submitted: 'submitted',
  overdue: 'overdue',
  decided: 'decided',
  reportIssued: 'report-issued',
} as const;

const recordStageOutcomeEventSchema = z.object({
  cycleId: idSchema,
  stage: z.enum(['self-review', 'committee-decision', 'report'] as const),
  outcome: z.enum(Object.values(StageOutcome)),
  executionArn: executionArnSchema,
  /** State name + entry time: the same state entry (and its retries) records once, a later loop again. */
  occurrenceId: z.string().min(1),
  decision: z.enum(Object.values(Decision)).optional(),
  reason: z.string().optional(),
  submission: z.record(z.string(), z.unknown()).optional(),
});
type RecordStageOutcomeEvent = z.infer<typeof recordStageOutcomeEventSchema>;

export { StageOutcome, enrolServiceEventSchema, openCallbackTaskEventSchema, recordStageOutcomeEventSchema };
export type { EnrolServiceEvent, OpenCallbackTaskEvent, RecordStageOutcomeEvent };
