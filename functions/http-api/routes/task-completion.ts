// Completing a human step from the API. What a person clicks or types names the cycle and the
// stage; the API resolves it to the stored task token, records the submission with its audit
// event in one conditional write, then completes the callback task. A crash between the two is
// repaired by the same request again: the recorded submission is recognised and the callback sent.
import { isDeepStrictEqual } from 'node:util';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { TaskStatus } from '#core/vocabulary';
import { sfnClient } from '#commons/clients/sfn';
import { now } from '#commons/clock';
import { recordLateRefusal, recordSubmission } from '#commons/data/task';
import { transactionConditionFailures } from '#commons/helpers/conditions';
import { getTask } from '#commons/helpers/records';
import type { TaskRecord } from '#commons/helpers/records';
import { logger } from '#commons/powertools/logger';
import { httpError, json } from '../http.ts';
import type { HttpApiResult } from '../http.ts';

/** Errors by which Step Functions says the token can no longer complete anything. */
// Matched by error name (the AWS error code), which survives bundling and the SDK's deserialisation.
const finishedTokenErrors: readonly string[] = ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'];
const isFinishedTokenError = (error: unknown): boolean => error instanceof Error && finishedTokenErrors.includes(error.name);

// Deep equality, not JSON text: DynamoDB does not keep the key order of a stored map.
const sameSubmission = (task: TaskRecord, submission: Record<string, unknown>): boolean =>
  isDeepStrictEqual(task.submission, submission);

/** Answer to a submission for a task that is no longer open: states which case it is. */
const answerClosedTask = (task: TaskRecord, submission: Record<string, unknown>): HttpApiResult => {
  if (task.status === TaskStatus.timedOut) {
    throw httpError(409, 'TaskTimedOut', `The ${task.stage} deadline (${task.dueAt}) has passed; nothing was recorded`);
  }
  if (task.status === TaskStatus.overdue) {
    throw httpError(409, 'TaskOverdue', `The ${task.stage} deadline (${task.dueAt}) has passed; network staff may extend it. Nothing was recorded`);
  }
  if (task.status === TaskStatus.withdrawn) {
    throw httpError(409, 'CycleWithdrawn', `Cycle ${task.cycleId} was withdrawn; nothing was recorded`);
  }
  if (sameSubmission(task, submission)) {
    return json(200, { result: 'already-recorded', cycleId: task.cycleId, stage: task.stage, submission: task.submission, submittedAt: task.submittedAt });
  }
  throw httpError(409, 'TaskAlreadyCompleted', `The ${task.stage} task was already completed; nothing was changed`, {
    submission: task.submission,
    submittedAt: task.submittedAt,
  });
};

const sendTaskSuccess = async (task: TaskRecord, output: Record<string, unknown>): Promise<'completed' | 'finished-token'> => {
  try {
    await sfnClient.send(new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify(output) }));
    return 'completed';
  } catch (error) {
    if (isFinishedTokenError(error)) return 'finished-token';
    throw error;
  }
};

/** Records and completes an open task; answers a repeated, late or conflicting submission without changing anything. */
const completeTask = async (task: TaskRecord, submission: Record<string, unknown>, submittedBy: string): Promise<HttpApiResult> => {
  if (task.status === TaskStatus.submitted && sameSubmission(task, submission)) {
    // A retry after a crash between the write and the callback: complete it now (a no-op if done).
    await sendTaskSuccess(task, { ...submission, submittedAt: task.submittedAt });
  }
  if (task.status !== TaskStatus.open) return answerClosedTask(task, submission);
  const at = now();
  try {
    await recordSubmission(task, submission, submittedBy, at);
  } catch (error) {
    if (!transactionConditionFailures(error)) throw error;
    const current = await getTask(task.cycleId, task.stage);
    if (!current) throw error;
    return answerClosedTask(current, submission);
  }
  const outcome = await sendTaskSuccess(task, { ...submission, submittedAt: at.toISOString() });
  if (outcome === 'finished-token') {
    await recordLateRefusal(task, submittedBy, now());
    logger.info('Submission after the task had finished', { cycleId: task.cycleId, stage: task.stage, tokenHash: task.tokenHash });
    throw httpError(409, 'TaskTimedOut', `The ${task.stage} task had already ended (deadline ${task.dueAt}); the submission was not accepted`);
  }
  return json(202, { result: 'accepted', cycleId: task.cycleId, stage: task.stage, submission, submittedAt: at.toISOString() });
};

/** The task of a step, or a 404 naming what is missing. */
const requireTask = async (cycleId: string, stage: string): Promise<TaskRecord> => {
  const task = await getTask(cycleId, stage);
  if (!task) throw httpError(404, 'TaskNotFound', `Cycle ${cycleId} has no ${stage} task open`);
  return task;
};

export { completeTask, requireTask, sendTaskSuccess };
