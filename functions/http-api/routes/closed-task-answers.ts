// The answer to a submission for a task that is no longer open: a repeat of the recorded answer
// gets that answer back; a late, withdrawn or conflicting one is a 409 saying which case it is.
// None of them changes anything.
import { isDeepStrictEqual } from 'node:util';
import { TaskStatus } from '#core/vocabulary';
import type { TaskRecord } from '#commons/helpers/records';
import { httpError, json } from '../http.ts';
import type { HttpApiResult } from '../http.ts';

const lateRefusalError = (task: TaskRecord) =>
  httpError(409, 'TaskTimedOut', `The ${task.stage} task had already ended (deadline ${task.dueAt}); the submission was not accepted`);

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

export { answerClosedTask, lateRefusalError };
